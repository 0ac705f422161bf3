import { Button, Heading1, Heading2, Paragraph, Textarea, Textbox } from "@utrecht/component-library-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../app/api.ts";
import { AppLink } from "../../app/router.tsx";
import { useApi } from "../../app/use-api.ts";
import { useFormSubmit } from "../../app/use-form-submit.ts";
import { Field } from "../../components/Field.tsx";
import { FormFrame } from "../../components/FormFrame.tsx";
import { ErrorState, Loading } from "../../components/states.tsx";
import type { Issue, NewsletterItem } from "./types.ts";

/** An issue: its items in order, edited and moved while it is a draft; a preview as mailed; sending. */
export function IssuePage({ id }: { id: string }) {
  const { t } = useTranslation();
  const issue = useApi<Issue>(`/newsletter-issues/${id}`);
  const [previewing, setPreviewing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  if (issue.loading && !issue.data) return <Loading />;
  if (issue.error || !issue.data) return <ErrorState error={issue.error} onRetry={issue.reload} />;
  const i = issue.data;
  const save = async (changes: Partial<Pick<Issue, "subject" | "intro" | "items">>) => {
    setBusy(true);
    try {
      const { data, etag } = await api<Issue>(`/newsletter-issues/${i.id}`, {
        method: "PATCH",
        body: changes,
        ifMatch: `"v${i.version}"`,
      });
      issue.replace(data, etag);
    } finally {
      setBusy(false);
    }
  };
  const move = (from: number, to: number) => {
    const items = [...i.items];
    const [item] = items.splice(from, 1);
    if (item) items.splice(to, 0, item);
    return save({ items });
  };
  const send = async () => {
    setBusy(true);
    try {
      const { data } = await api<Issue>(`/newsletter-issues/${i.id}/send`, { method: "POST" });
      issue.replace(data, null);
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <p className="samen-breadcrumb">
        <AppLink href="/nieuwsbrief">{t("module.newsletter.name")}</AppLink>
      </p>
      <Heading1>{i.subject}</Heading1>
      <p className="samen-result__meta">
        <span className="samen-badge">{t(`issueStatus.${i.status}`)}</span>
        {i.status !== "draft" ? (
          <span role="status">
            {t("newsletter.deliveryCounts", {
              sent: i.deliveries.sent,
              pending: i.deliveries.pending + i.deliveries.sending,
              failed: i.deliveries.failed,
              uncertain: i.deliveries.uncertain,
            })}
          </span>
        ) : null}
      </p>
      {i.abilities.manage ? (
        <HeaderForm issue={i} onSave={(changes) => save(changes)} />
      ) : (
        <Paragraph lead>{i.intro}</Paragraph>
      )}
      <Heading2>{t("newsletter.items")}</Heading2>
      <ol className="samen-items">
        {i.items.map((item, n) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: an item has no identity but its place; a move saves and reloads the list
          <li key={`${i.version}-${n}`}>
            {i.abilities.manage ? (
              <ItemEditor
                item={item}
                busy={busy}
                first={n === 0}
                last={n === i.items.length - 1}
                onUp={() => move(n, n - 1)}
                onDown={() => move(n, n + 1)}
                onRemove={() => save({ items: i.items.filter((_, k) => k !== n) })}
                onSave={(changed) => save({ items: i.items.map((old, k) => (k === n ? changed : old)) })}
              />
            ) : (
              <>
                <strong>{item.title}</strong>
                <p>{item.body}</p>
              </>
            )}
          </li>
        ))}
      </ol>
      <div className="samen-actions">
        <Button
          appearance="secondary-action-button"
          onClick={() => setPreviewing(!previewing)}
          aria-expanded={previewing}
        >
          {previewing ? t("newsletter.hidePreview") : t("newsletter.preview")}
        </Button>
        {i.abilities.send && i.status === "draft" && !confirming ? (
          <Button appearance="primary-action-button" onClick={() => setConfirming(true)}>
            {t("newsletter.send")}
          </Button>
        ) : null}
      </div>
      {confirming ? (
        <div role="alertdialog" aria-labelledby="send-confirm" className="samen-form">
          <p id="send-confirm">{t("newsletter.sendConfirm")}</p>
          <Button appearance="primary-action-button" disabled={busy} onClick={send}>
            {t("newsletter.sendNow")}
          </Button>
          <Button appearance="subtle-button" onClick={() => setConfirming(false)}>
            {t("newsletter.cancel")}
          </Button>
        </div>
      ) : null}
      {previewing ? <Preview key={i.version} id={i.id} /> : null}
    </>
  );
}

/** The issue as it will be mailed; made again for every version of the draft (the component's key). */
function Preview({ id }: { id: string }) {
  const { t } = useTranslation();
  const preview = useApi<{ html: string; text: string }>(`/newsletter-issues/${id}/preview`);
  if (preview.loading && !preview.data) return <Loading />;
  if (preview.error || !preview.data) return <ErrorState error={preview.error} onRetry={preview.reload} />;
  return (
    <iframe title={t("newsletter.previewTitle")} className="samen-mail-preview" sandbox="" srcDoc={preview.data.html} />
  );
}

function HeaderForm({
  issue,
  onSave,
}: {
  issue: Issue;
  onSave: (changes: { subject?: string; intro?: string }) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [subject, setSubject] = useState(issue.subject);
  const [intro, setIntro] = useState(issue.intro);
  const { errors, failed, submit } = useFormSubmit(async () => {
    await onSave({ ...(subject !== issue.subject ? { subject } : {}), ...(intro !== issue.intro ? { intro } : {}) });
  });
  return (
    <FormFrame
      id="issue-header"
      title={t("newsletter.header")}
      failed={failed}
      submitLabel={t("newsletter.save")}
      onSubmit={submit}
      onCancel={() => {
        setSubject(issue.subject);
        setIntro(issue.intro);
      }}
      submitDisabled={subject === issue.subject && intro === issue.intro}
    >
      <Field label={t("newsletter.subject")} error={errors.subject}>
        {(p) => <Textbox {...p} value={subject} onChange={(e) => setSubject(e.target.value)} />}
      </Field>
      <Field label={t("newsletter.introField")} error={errors.intro}>
        {(p) => <Textarea {...p} rows={3} value={intro} onChange={(e) => setIntro(e.target.value)} />}
      </Field>
    </FormFrame>
  );
}

function ItemEditor(props: {
  item: NewsletterItem;
  busy: boolean;
  first: boolean;
  last: boolean;
  onUp: () => void;
  onDown: () => void;
  onRemove: () => void;
  onSave: (item: NewsletterItem) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [title, setTitle] = useState(props.item.title);
  const [body, setBody] = useState(props.item.body);
  const { errors, failed, submit } = useFormSubmit(async () => {
    await props.onSave({ ...props.item, title, body });
    setEditing(false);
  });
  if (editing)
    return (
      <FormFrame
        id={`item-${props.item.sourceId ?? title}`}
        title={t("newsletter.editItem")}
        failed={failed}
        submitLabel={t("newsletter.save")}
        onSubmit={submit}
        onCancel={() => setEditing(false)}
      >
        <Field label={t("newsletter.itemTitle")} error={errors["items.0.title"]}>
          {(p) => <Textbox {...p} value={title} onChange={(e) => setTitle(e.target.value)} />}
        </Field>
        <Field label={t("newsletter.itemBody")} error={errors["items.0.body"]}>
          {(p) => <Textarea {...p} rows={6} value={body} onChange={(e) => setBody(e.target.value)} />}
        </Field>
      </FormFrame>
    );
  return (
    <div className="samen-item">
      <strong>{props.item.title}</strong> <span className="samen-hint">{t(`newsletterItem.${props.item.kind}`)}</span>
      <div className="samen-actions">
        <Button appearance="subtle-button" disabled={props.busy} onClick={() => setEditing(true)}>
          {t("newsletter.editItem")}
        </Button>
        <Button appearance="subtle-button" disabled={props.busy || props.first} onClick={props.onUp}>
          {t("newsletter.up")}
        </Button>
        <Button appearance="subtle-button" disabled={props.busy || props.last} onClick={props.onDown}>
          {t("newsletter.down")}
        </Button>
        <Button appearance="subtle-button" disabled={props.busy} onClick={props.onRemove}>
          {t("newsletter.remove")}
        </Button>
      </div>
    </div>
  );
}
