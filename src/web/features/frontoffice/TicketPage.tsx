import {
  Alert,
  Button,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading1,
  Heading2,
  Paragraph,
  Textarea,
  Textbox,
} from "@utrecht/component-library-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { TicketMessageKind } from "../../../platform/vocabulary.ts";
import { ApiError, api, fieldErrors } from "../../app/api.ts";
import { useFormat } from "../../app/format.ts";
import { AppLink, useLocation } from "../../app/router.tsx";
import { useApi } from "../../app/use-api.ts";
import { Field } from "../../components/Field.tsx";
import { Markdown } from "../../components/Markdown.tsx";
import { ChoiceField } from "../../components/Selects.tsx";
import { ErrorState, Loading } from "../../components/states.tsx";
import { asAttachment, checkFiles } from "./AskPage.tsx";
import type { Ticket } from "./types.ts";

/** One ticket: the question, the conversation, and what each side can do next. */
export function TicketPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const ticket = useApi<Ticket>(`/tickets/${id}`);
  if (ticket.loading && !ticket.data) return <Loading />;
  if (ticket.error || !ticket.data) return <ErrorState error={ticket.error} onRetry={ticket.reload} />;
  const tk = ticket.data;
  const filesOf = (messageId: string | null) => tk.attachments.filter((a) => a.messageId === messageId);
  return (
    <>
      <p className="samen-breadcrumb">
        <AppLink href="/frontoffice" className="utrecht-link">
          {t("frontoffice.title")}
        </AppLink>
      </p>
      <Heading1>
        {t("frontoffice.ticket", { number: tk.number })}: {tk.subject}
      </Heading1>
      <DataList className="samen-facts">
        <DataListItem>
          <DataListKey>{t("frontoffice.status")}</DataListKey>
          <DataListValue>
            {t(`ticketStatus.${tk.status}`)}
            {tk.overdue ? <span className="samen-badge samen-badge--late">{t("frontoffice.late")}</span> : null}
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t("frontoffice.asker")}</DataListKey>
          <DataListValue>
            {tk.asker.name}
            {tk.askedBy ? ` (${tk.askedBy})` : ""}
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t("frontoffice.provider")}</DataListKey>
          <DataListValue>{tk.provider.name}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t("frontoffice.urgency")}</DataListKey>
          <DataListValue>{t(`urgency.${tk.urgency}`)}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t("frontoffice.due")}</DataListKey>
          <DataListValue>{format.date(tk.dueOn)}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t("frontoffice.assignee")}</DataListKey>
          <DataListValue>{tk.assignee?.name ?? t("frontoffice.nobody")}</DataListValue>
        </DataListItem>
        {tk.theme ? (
          <DataListItem>
            <DataListKey>{t("catalogue.theme")}</DataListKey>
            <DataListValue>{tk.theme}</DataListValue>
          </DataListItem>
        ) : null}
        {tk.domain ? (
          <DataListItem>
            <DataListKey>{t("collaborations.domain")}</DataListKey>
            <DataListValue>{tk.domain.name}</DataListValue>
          </DataListItem>
        ) : null}
      </DataList>
      {tk.entryId ? (
        <Paragraph>
          <AppLink href={`/partnercatalogus/${tk.entryId}`} className="utrecht-link">
            {t("frontoffice.entryMade")}
          </AppLink>
        </Paragraph>
      ) : null}
      <section aria-labelledby="conversation">
        <Heading2 id="conversation">{t("frontoffice.conversation")}</Heading2>
        <ol className="samen-messages">
          <li className="samen-message">
            <p className="samen-message__meta">
              {tk.askedBy ?? tk.asker.name} · {format.moment(tk.createdAt)}
            </p>
            <p className="samen-message__text">{tk.question}</p>
            <Files ticketId={tk.id} files={filesOf(null)} />
          </li>
          {tk.messages.map((m) => (
            <li
              key={m.id}
              className={`samen-message samen-message--${m.kind}${m.fromDesk ? " samen-message--desk" : ""}`}
            >
              <p className="samen-message__meta">
                <strong>{t(`messageKind.${m.kind}`)}</strong> · {m.author} · {format.moment(m.createdAt)}
              </p>
              <Markdown>{m.body}</Markdown>
              <Files ticketId={tk.id} files={filesOf(m.id)} />
            </li>
          ))}
        </ol>
      </section>
      {tk.abilities.reply || tk.abilities.work ? <MessageForm ticket={tk} onSent={ticket.replace} /> : null}
      {tk.abilities.work || tk.abilities.close || tk.abilities.reopen || tk.abilities.makeEntry ? (
        <Handling ticket={tk} etag={ticket.etag} onSaved={ticket.replace} onConflict={ticket.reload} />
      ) : null}
    </>
  );
}

function Files({ ticketId, files }: { ticketId: string; files: Ticket["attachments"] }) {
  const { t } = useTranslation();
  if (!files.length) return null;
  return (
    <ul className="samen-files" aria-label={t("frontoffice.attachments")}>
      {files.map((f) => (
        <li key={f.id}>
          <a className="utrecht-link" href={`/api/tickets/${ticketId}/attachments/${f.id}`} download={f.filename}>
            {f.filename}
          </a>{" "}
          ({Math.max(1, Math.round(f.size / 1024))} kB)
        </li>
      ))}
    </ul>
  );
}

function MessageForm({ ticket, onSent }: { ticket: Ticket; onSent: (t: Ticket, etag: string | null) => void }) {
  const { t } = useTranslation();
  const kinds: TicketMessageKind[] = ticket.abilities.work ? ["answer", "question", "note"] : ["reply"];
  const [kind, setKind] = useState<TicketMessageKind>(kinds[0] as TicketMessageKind);
  const [body, setBody] = useState("");
  const [files, setFiles] = useState<File[]>([]);
  const [error, setError] = useState<string | undefined>();
  const [sending, setSending] = useState(false);
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setError(undefined);
    const fileError = checkFiles(files, t);
    if (fileError) return setError(fileError);
    setSending(true);
    try {
      const attachments = await Promise.all(files.map(asAttachment));
      const sent = await api<Ticket>(`/tickets/${ticket.id}/messages`, {
        method: "POST",
        body: { kind, body, attachments },
      });
      setBody("");
      setFiles([]);
      onSent(sent.data, sent.etag);
    } catch (e) {
      setError(fieldErrors(e).body ?? t("state.error.generic"));
    } finally {
      setSending(false);
    }
  };
  return (
    <form onSubmit={submit} noValidate className="samen-form" aria-labelledby="write">
      <Heading2 id="write">{t("frontoffice.write")}</Heading2>
      {kinds.length > 1 ? (
        <ChoiceField
          label={t("frontoffice.kind")}
          value={kind}
          onChange={(v) => setKind(v as TicketMessageKind)}
          options={kinds.map((k) => ({ value: k, label: t(`messageAction.${k}`) }))}
        />
      ) : null}
      <Field label={t("frontoffice.message")} description={t("frontoffice.messageHint")} error={error}>
        {(props) => <Textarea {...props} rows={6} value={body} onChange={(e) => setBody(e.target.value)} />}
      </Field>
      <Field label={t("frontoffice.attachments")} description={t("frontoffice.attachmentsHint")}>
        {(props) => <input {...props} type="file" multiple onChange={(e) => setFiles([...(e.target.files ?? [])])} />}
      </Field>
      <Button type="submit" appearance="primary-action-button" disabled={sending}>
        {t(`messageAction.${kind}`)}
      </Button>
    </form>
  );
}

function Handling({
  ticket,
  etag,
  onSaved,
  onConflict,
}: {
  ticket: Ticket;
  etag: string | null;
  onSaved: (t: Ticket, etag: string | null) => void;
  onConflict: () => void;
}) {
  const { t } = useTranslation();
  const { navigate } = useLocation();
  const [assignee, setAssignee] = useState(ticket.assignee?.id ?? "");
  const [theme, setTheme] = useState(ticket.theme ?? "");
  const [problem, setProblem] = useState<"conflict" | "failed" | null>(null);
  const save = async (body: Record<string, unknown>) => {
    setProblem(null);
    try {
      const saved = await api<Ticket>(`/tickets/${ticket.id}`, { method: "PATCH", body, ifMatch: etag });
      onSaved(saved.data, saved.etag);
    } catch (e) {
      setProblem(e instanceof ApiError && e.status === 412 ? "conflict" : "failed");
    }
  };
  const makeEntry = async () => {
    setProblem(null);
    try {
      const { data } = await api<{ id: string }>(`/tickets/${ticket.id}/catalogue-entry`, { method: "POST" });
      navigate(`/partnercatalogus/${data.id}`);
    } catch {
      setProblem("failed");
    }
  };
  return (
    <section aria-labelledby="handling" className="samen-form">
      <Heading2 id="handling">{t("frontoffice.handling")}</Heading2>
      {problem === "conflict" ? (
        <Alert type="warning" role="alert">
          <Paragraph>{t("frontoffice.conflict")}</Paragraph>
          <Button appearance="secondary-action-button" onClick={onConflict}>
            {t("frontoffice.reload")}
          </Button>
        </Alert>
      ) : null}
      {problem === "failed" ? (
        <Alert type="error" role="alert">
          <Paragraph>{t("state.error.generic")}</Paragraph>
        </Alert>
      ) : null}
      {ticket.abilities.work ? (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void save({ assigneeUserId: assignee || null, theme: theme.trim() || null });
          }}
        >
          <ChoiceField
            label={t("frontoffice.assignee")}
            value={assignee}
            onChange={setAssignee}
            empty={t("frontoffice.nobody")}
            options={ticket.staff.map((s) => ({ value: s.id, label: s.name }))}
          />
          <Field label={t("catalogue.theme")}>
            {(props) => <Textbox {...props} value={theme} onChange={(e) => setTheme(e.target.value)} />}
          </Field>
          <Button type="submit" appearance="secondary-action-button">
            {t("entry.save")}
          </Button>
        </form>
      ) : null}
      <div className="samen-actions">
        {ticket.abilities.makeEntry ? (
          <Button appearance="primary-action-button" onClick={() => void makeEntry()}>
            {t("frontoffice.makeEntry")}
          </Button>
        ) : null}
        {ticket.abilities.close ? (
          <Button appearance="secondary-action-button" onClick={() => void save({ status: "closed" })}>
            {t("frontoffice.close")}
          </Button>
        ) : null}
        {ticket.abilities.reopen ? (
          <Button appearance="secondary-action-button" onClick={() => void save({ status: "assigned" })}>
            {t("frontoffice.reopen")}
          </Button>
        ) : null}
      </div>
    </section>
  );
}
