import { modules } from "../app/modules.ts";
import { organisationKinds } from "../features/organisations/types.ts";

/**
 * Keys the interface builds at run time (`kind.${kind}`): each prefix with every value it can take, so the
 * key check knows them as well as the literal ones.
 */
export const dynamicKeys: Record<string, readonly string[]> = {
  "kind.": organisationKinds,
  "country.": ["BE", "NL"],
  "role.": ["admin", "editor", "viewer"],
  "status.": ["active", "merged", "dissolved"],
  "identifier.": ["nis", "kbo", "cbs", "kvk", "oin"],
  "history.action.": ["create", "update", "import", "sign-in", "revoke", "password-reset", "password-reset-requested"],
  "module.": modules.flatMap((m) => [`${m.key}.name`, `${m.key}.summary`]),
};
