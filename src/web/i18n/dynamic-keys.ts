import {
  catalogueVisibilities,
  collaborationForms,
  collaborationNatures,
  collaborationStatuses,
  countries,
  entryFieldNames,
  entryStatuses,
  membershipRoles,
  organisationKinds,
  organisationStatuses,
  roles,
  ticketMessageKinds,
  ticketStatuses,
  ticketUrgencies,
  transferKinds,
} from "../../platform/vocabulary.ts";
import { modules } from "../app/modules.ts";

/**
 * Keys the interface builds at run time (`kind.${kind}`): each prefix with every value it can take, so the
 * key check knows them as well as the literal ones.
 */
export const dynamicKeys: Record<string, readonly string[]> = {
  "kind.": organisationKinds,
  "country.": countries,
  "role.": roles,
  "status.": organisationStatuses,
  "identifier.": ["nis", "kbo", "cbs", "kvk", "oin"],
  "history.action.": [
    "create",
    "update",
    "import",
    "sign-in",
    "revoke",
    "password-reset",
    "password-reset-requested",
    "merge",
    "add-member",
    "confirm-member",
    "update-member",
    "remove-member",
  ],
  "form.": collaborationForms,
  "nature.": collaborationNatures,
  "collaborationStatus.": collaborationStatuses,
  "membershipRole.": membershipRoles,
  "map.measure.": ["collaborations", "collaboration", "domain"],
  "import.kind.": transferKinds,
  "entryStatus.": entryStatuses,
  "visibility.": catalogueVisibilities,
  "ticketStatus.": [...ticketStatuses, "open"],
  "urgency.": ticketUrgencies,
  "messageKind.": ticketMessageKinds,
  "messageAction.": ticketMessageKinds,
  "frontoffice.scope.": ["asked", "desk"],
  "entry.field.": entryFieldNames,
  "module.": modules.flatMap((m) => [`${m.key}.name`, `${m.key}.summary`]),
};
