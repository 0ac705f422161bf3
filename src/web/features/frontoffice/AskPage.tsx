import { Alert, Button, Heading1, Paragraph, Textarea, Textbox } from "@utrecht/component-library-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ticketUrgencies } from "../../../platform/vocabulary.ts";
import { ApiError, api, fieldErrors } from "../../app/api.ts";
import { useLocation } from "../../app/router.tsx";
import { useApi } from "../../app/use-api.ts";
import { Field } from "../../components/Field.tsx";
import { ChoiceField, DomainField } from "../../components/Selects.tsx";
import { EmptyState, ErrorState, Loading } from "../../components/states.tsx";
import type { CatalogueInfo } from "../catalogue/types.ts";
import type { Ticket } from "./types.ts";

export const maxFiles = 3;
export const maxFileBytes = 2 * 1024 * 1024;

/** A file as the API takes it: its name, type and bytes in base64. */
export async function asAttachment(file: File) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { filename: file.name, contentType: file.type || "application/octet-stream", data: btoa(binary) };
}

/** Checks chosen files before they travel: at most three, each at most 2 MiB. */
export function checkFiles(files: File[], t: (key: string, options?: Record<string, unknown>) => string) {
  if (files.length > maxFiles) return t("frontoffice.tooManyFiles", { max: maxFiles });
  const big = files.find((f) => f.size > maxFileBytes);
  return big ? t("frontoffice.fileTooBig", { name: big.name }) : undefined;
}

/** Ask a provider's front office a question: it becomes a ticket with a service level. */
export function AskPage() {
  const { t } = useTranslation();
  const { navigate } = useLocation();
  const params = new URLSearchParams(window.location.search);
  const catalogues = useApi<{ items: CatalogueInfo[] }>("/catalogues");
  const askable = catalogues.data?.items.filter((c) => c.abilities.ask) ?? [];
  const [providerId, setProviderId] = useState(params.get("aanbieder") ?? "");
  const [subject, setSubject] = useState(params.get("vraag") ?? "");
  const [question, setQuestion] = useState("");
  const [domain, setDomain] = useState("");
  const [urgency, setUrgency] = useState("normal");
  const [files, setFiles] = useState<File[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failed, setFailed] = useState(false);
  const [sending, setSending] = useState(false);
  if (catalogues.loading) return <Loading />;
  if (catalogues.error) return <ErrorState error={catalogues.error} onRetry={catalogues.reload} />;
  if (!askable.length) {
    return (
      <>
        <Heading1>{t("frontoffice.ask")}</Heading1>
        <EmptyState>
          <Paragraph>{t("frontoffice.nobodyToAsk")}</Paragraph>
        </EmptyState>
      </>
    );
  }
  const provider = askable.some((c) => c.provider.id === providerId) ? providerId : (askable[0]?.provider.id ?? "");
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setErrors({});
    setFailed(false);
    const fileError = checkFiles(files, t);
    if (fileError) return setErrors({ attachments: fileError });
    setSending(true);
    try {
      const attachments = await Promise.all(files.map(asAttachment));
      const { data } = await api<Ticket>("/tickets", {
        method: "POST",
        body: { providerId: provider, subject, question, urgency, domainId: domain || null, attachments },
      });
      navigate(`/frontoffice/${data.id}`);
    } catch (error) {
      const fields = fieldErrors(error);
      setErrors(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k.split(".")[0] as string, v])));
      setFailed(!(error instanceof ApiError && error.fields.length));
    } finally {
      setSending(false);
    }
  };
  return (
    <>
      <Heading1>{t("frontoffice.ask")}</Heading1>
      <Paragraph lead>{t("frontoffice.askIntro")}</Paragraph>
      <form onSubmit={submit} noValidate className="samen-form">
        {failed ? (
          <Alert type="error" role="alert">
            <Paragraph>{t("state.error.generic")}</Paragraph>
          </Alert>
        ) : null}
        {askable.length > 1 ? (
          <ChoiceField
            label={t("frontoffice.provider")}
            value={provider}
            onChange={setProviderId}
            options={askable.map((c) => ({ value: c.provider.id, label: c.provider.name }))}
          />
        ) : (
          <Paragraph>{t("frontoffice.askTo", { provider: askable[0]?.provider.name })}</Paragraph>
        )}
        <Field label={t("frontoffice.subject")} description={t("frontoffice.subjectHint")} error={errors.subject}>
          {(props) => <Textbox {...props} value={subject} onChange={(e) => setSubject(e.target.value)} />}
        </Field>
        <Field label={t("frontoffice.question")} description={t("frontoffice.questionHint")} error={errors.question}>
          {(props) => <Textarea {...props} rows={8} value={question} onChange={(e) => setQuestion(e.target.value)} />}
        </Field>
        <DomainField value={domain} onChange={setDomain} empty={t("frontoffice.noDomain")} />
        <ChoiceField
          label={t("frontoffice.urgency")}
          description={t("frontoffice.urgencyHint")}
          value={urgency}
          onChange={setUrgency}
          options={ticketUrgencies.map((u) => ({ value: u, label: t(`urgency.${u}`) }))}
        />
        <Field
          label={t("frontoffice.attachments")}
          description={t("frontoffice.attachmentsHint")}
          error={errors.attachments}
        >
          {(props) => <input {...props} type="file" multiple onChange={(e) => setFiles([...(e.target.files ?? [])])} />}
        </Field>
        <div className="samen-actions">
          <Button type="submit" appearance="primary-action-button" disabled={sending}>
            {t("frontoffice.send")}
          </Button>
        </div>
      </form>
    </>
  );
}
