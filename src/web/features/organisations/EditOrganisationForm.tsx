import { Alert, Button, Paragraph, Textarea, Textbox } from "@utrecht/component-library-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api } from "../../app/api.ts";
import { Field } from "../../components/Field.tsx";
import type { Organisation } from "./types.ts";

/** Edits an organisation's record; sends the ETag it read, so a change made meanwhile is never overwritten. */
export function EditOrganisationForm({
  organisation,
  etag,
  onSaved,
  onCancel,
  onReload,
}: {
  organisation: Organisation;
  etag: string | null;
  onSaved: (organisation: Organisation, etag: string | null) => void;
  onCancel: () => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(organisation.name);
  const [website, setWebsite] = useState(organisation.website ?? "");
  const [postalAddress, setPostalAddress] = useState(organisation.postalAddress ?? "");
  const [kbo, setKbo] = useState(organisation.identifiers.kbo ?? "");
  const [population, setPopulation] = useState(organisation.population?.toString() ?? "");
  const [populationDate, setPopulationDate] = useState(organisation.populationDate ?? "");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<"conflict" | "generic" | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    setProblem(null);
    const body: Record<string, unknown> = {};
    if (name.trim() !== organisation.name) body.name = name.trim();
    if ((website.trim() || null) !== organisation.website) body.website = website.trim() || null;
    if ((postalAddress.trim() || null) !== organisation.postalAddress)
      body.postalAddress = postalAddress.trim() || null;
    if ((kbo.trim() || null) !== organisation.identifiers.kbo) body.kboNumber = kbo.trim() || null;
    const newPopulation = population.trim() === "" ? null : Number(population.trim());
    if (newPopulation !== organisation.population || (populationDate || null) !== organisation.populationDate) {
      body.population = newPopulation;
      body.populationDate = populationDate || null;
    }
    if (Object.keys(body).length === 0) {
      onCancel();
      return;
    }
    try {
      const saved = await api<Organisation>(`/organisations/${organisation.id}`, {
        method: "PATCH",
        body,
        ifMatch: etag,
      });
      onSaved(saved.data, saved.etag);
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) setProblem("conflict");
      else if (e instanceof ApiError && e.fields.length) {
        setErrors(Object.fromEntries(e.fields.map((f) => [f.field.replace(/^body\./, ""), f.message])));
      } else setProblem("generic");
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate className="samen-form" aria-labelledby="edit-heading">
      <h3 id="edit-heading" className="utrecht-heading-3">
        {t("organisation.edit")}
      </h3>
      {problem === "conflict" ? (
        <Alert type="warning" role="alert">
          <Paragraph>{t("organisation.conflict")}</Paragraph>
          <Button appearance="secondary-action-button" onClick={onReload}>
            {t("organisation.reload")}
          </Button>
        </Alert>
      ) : null}
      {problem === "generic" ? (
        <Alert type="error" role="alert">
          <Paragraph>{t("state.error.generic")}</Paragraph>
        </Alert>
      ) : null}
      <Field label={t("organisations.name")} error={errors.name}>
        {(props) => <Textbox {...props} value={name} onChange={(e) => setName(e.target.value)} required />}
      </Field>
      <Field label={t("organisation.website")} error={errors.website}>
        {(props) => <Textbox {...props} type="url" value={website} onChange={(e) => setWebsite(e.target.value)} />}
      </Field>
      <Field
        label={t("organisation.postalAddress")}
        description={t("organisation.postalAddressHint")}
        error={errors.postalAddress}
      >
        {(props) => (
          <Textarea
            {...props}
            rows={4}
            autoComplete="street-address"
            value={postalAddress}
            onChange={(e) => setPostalAddress(e.target.value)}
          />
        )}
      </Field>
      <Field label={t("identifier.kbo")} description={t("organisation.kboHint")} error={errors.kboNumber}>
        {(props) => <Textbox {...props} inputMode="numeric" value={kbo} onChange={(e) => setKbo(e.target.value)} />}
      </Field>
      <Field label={t("organisations.population")} error={errors.population}>
        {(props) => (
          <Textbox {...props} inputMode="numeric" value={population} onChange={(e) => setPopulation(e.target.value)} />
        )}
      </Field>
      <Field label={t("organisation.populationDate")} error={errors.populationDate}>
        {(props) => (
          <Textbox {...props} type="date" value={populationDate} onChange={(e) => setPopulationDate(e.target.value)} />
        )}
      </Field>
      <div className="samen-actions">
        <Button type="submit" appearance="primary-action-button" disabled={busy} aria-busy={busy}>
          {t("organisation.save")}
        </Button>
        <Button appearance="subtle-button" onClick={onCancel}>
          {t("organisation.cancel")}
        </Button>
      </div>
    </form>
  );
}
