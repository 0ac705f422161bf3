import { Alert, Button, Paragraph, Textarea, Textbox } from "@utrecht/component-library-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { entryStatuses } from "../../../platform/vocabulary.ts";
import { ApiError, api, fieldErrors } from "../../app/api.ts";
import { useLocation } from "../../app/router.tsx";
import { Field } from "../../components/Field.tsx";
import { OrganisationPicker } from "../../components/OrganisationPicker.tsx";
import { ChoiceField, DomainsField } from "../../components/Selects.tsx";
import type { Entry } from "./types.ts";

const list = (text: string) =>
  text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * Writes a catalogue entry: a new one (POST) or a change (PATCH with If-Match). On a conflict the form keeps what
 * the coordinator typed and says so; nothing is lost.
 */
export function EntryForm({
  providerId,
  entry,
  etag,
  onSaved,
  onCancel,
}: {
  providerId: string;
  entry?: Entry;
  etag?: string | null;
  onSaved?: (entry: Entry, etag: string | null) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { navigate } = useLocation();
  const [values, setValues] = useState({
    question: entry?.question ?? "",
    answer: entry?.answer ?? "",
    theme: entry?.theme ?? "",
    status: entry?.status ?? "draft",
    service: entry?.service ?? "",
    conditions: entry?.conditions ?? "",
    price: entry?.price ?? "",
    contact: entry?.contact ?? "",
    tags: entry?.tags.join(", ") ?? "",
    synonyms: entry?.synonyms.join(", ") ?? "",
    relatedKeys: entry?.relatedKeys.join(", ") ?? "",
  });
  const [domainIds, setDomainIds] = useState<string[]>(entry?.domains.map((d) => d.id) ?? []);
  const [offeredBy, setOfferedBy] = useState<{ id: string; name: string }[]>(entry?.offeredBy ? [entry.offeredBy] : []);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [conflict, setConflict] = useState(false);
  const [failed, setFailed] = useState(false);
  const set = (field: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [field]: value }));
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setErrors({});
    setConflict(false);
    setFailed(false);
    const optional = (s: string) => (s.trim() ? s.trim() : null);
    const body = {
      question: values.question,
      answer: values.answer,
      theme: values.theme,
      status: values.status,
      service: optional(values.service),
      conditions: optional(values.conditions),
      price: optional(values.price),
      contact: optional(values.contact),
      tags: list(values.tags),
      synonyms: list(values.synonyms),
      relatedKeys: list(values.relatedKeys),
      domainIds,
      offeredById: offeredBy[0]?.id ?? null,
    };
    try {
      if (entry) {
        const saved = await api<Entry>(`/catalogue-entries/${entry.id}`, {
          method: "PATCH",
          body,
          ifMatch: etag ?? null,
        });
        onSaved?.(saved.data, saved.etag);
      } else {
        const created = await api<Entry>(`/catalogues/${providerId}/entries`, { method: "POST", body });
        navigate(`/partnercatalogus/${created.data.id}`);
      }
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) setConflict(true);
      else {
        setErrors(fieldErrors(error));
        setFailed(!(error instanceof ApiError && error.fields.length));
      }
    }
  };
  const text = (field: keyof typeof values, label: string, hint?: string) => (
    <Field label={label} description={hint} error={errors[field]}>
      {(props) => <Textbox {...props} value={values[field]} onChange={(e) => set(field)(e.target.value)} />}
    </Field>
  );
  return (
    <form onSubmit={submit} noValidate className="samen-form" aria-labelledby="entry-form">
      <h2 id="entry-form" className="utrecht-heading-2">
        {entry ? t("entry.edit") : t("catalogue.newEntry")}
      </h2>
      {conflict ? (
        <Alert type="warning" role="alert">
          <Paragraph>{t("entry.conflict")}</Paragraph>
        </Alert>
      ) : null}
      {failed ? (
        <Alert type="error" role="alert">
          <Paragraph>{t("state.error.generic")}</Paragraph>
        </Alert>
      ) : null}
      {text("question", t("entry.question"), t("entry.questionHint"))}
      <Field label={t("entry.answer")} description={t("entry.answerHint")} error={errors.answer}>
        {(props) => (
          <Textarea {...props} rows={10} value={values.answer} onChange={(e) => set("answer")(e.target.value)} />
        )}
      </Field>
      {text("theme", t("catalogue.theme"))}
      <ChoiceField
        label={t("catalogue.status")}
        value={values.status}
        onChange={(v) => set("status")(v)}
        options={entryStatuses.map((s) => ({ value: s, label: t(`entryStatus.${s}`) }))}
      />
      <DomainsField value={domainIds} onChange={setDomainIds} error={errors.domainIds} />
      {text("service", t("entry.service"))}
      {text("conditions", t("entry.conditions"))}
      {text("price", t("entry.price"))}
      {text("contact", t("entry.contact"))}
      <OrganisationPicker
        label={t("entry.offeredBy")}
        description={t("entry.offeredByHint")}
        chosen={offeredBy}
        onChange={setOfferedBy}
        error={errors.offeredById}
        single
      />
      {text("tags", t("entry.tags"), t("entry.listHint"))}
      {text("synonyms", t("entry.synonyms"), t("entry.listHint"))}
      {text("relatedKeys", t("entry.relatedKeys"), t("entry.relatedHint"))}
      <div className="samen-actions">
        <Button type="submit" appearance="primary-action-button">
          {t("entry.save")}
        </Button>
        <Button appearance="subtle-button" onClick={onCancel}>
          {t("organisation.cancel")}
        </Button>
      </div>
    </form>
  );
}
