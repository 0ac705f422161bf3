import {
  Alert,
  Button,
  Heading2,
  Paragraph,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Textbox,
} from "@utrecht/component-library-react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { roles } from "../../../platform/vocabulary.ts";
import { api } from "../../app/api.ts";
import { useApi } from "../../app/use-api.ts";
import { Field } from "../../components/Field.tsx";
import { ChoiceField } from "../../components/Selects.tsx";
import { EmptyState, ErrorState, Loading } from "../../components/states.tsx";

const useDateTime = () => {
  const { i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(i18n.language === "en" ? "en-GB" : "nl-BE", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Europe/Brussels",
  });
  return (iso: string) => format.format(new Date(iso));
};

export function PeopleSection({ organisationId }: { organisationId: string }) {
  const { t } = useTranslation();
  const people = useApi<{ items: { id: string; name: string; email: string; role: string }[] }>(
    `/organisations/${organisationId}/users`,
  );
  return (
    <section aria-labelledby="people">
      <Heading2 id="people">{t("people.title")}</Heading2>
      {people.loading ? <Loading /> : null}
      {people.error ? <ErrorState error={people.error} onRetry={people.reload} /> : null}
      {people.data && people.data.items.length === 0 ? (
        <EmptyState>
          <Paragraph>{t("people.none")}</Paragraph>
        </EmptyState>
      ) : null}
      {people.data?.items.length ? (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t("people.name")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("people.email")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("people.role")}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {people.data.items.map((p) => (
              <TableRow key={p.id}>
                <TableCell>{p.name}</TableCell>
                <TableCell>{p.email}</TableCell>
                <TableCell>{t(`role.${p.role}`)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
    </section>
  );
}

interface Token {
  id: string;
  name: string;
  role: string;
  scopes: string[];
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
}

export function TokensSection({ organisationId }: { organisationId: string }) {
  const { t } = useTranslation();
  const when = useDateTime();
  const tokens = useApi<{ items: Token[] }>(`/organisations/${organisationId}/tokens`);
  const [name, setName] = useState("");
  const [role, setRole] = useState("viewer");
  const [write, setWrite] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const create = async (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const { data } = await api<{ token: string }>("/tokens", {
        method: "POST",
        body: { name, organisationId, role, scopes: write ? ["read", "write"] : ["read"] },
      });
      setCreated(data.token);
      setName("");
      tokens.reload();
    } catch {
      setError(t("tokens.createFailed"));
    }
  };
  const revoke = async (id: string) => {
    await api(`/tokens/${id}`, { method: "DELETE" });
    tokens.reload();
  };

  return (
    <section aria-labelledby="tokens">
      <Heading2 id="tokens">{t("tokens.title")}</Heading2>
      <Paragraph>{t("tokens.intro")}</Paragraph>
      {created ? (
        <Alert type="ok" role="status">
          <Paragraph>{t("tokens.created")}</Paragraph>
          <code className="samen-secret">{created}</code>
        </Alert>
      ) : null}
      {tokens.loading ? <Loading /> : null}
      {tokens.error ? <ErrorState error={tokens.error} onRetry={tokens.reload} /> : null}
      {tokens.data && tokens.data.items.length === 0 ? <Paragraph>{t("tokens.none")}</Paragraph> : null}
      {tokens.data?.items.length ? (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t("tokens.name")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("people.role")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("tokens.scopes")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("tokens.expires")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("tokens.lastUsed")}</TableHeaderCell>
              <TableHeaderCell scope="col">
                <span className="samen-visually-hidden">{t("tokens.actions")}</span>
              </TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {tokens.data.items.map((token) => (
              <TableRow key={token.id}>
                <TableCell>{token.name}</TableCell>
                <TableCell>{t(`role.${token.role}`)}</TableCell>
                <TableCell>{token.scopes.join(", ")}</TableCell>
                <TableCell>{token.expiresAt ? when(token.expiresAt) : t("tokens.never")}</TableCell>
                <TableCell>{token.lastUsedAt ? when(token.lastUsedAt) : "—"}</TableCell>
                <TableCell>
                  <Button appearance="subtle-button" onClick={() => void revoke(token.id)}>
                    {t("tokens.revoke", { name: token.name })}
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
      <form onSubmit={create} className="samen-form samen-inline-form">
        {error ? (
          <Alert type="error" role="alert">
            <Paragraph>{error}</Paragraph>
          </Alert>
        ) : null}
        <Field label={t("tokens.name")}>
          {(props) => (
            <Textbox {...props} value={name} required maxLength={100} onChange={(e) => setName(e.target.value)} />
          )}
        </Field>
        <ChoiceField
          label={t("people.role")}
          value={role}
          onChange={setRole}
          options={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))}
        />
        <label className="samen-checkbox">
          <input type="checkbox" checked={write} onChange={(e) => setWrite(e.target.checked)} /> {t("tokens.write")}
        </label>
        <div className="samen-actions">
          <Button type="submit" appearance="secondary-action-button" disabled={!name.trim()}>
            {t("tokens.create")}
          </Button>
        </div>
      </form>
    </section>
  );
}

interface AuditEvent {
  id: number;
  at: string;
  action: string;
  actor: { name: string | null; tokenId: string | null };
  before: unknown;
  after: unknown;
}

export function HistorySection({ organisationId, version }: { organisationId: string; version: number }) {
  const { t } = useTranslation();
  const when = useDateTime();
  const history = useApi<{ items: AuditEvent[] }>(`/audit?entityType=organisation&entityId=${organisationId}&limit=20`);
  const { reload } = history;
  const [shownVersion, setShownVersion] = useState(version);
  // A save raises the version: read the history again so the change shows at once.
  useEffect(() => {
    if (version !== shownVersion) {
      setShownVersion(version);
      reload();
    }
  }, [version, shownVersion, reload]);
  return (
    <section aria-labelledby="history">
      <Heading2 id="history">{t("history.title")}</Heading2>
      {history.loading ? <Loading /> : null}
      {history.error ? <Paragraph>{t("history.none")}</Paragraph> : null}
      {history.data?.items.length ? (
        <ol className="samen-history">
          {history.data.items.map((e) => (
            <li key={e.id}>
              <strong>{when(e.at)}</strong> · {e.actor.name ?? t("history.system")} ·{" "}
              {t(`history.action.${e.action}`, { defaultValue: e.action })}
              {e.after && typeof e.after === "object" ? (
                <ul>
                  {Object.entries(e.after as Record<string, unknown>).map(([field, value]) => (
                    <li key={field}>
                      <code>{field}</code>:{" "}
                      {JSON.stringify((e.before as Record<string, unknown> | null)?.[field] ?? null)} →{" "}
                      {JSON.stringify(value)}
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
