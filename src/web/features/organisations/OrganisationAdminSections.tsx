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
import { useFormat } from "../../app/format.ts";
import { useSession } from "../../app/session.tsx";
import { useApi } from "../../app/use-api.ts";
import { useFormSubmit } from "../../app/use-form-submit.ts";
import { Field } from "../../components/Field.tsx";
import { ChoiceField } from "../../components/Selects.tsx";
import { EmptyState, ErrorState, Loading } from "../../components/states.tsx";

interface Person {
  id: string;
  name: string;
  email: string;
  role: string;
  hr: boolean;
  lastSignInAt: string | null;
  disabled: boolean;
}

interface Invitation {
  id: string;
  email: string;
  role: string;
  hr: boolean;
  expiresAt: string;
  expired: boolean;
  invitedBy: string | null;
}

/**
 * The organisation's people for its administrators: their role (changed here), when they last signed in, the
 * colleagues invited and not yet in, and an invitation by e-mail.
 */
export function PeopleSection({ organisationId }: { organisationId: string }) {
  const { t } = useTranslation();
  const dateTime = useFormat().moment;
  const { session } = useSession();
  const people = useApi<{ items: Person[] }>(`/organisations/${organisationId}/users`);
  const invited = useApi<{ items: Invitation[] }>(`/organisations/${organisationId}/invitations`);
  const [problem, setProblem] = useState<string | null>(null);
  const changeRole = async (person: Person, role: string) => {
    setProblem(null);
    try {
      await api(`/organisations/${organisationId}/users/${person.id}`, { method: "PATCH", body: { role } });
      people.reload();
    } catch (error) {
      setProblem((error as Error).message);
    }
  };
  const setActive = async (person: Person, active: boolean) => {
    setProblem(null);
    try {
      await api(`/organisations/${organisationId}/users/${person.id}/active`, { method: "PUT", body: { active } });
      people.reload();
    } catch (error) {
      setProblem((error as Error).message);
    }
  };
  const withdraw = async (id: string) => {
    await api(`/invitations/${id}`, { method: "DELETE" });
    invited.reload();
  };
  return (
    <section aria-labelledby="people">
      <Heading2 id="people">{t("people.title")}</Heading2>
      {people.loading ? <Loading /> : null}
      {people.error ? <ErrorState error={people.error} onRetry={people.reload} /> : null}
      {problem ? (
        <Alert type="error" role="alert">
          <Paragraph>{problem}</Paragraph>
        </Alert>
      ) : null}
      {people.data && people.data.items.length === 0 ? (
        <EmptyState>
          <Paragraph>{t("people.none")}</Paragraph>
        </EmptyState>
      ) : null}
      {people.data?.items.length ? (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a box that scrolls must take the keyboard's focus to be scrolled by it (WCAG 2.1.1)
        <section className="samen-scroll" aria-label={t("people.title")} tabIndex={0}>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t("people.name")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("people.email")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("people.role")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("people.lastSignIn")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("people.account")}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {people.data.items.map((p) => (
                <TableRow key={p.id}>
                  <TableCell>
                    {p.name}
                    {p.hr ? ` (${t("people.hr")})` : ""}
                    {p.disabled ? ` (${t("people.disabled")})` : ""}
                  </TableCell>
                  <TableCell>{p.email}</TableCell>
                  <TableCell>
                    <select
                      className="utrecht-select utrecht-select--html-select"
                      aria-label={t("people.roleOf", { name: p.name })}
                      value={p.role}
                      onChange={(e) => changeRole(p, e.target.value)}
                    >
                      {roles.map((r) => (
                        <option key={r} value={r}>
                          {t(`role.${r}`)}
                        </option>
                      ))}
                    </select>
                  </TableCell>
                  <TableCell>{p.lastSignInAt ? dateTime(p.lastSignInAt) : t("people.never")}</TableCell>
                  <TableCell>
                    {p.id === session?.user.id ? (
                      "—"
                    ) : (
                      <Button appearance="subtle-button" onClick={() => setActive(p, p.disabled)}>
                        {p.disabled
                          ? t("people.reactivate", { name: p.name })
                          : t("people.deactivate", { name: p.name })}
                      </Button>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </section>
      ) : null}
      {invited.data?.items.length ? (
        <>
          <h3 className="utrecht-heading-3">{t("people.invited")}</h3>
          <ul className="samen-plain-list">
            {invited.data.items.map((i) => (
              <li key={i.id}>
                {i.email}, {t(`role.${i.role}`)}
                {" · "}
                {i.expired ? t("people.expired") : t("people.validUntil", { date: dateTime(i.expiresAt) })}{" "}
                <Button appearance="subtle-button" onClick={() => withdraw(i.id)}>
                  {t("people.withdraw", { email: i.email })}
                </Button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <InviteForm organisationId={organisationId} onDone={invited.reload} />
    </section>
  );
}

function InviteForm({ organisationId, onDone }: { organisationId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState("editor");
  const [sent, setSent] = useState<string | null>(null);
  const { errors, failed, submit } = useFormSubmit(async () => {
    await api(`/organisations/${organisationId}/invitations`, { method: "POST", body: { email, role } });
    setSent(email);
    setEmail("");
    onDone();
  });
  return (
    <form onSubmit={submit} noValidate className="samen-form" aria-labelledby="invite">
      <h3 id="invite" className="utrecht-heading-3">
        {t("people.invite")}
      </h3>
      <Paragraph>{t("people.inviteIntro")}</Paragraph>
      {failed ? (
        <Alert type="error" role="alert">
          <Paragraph>{t("state.error.generic")}</Paragraph>
        </Alert>
      ) : null}
      <Field label={t("people.email")} error={errors.email}>
        {(props) => (
          <Textbox
            {...props}
            type="email"
            autoComplete="off"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        )}
      </Field>
      <ChoiceField
        label={t("people.role")}
        value={role}
        onChange={setRole}
        error={errors.role}
        options={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))}
      />
      <div className="samen-actions">
        <Button type="submit" appearance="primary-action-button">
          {t("people.sendInvitation")}
        </Button>
      </div>
      {sent ? <Paragraph role="status">{t("people.invitationSent", { email: sent })}</Paragraph> : null}
    </form>
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
  const when = useFormat().moment;
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
  const when = useFormat().moment;
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
