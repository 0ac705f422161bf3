import {
  Button,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading1,
  Heading2,
  Paragraph,
  PreHeading,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@utrecht/component-library-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../app/api.ts";
import { useFormat } from "../../app/format.ts";
import { AppLink } from "../../app/router.tsx";
import { useApi } from "../../app/use-api.ts";
import { RegisterTabs } from "../../components/RegisterTabs.tsx";
import { ErrorState, Loading } from "../../components/states.tsx";
import { AddMemberForm, EditCollaborationForm } from "./CollaborationForms.tsx";
import type { Collaboration, Membership } from "./types.ts";

function MembersTable({
  members,
  caption,
  onConfirm,
  onEnd,
  onRemove,
}: {
  members: Membership[];
  caption: string;
  onConfirm: (id: string) => void;
  onEnd?: (membership: Membership) => void;
  onRemove?: (membership: Membership) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Table className="samen-table">
      <caption className="samen-visually-hidden">{caption}</caption>
      <TableHeader>
        <TableRow>
          <TableHeaderCell scope="col">{t("members.organisation")}</TableHeaderCell>
          <TableHeaderCell scope="col">{t("people.role")}</TableHeaderCell>
          <TableHeaderCell scope="col" className="samen-number">
            {t("members.share")}
          </TableHeaderCell>
          <TableHeaderCell scope="col">{t("members.period")}</TableHeaderCell>
          <TableHeaderCell scope="col">{t("members.verified")}</TableHeaderCell>
          {onEnd || onRemove ? (
            <TableHeaderCell scope="col">
              <span className="samen-visually-hidden">{t("tokens.actions")}</span>
            </TableHeaderCell>
          ) : null}
        </TableRow>
      </TableHeader>
      <TableBody>
        {members.map((m) => (
          <TableRow key={m.id}>
            <TableCell>
              <AppLink href={`/organisaties/${m.organisation.id}`} className="utrecht-link">
                {m.organisation.name}
              </AppLink>
              {m.carriedOver ? (
                <span className="samen-badge samen-badge--status">{t("portfolio.carriedOver")}</span>
              ) : null}
            </TableCell>
            <TableCell>{t(`membershipRole.${m.role}`)}</TableCell>
            <TableCell className="samen-number">
              {m.shareBasisPoints === null ? "—" : format.percent(m.shareBasisPoints)}
            </TableCell>
            <TableCell>
              {m.validFrom ? format.date(m.validFrom) : "…"} – {m.validTo ? format.date(m.validTo) : "…"}
            </TableCell>
            <TableCell>
              {m.confirmed ? t("members.yes") : m.awaitingConfirmation ? t("members.notYet") : t("members.openData")}
              {m.abilities.confirm ? (
                <Button appearance="subtle-button" onClick={() => onConfirm(m.id)}>
                  {t("members.confirm", { name: m.organisation.name })}
                </Button>
              ) : null}
            </TableCell>
            {onEnd || onRemove ? (
              <TableCell>
                {m.abilities.update && onEnd && !m.validTo ? (
                  <Button appearance="subtle-button" onClick={() => onEnd(m)}>
                    {t("members.end", { name: m.organisation.name })}
                  </Button>
                ) : null}
                {m.abilities.update && onRemove ? (
                  <Button appearance="subtle-button" onClick={() => onRemove(m)}>
                    {t("members.remove", { name: m.organisation.name })}
                  </Button>
                ) : null}
              </TableCell>
            ) : null}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

export function CollaborationPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const collaboration = useApi<Collaboration>(`/collaborations/${id}`);
  const [editing, setEditing] = useState(false);
  if (collaboration.loading && !collaboration.data) return <Loading />;
  if (collaboration.error || !collaboration.data)
    return <ErrorState error={collaboration.error} onRetry={collaboration.reload} />;
  const c = collaboration.data;
  const confirm = async (membershipId: string) => {
    await api(`/memberships/${membershipId}/confirm`, { method: "POST" });
    collaboration.reload();
  };
  // Ending keeps the history: the last day is yesterday, so from today the organisation is a former member
  // (unless it only joined today). Removing is for a membership entered by mistake.
  const end = async (m: Membership) => {
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const validTo = m.validFrom && m.validFrom > yesterday ? m.validFrom : yesterday;
    await api(`/memberships/${m.id}`, { method: "PATCH", body: { validTo }, ifMatch: `"v${m.version}"` });
    collaboration.reload();
  };
  const remove = async (m: Membership) => {
    if (!window.confirm(t("members.removeConfirm", { name: m.organisation.name }))) return;
    await api(`/memberships/${m.id}`, { method: "DELETE" });
    collaboration.reload();
  };
  const manage = c.abilities.manageMembers
    ? { onEnd: (m: Membership) => void end(m), onRemove: (m: Membership) => void remove(m) }
    : {};
  return (
    <article>
      <RegisterTabs />
      <PreHeading>
        {t(`form.${c.form}`)} · {t(`country.${c.country}`)}
      </PreHeading>
      <Heading1>{c.name}</Heading1>
      {c.description ? <Paragraph lead>{c.description}</Paragraph> : null}
      <section aria-labelledby="collaboration-facts">
        <Heading2 id="collaboration-facts">{t("organisation.facts")}</Heading2>
        <DataList className="samen-datalist">
          <DataListItem>
            <DataListKey>{t("collaborations.nature")}</DataListKey>
            <DataListValue>{t(`nature.${c.nature}`)}</DataListValue>
          </DataListItem>
          <DataListItem>
            <DataListKey>{t("organisation.status")}</DataListKey>
            <DataListValue>
              {t(`collaborationStatus.${c.status}`)}
              {c.startedOn ? ` · ${t("organisation.since", { date: format.date(c.startedOn) })}` : ""}
              {c.endedOn ? ` · ${t("organisation.until", { date: format.date(c.endedOn) })}` : ""}
            </DataListValue>
          </DataListItem>
          {c.kboNumber ? (
            <DataListItem>
              <DataListKey>{t("identifier.kbo")}</DataListKey>
              <DataListValue>
                <code>{c.kboNumber}</code>
              </DataListValue>
            </DataListItem>
          ) : null}
          {c.cbsCode ? (
            <DataListItem>
              <DataListKey>{t("identifier.cbs")}</DataListKey>
              <DataListValue>
                <code>{c.cbsCode}</code>
              </DataListValue>
            </DataListItem>
          ) : null}
          {c.seat ? (
            <DataListItem>
              <DataListKey>{t("collaboration.seat")}</DataListKey>
              <DataListValue>{c.seat}</DataListValue>
            </DataListItem>
          ) : null}
          <DataListItem>
            <DataListKey>{t("collaborations.domain")}</DataListKey>
            <DataListValue>
              {c.domains.length ? c.domains.map((d) => d.name).join(", ") : t("collaboration.noDomains")}
            </DataListValue>
          </DataListItem>
          <DataListItem>
            <DataListKey>{t("collaboration.coordinator")}</DataListKey>
            <DataListValue>
              {c.coordinator ? (
                <AppLink href={`/organisaties/${c.coordinator.id}`} className="utrecht-link">
                  {c.coordinator.name}
                </AppLink>
              ) : (
                t("collaboration.noCoordinator")
              )}
            </DataListValue>
          </DataListItem>
          <DataListItem>
            <DataListKey>{t("organisation.source")}</DataListKey>
            <DataListValue>
              {c.source}
              {c.sourceDate ? ` (${format.date(c.sourceDate)})` : ""}
            </DataListValue>
          </DataListItem>
        </DataList>
        {c.abilities.update && !editing ? (
          <Button appearance="secondary-action-button" onClick={() => setEditing(true)}>
            {t("organisation.edit")}
          </Button>
        ) : null}
        {editing ? (
          <EditCollaborationForm
            collaboration={c}
            etag={collaboration.etag}
            onSaved={(saved, etag) => {
              collaboration.replace(saved, etag);
              setEditing(false);
            }}
            onCancel={() => setEditing(false)}
            onReload={collaboration.reload}
          />
        ) : null}
      </section>
      <section aria-labelledby="members">
        <Heading2 id="members">{t("members.title", { count: c.members.length })}</Heading2>
        {c.members.length > 1 ? (
          <Paragraph>
            <AppLink href={`/netwerk?samenwerking=${c.id}`} className="utrecht-link">
              {t("members.asNetwork")}
            </AppLink>
          </Paragraph>
        ) : null}
        {c.members.length ? (
          <MembersTable
            members={c.members}
            caption={t("members.title", { count: c.members.length })}
            onConfirm={(m) => void confirm(m)}
            {...manage}
          />
        ) : (
          <Paragraph>{t("members.none")}</Paragraph>
        )}
        {c.abilities.manageMembers ? (
          <AddMemberForm collaborationId={c.id} onAdded={(saved) => collaboration.replace(saved, null)} />
        ) : null}
      </section>
      {c.formerMembers.length ? (
        <section aria-labelledby="former-members">
          <Heading2 id="former-members">{t("members.former")}</Heading2>
          <MembersTable
            members={c.formerMembers}
            caption={t("members.former")}
            onConfirm={(m) => void confirm(m)}
            {...manage}
          />
        </section>
      ) : null}
    </article>
  );
}
