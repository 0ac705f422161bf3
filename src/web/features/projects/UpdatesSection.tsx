import { Button, Heading2, Heading3, Paragraph, Textarea, Textbox } from "@utrecht/component-library-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../app/api.ts";
import { useFormat } from "../../app/format.ts";
import { useApi } from "../../app/use-api.ts";
import { useFormSubmit } from "../../app/use-form-submit.ts";
import { Field } from "../../components/Field.tsx";
import { FormFrame } from "../../components/FormFrame.tsx";
import { Markdown } from "../../components/Markdown.tsx";
import { EmptyState, ErrorState, Loading } from "../../components/states.tsx";
import type { ProgressUpdate } from "./types.ts";

/** A project's progress updates, newest first: posted by the team and the participants, in Markdown. */
export function UpdatesSection({ projectId, mayPost }: { projectId: string; mayPost: boolean }) {
  const { t } = useTranslation();
  const { date } = useFormat();
  const updates = useApi<{ items: ProgressUpdate[] }>(`/projects/${projectId}/updates`);
  const [writing, setWriting] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <section aria-labelledby="updates">
      <Heading2 id="updates">{t("progress.title")}</Heading2>
      {mayPost && !writing ? (
        <Button appearance="secondary-action-button" onClick={() => setWriting(true)}>
          {t("progress.write")}
        </Button>
      ) : null}
      {writing ? (
        <UpdateForm
          path={`/projects/${projectId}/updates`}
          onDone={() => {
            setWriting(false);
            updates.reload();
          }}
        />
      ) : null}
      {updates.loading && !updates.data ? <Loading /> : null}
      {updates.error ? <ErrorState error={updates.error} onRetry={updates.reload} /> : null}
      {updates.data && !updates.data.items.length ? (
        <EmptyState>
          <Paragraph>{t("progress.none")}</Paragraph>
        </EmptyState>
      ) : null}
      {updates.data?.items.map((u) => (
        <article key={u.id} className="samen-update" aria-labelledby={`update-${u.id}`}>
          <Heading3 id={`update-${u.id}`}>{u.title}</Heading3>
          <p className="samen-hint">
            {u.author.organisation.name}
            {u.author.name ? ` · ${u.author.name}` : ""} · {date(u.createdAt.slice(0, 10))}
            {u.participant ? ` · ${t("progress.about", { participant: u.participant.name })}` : ""}
            {u.edited ? ` · ${t("progress.edited")}` : ""}
          </p>
          {editing === u.id ? (
            <UpdateForm
              path={`/progress-updates/${u.id}`}
              update={u}
              onDone={() => {
                setEditing(null);
                updates.reload();
              }}
            />
          ) : (
            <Markdown>{u.body}</Markdown>
          )}
          {u.abilities.edit && editing !== u.id ? (
            <Button appearance="subtle-button" onClick={() => setEditing(u.id)}>
              {t("progress.edit")}
            </Button>
          ) : null}
        </article>
      ))}
    </section>
  );
}

function UpdateForm({ path, update, onDone }: { path: string; update?: ProgressUpdate; onDone: () => void }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(update?.title ?? "");
  const [body, setBody] = useState(update?.body ?? "");
  const { errors, failed, submit } = useFormSubmit(async () => {
    if (update)
      await api(path, {
        method: "PATCH",
        body: { ...(title !== update.title ? { title } : {}), ...(body !== update.body ? { body } : {}) },
        ifMatch: `"v${update.version}"`,
      });
    else await api(path, { method: "POST", body: { title, body } });
    onDone();
  });
  return (
    <FormFrame
      id={update ? `edit-${update.id}` : "new-update"}
      title={update ? t("progress.edit") : t("progress.write")}
      failed={failed}
      submitLabel={update ? t("progress.save") : t("progress.post")}
      onSubmit={submit}
      onCancel={onDone}
    >
      <Field label={t("progress.heading")} error={errors.title}>
        {(p) => <Textbox {...p} value={title} onChange={(e) => setTitle(e.target.value)} />}
      </Field>
      <Field label={t("progress.body")} description={t("progress.bodyHint")} error={errors.body}>
        {(p) => <Textarea {...p} rows={8} value={body} onChange={(e) => setBody(e.target.value)} />}
      </Field>
    </FormFrame>
  );
}
