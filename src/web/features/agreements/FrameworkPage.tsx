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
  Textbox,
} from "@utrecht/component-library-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { serviceDomains } from "../../../platform/vocabulary.ts";
import { api } from "../../app/api.ts";
import { useFormat } from "../../app/format.ts";
import { AppLink, useLocation } from "../../app/router.tsx";
import { useApi } from "../../app/use-api.ts";
import { useFormSubmit } from "../../app/use-form-submit.ts";
import { Field } from "../../components/Field.tsx";
import { ChoiceField } from "../../components/Selects.tsx";
import { ErrorState, Loading } from "../../components/states.tsx";
import { CalendarSection } from "./CalendarSection.tsx";
import { StaffSection } from "./StaffSection.tsx";
import type { Framework, SubAgreement } from "./types.ts";

const years = () => {
  const now = new Date().getFullYear();
  return [now - 2, now - 1, now, now + 1].map(String);
};

/** A framework agreement: its parties, term, governance, sub-agreements and the year's files. */
export function FrameworkPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const framework = useApi<Framework>(`/frameworks/${id}`);
  const [year, setYear] = useState(String(new Date().getFullYear() - 1));
  const [adding, setAdding] = useState(false);
  if (framework.loading && !framework.data) return <Loading />;
  if (framework.error || !framework.data) return <ErrorState error={framework.error} onRetry={framework.reload} />;
  const f = framework.data;
  const names = new Map([[f.host.id, f.host.name], ...f.clients.map((c) => [c.id, c.name] as [string, string])]);
  return (
    <>
      <p className="samen-breadcrumb">
        <AppLink href="/gedeelde-diensten" className="utrecht-link">
          {t("module.agreements.name")}
        </AppLink>
      </p>
      <Heading1>{f.name}</Heading1>
      <DataList className="samen-facts">
        <DataListItem>
          <DataListKey>{t("agreements.host")}</DataListKey>
          <DataListValue>{f.host.name}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t("agreements.clients")}</DataListKey>
          <DataListValue>{f.clients.map((c) => c.name).join(", ")}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t("agreements.term")}</DataListKey>
          <DataListValue>
            {format.date(f.startsOn)} – {f.endsOn ? format.date(f.endsOn) : t("agreements.open")}
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t("agreements.status")}</DataListKey>
          <DataListValue>{t(`frameworkStatus.${f.status}`)}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t("agreements.legalRegime")}</DataListKey>
          <DataListValue>{t(`legalRegime.${f.legalRegime}`)}</DataListValue>
        </DataListItem>
      </DataList>
      <Paragraph>
        <AppLink href={`/samenwerkingen/${f.collaborationId}`} className="utrecht-link">
          {t("agreements.inRegister")}
        </AppLink>
      </Paragraph>

      <section aria-labelledby="sub-agreements">
        <Heading2 id="sub-agreements">{t("agreements.subAgreements")}</Heading2>
        <ul>
          {f.subAgreements.map((s) => (
            <li key={s.id}>
              <AppLink href={`/gedeelde-diensten/deelovereenkomst/${s.id}`} className="utrecht-link">
                {s.name}
              </AppLink>{" "}
              <span className="samen-badge">{t(`serviceDomain.${s.domain}`)}</span>
            </li>
          ))}
        </ul>
        {f.abilities.manage && !adding ? (
          <Button appearance="secondary-action-button" onClick={() => setAdding(true)}>
            {t("agreements.newSub")}
          </Button>
        ) : null}
        {adding ? <SubAgreementForm frameworkId={f.id} onCancel={() => setAdding(false)} /> : null}
      </section>

      {f.governance.decisions.length || f.governance.committee.length ? (
        <section aria-labelledby="governance">
          <Heading2 id="governance">{t("agreements.governance")}</Heading2>
          <ul>
            {f.governance.committee.map((m) => (
              <li key={`${m.organisationId}-${m.name}-${m.function}`}>
                {m.name}, {m.function} ({names.get(m.organisationId) ?? ""})
              </li>
            ))}
            {f.governance.decisions.map((d) => (
              <li key={`${d.organisationId}-${d.reference}`}>
                {t(`decisionBody.${d.body}`)} {names.get(d.organisationId) ?? ""}, {format.date(d.decidedOn)}:{" "}
                {d.reference}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <StaffSection framework={f} />
      <CalendarSection framework={f} onChanged={framework.reload} />

      <section aria-labelledby="files">
        <Heading2 id="files">{t("agreements.files")}</Heading2>
        <ChoiceField
          label={t("agreements.year")}
          value={year}
          onChange={setYear}
          options={years().map((y) => ({ value: y, label: y }))}
        />
        <ul>
          {f.abilities.readAllClients ? (
            <>
              <li>
                <a
                  className="utrecht-link"
                  href={`/api/frameworks/${f.id}/overview.xlsx?year=${year}&lang=${i18n.language === "en" ? "en" : "nl"}`}
                  download
                >
                  {t("agreements.overviewXlsx", { year })}
                </a>
              </li>
              <li>
                <a
                  className="utrecht-link"
                  href={`/api/frameworks/${f.id}/overview.csv?year=${year}&dialect=excel-nl`}
                  download
                >
                  {t("agreements.overviewCsv", { year })}
                </a>
              </li>
            </>
          ) : null}
          {f.clients.map((c) => (
            <li key={c.id}>
              <a className="utrecht-link" href={`/api/frameworks/${f.id}/statements/${c.id}?year=${year}`} download>
                {t("agreements.statement", { client: c.name, year })}
              </a>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

function SubAgreementForm({ frameworkId, onCancel }: { frameworkId: string; onCancel: () => void }) {
  const { t } = useTranslation();
  const { navigate } = useLocation();
  const [name, setName] = useState("");
  const [domain, setDomain] = useState<string>("social");
  const [service, setService] = useState("");
  const [unit, setUnit] = useState("");
  const { errors, failed, submit } = useFormSubmit(async () => {
    const { data } = await api<SubAgreement>(`/frameworks/${frameworkId}/sub-agreements`, {
      method: "POST",
      body: {
        name,
        domain,
        services: service.trim() ? [{ name: service.trim(), unit: unit.trim() || "-", description: "" }] : [],
      },
    });
    navigate(`/gedeelde-diensten/deelovereenkomst/${data.id}`);
  });
  return (
    <form onSubmit={submit} noValidate className="samen-form" aria-labelledby="new-sub">
      <h3 id="new-sub" className="utrecht-heading-3">
        {t("agreements.newSub")}
      </h3>
      {failed ? (
        <Alert type="error" role="alert">
          <Paragraph>{t("state.error.generic")}</Paragraph>
        </Alert>
      ) : null}
      <Field label={t("organisations.name")} error={errors.name}>
        {(props) => <Textbox {...props} value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <ChoiceField
        label={t("agreements.domain")}
        value={domain}
        onChange={setDomain}
        options={serviceDomains.map((d) => ({ value: d, label: t(`serviceDomain.${d}`) }))}
      />
      <Field label={t("agreements.service")} description={t("agreements.serviceHint")}>
        {(props) => <Textbox {...props} value={service} onChange={(e) => setService(e.target.value)} />}
      </Field>
      <Field label={t("agreements.unit")}>
        {(props) => <Textbox {...props} value={unit} onChange={(e) => setUnit(e.target.value)} />}
      </Field>
      <div className="samen-actions">
        <Button type="submit" appearance="primary-action-button">
          {t("collaborations.create")}
        </Button>
        <Button appearance="subtle-button" onClick={onCancel}>
          {t("organisation.cancel")}
        </Button>
      </div>
    </form>
  );
}
