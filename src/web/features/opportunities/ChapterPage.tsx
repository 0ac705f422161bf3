import { Button, Heading2, Paragraph, Textarea } from "@utrecht/component-library-react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api } from "../../app/api.ts";
import { useFormat } from "../../app/format.ts";
import { useSession } from "../../app/session.tsx";
import { useApi } from "../../app/use-api.ts";
import { Field } from "../../components/Field.tsx";
import { Markdown } from "../../components/Markdown.tsx";
import { ErrorState, Loading } from "../../components/states.tsx";
import { ModuleFrame } from "./ModuleFrame.tsx";
import type { Chapter } from "./types.ts";

/**
 * The chapter on collaboration for the council programme: the draft Samen writes from the municipality's figures,
 * edited in the page, saved with the version read, and downloaded as Word, PDF or Markdown.
 */
export function ChapterPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const format = useFormat();
  const own = session?.activeOrganisation;
  const chapter = useApi<Chapter>(own ? `/organisations/${own.id}/chapter` : null);
  const [text, setText] = useState("");
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (chapter.data) setText(chapter.data.body);
  }, [chapter.data]);
  const data = chapter.data;
  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    setStatus(null);
    setError(null);
    try {
      const { etag } = await api<{ version: number }>(`/organisations/${own?.id}/chapter`, {
        method: "PUT",
        body: { body: text },
        ifMatch: chapter.etag,
      });
      if (data) chapter.replace({ ...data, body: text.trim(), saved: true, updatedAt: new Date().toISOString() }, etag);
      setStatus(t("chapter.saved"));
    } catch (e) {
      setError(
        e instanceof ApiError && e.status === 412
          ? t("chapter.changedElsewhere")
          : e instanceof ApiError && e.fields.length
            ? (e.fields[0]?.message ?? e.message)
            : t("state.error.generic"),
      );
    }
  };
  const base = `/api/organisations/${own?.id}/chapter`;
  return (
    <ModuleFrame
      part="chapter"
      title={(organisation) => t("chapter.titleOf", { organisation })}
      intro={t("chapter.intro")}
    >
      {() => (
        <>
          {chapter.loading && !data ? <Loading label={t("chapter.loading")} /> : null}
          {chapter.error ? <ErrorState error={chapter.error} onRetry={chapter.reload} /> : null}
          {data ? (
            <>
              <section aria-labelledby="chapter-downloads" className="samen-no-print">
                <Heading2 id="chapter-downloads">{t("chapter.download")}</Heading2>
                <ul className="samen-plain-list">
                  <li>
                    <a className="utrecht-link" href={`${base}.docx`}>
                      {t("chapter.docx")}
                    </a>
                  </li>
                  <li>
                    <a className="utrecht-link" href={`${base}.pdf`}>
                      {t("chapter.pdf")}
                    </a>
                  </li>
                  <li>
                    <a className="utrecht-link" href={`${base}.md`}>
                      {t("chapter.markdown")}
                    </a>
                  </li>
                </ul>
                <Paragraph className="samen-muted">
                  {data.saved && data.updatedAt
                    ? t("chapter.savedOn", { date: format.date(data.updatedAt.slice(0, 10)) })
                    : t("chapter.isDraft")}
                </Paragraph>
              </section>
              {data.abilities.keep ? (
                <form
                  onSubmit={save}
                  noValidate
                  className="samen-form samen-form--wide samen-no-print"
                  aria-labelledby="chapter-edit"
                >
                  <Heading2 id="chapter-edit">{t("chapter.edit")}</Heading2>
                  <Field label={t("chapter.text")} description={t("chapter.textHint")} error={error ?? undefined}>
                    {(p) => (
                      <Textarea
                        {...p}
                        rows={24}
                        value={text}
                        onChange={(e) => setText(e.target.value)}
                        className="samen-chapter-text"
                      />
                    )}
                  </Field>
                  <div className="samen-actions">
                    <Button type="submit" appearance="primary-action-button">
                      {t("chapter.save")}
                    </Button>
                    <Button appearance="subtle-button" onClick={() => setText(data.draft)}>
                      {t("chapter.useDraft")}
                    </Button>
                  </div>
                  {status ? <Paragraph role="status">{status}</Paragraph> : null}
                </form>
              ) : null}
              <section aria-labelledby="chapter-preview">
                <Heading2 id="chapter-preview">{t("chapter.preview")}</Heading2>
                <Markdown>{text}</Markdown>
              </section>
            </>
          ) : null}
        </>
      )}
    </ModuleFrame>
  );
}
