import { Button, Heading2, Textbox } from "@utrecht/component-library-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { languageHeader } from "../../app/api.ts";
import { useFormat } from "../../app/format.ts";
import { useApi } from "../../app/use-api.ts";
import { DataTable } from "../../components/DataTable.tsx";
import { Field } from "../../components/Field.tsx";
import { FormFrame } from "../../components/FormFrame.tsx";
import { ErrorState, Loading } from "../../components/states.tsx";

interface ProjectDocument {
  id: string;
  participant: { id: string; name: string } | null;
  title: string;
  filename: string;
  contentType: string;
  size: number;
  uploadedBy: { organisation: string; name: string | null };
  createdAt: string;
}

/** A project's documents, and those of the participants' tracks the reader may see; attaching one. */
export function DocumentsSection({ projectId, mayAttach }: { projectId: string; mayAttach: boolean }) {
  const { t } = useTranslation();
  const { date, number } = useFormat();
  const documents = useApi<{ items: ProjectDocument[] }>(`/projects/${projectId}/documents`);
  const [attaching, setAttaching] = useState(false);
  return (
    <section aria-labelledby="documents">
      <Heading2 id="documents">{t("documents.title")}</Heading2>
      {mayAttach && !attaching ? (
        <Button appearance="secondary-action-button" onClick={() => setAttaching(true)}>
          {t("documents.attach")}
        </Button>
      ) : null}
      {attaching ? (
        <AttachForm
          uploadUrl={`/api/projects/${projectId}/documents`}
          onDone={() => {
            setAttaching(false);
            documents.reload();
          }}
        />
      ) : null}
      {documents.loading && !documents.data ? <Loading /> : null}
      {documents.error ? <ErrorState error={documents.error} onRetry={documents.reload} /> : null}
      {documents.data ? (
        <DataTable
          rows={documents.data.items}
          rowKey={(d) => d.id}
          empty={t("documents.none")}
          columns={[
            {
              title: t("documents.document"),
              cell: (d) => (
                <a className="utrecht-link" href={`/api/project-documents/${d.id}`} download={d.filename}>
                  {d.title}
                </a>
              ),
            },
            { title: t("documents.about"), cell: (d) => d.participant?.name ?? t("documents.wholeProject") },
            {
              title: t("documents.size"),
              numeric: true,
              cell: (d) => t("documents.kilobytes", { size: number(Math.max(1, Math.round(d.size / 1024))) }),
            },
            {
              title: t("documents.by"),
              cell: (d) => `${d.uploadedBy.organisation} · ${date(d.createdAt.slice(0, 10))}`,
            },
          ]}
        />
      ) : null}
    </section>
  );
}

/** Attaching a document: a title and a file, sent as its bytes to `uploadUrl`. */
export function AttachForm({ uploadUrl, onDone }: { uploadUrl: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failed, setFailed] = useState(false);
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setErrors({});
    setFailed(false);
    if (!file) {
      setErrors({ file: t("documents.chooseFile") });
      return;
    }
    const query = new URLSearchParams({ title, filename: file.name });
    const response = await fetch(`${uploadUrl}?${query}`, {
      method: "POST",
      headers: { "content-type": file.type || "application/octet-stream", ...languageHeader() },
      body: await file.arrayBuffer(),
      credentials: "same-origin",
    });
    if (response.ok) return onDone();
    const problem = (await response.json().catch(() => ({}))) as {
      errors?: { field: string; message: string }[];
      detail?: string;
    };
    const fields = Object.fromEntries(
      (problem.errors ?? []).map((e) => [e.field.replace(/^(querystring|body)\./, ""), e.message]),
    );
    if (response.status === 415) fields.file = t("documents.typeNotAccepted");
    if (response.status === 413) fields.file = t("documents.tooLarge");
    setErrors(fields);
    setFailed(!Object.keys(fields).length);
  };
  return (
    <FormFrame
      id="attach-document"
      title={t("documents.attach")}
      failed={failed}
      submitLabel={t("documents.upload")}
      onSubmit={submit}
      onCancel={onDone}
    >
      <Field label={t("documents.documentTitle")} error={errors.title}>
        {(p) => <Textbox {...p} value={title} onChange={(e) => setTitle(e.target.value)} />}
      </Field>
      <Field label={t("documents.file")} description={t("documents.fileHint")} error={errors.file}>
        {(p) => (
          <input
            {...p}
            type="file"
            className="utrecht-textbox"
            accept=".pdf,.docx,.xlsx,.pptx,.odt,.ods,.png,.jpg,.jpeg,.txt,.csv"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        )}
      </Field>
    </FormFrame>
  );
}
