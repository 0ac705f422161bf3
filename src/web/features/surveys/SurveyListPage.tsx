import { Button, Heading1, Heading2, Paragraph, Textbox } from "@utrecht/component-library-react";
import i18next from "i18next";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { starterDefinition } from "../../../platform/survey-starter.ts";
import { api, languageHeader } from "../../app/api.ts";
import { useFormat } from "../../app/format.ts";
import { AppLink, useLocation } from "../../app/router.tsx";
import { useSession } from "../../app/session.tsx";
import { useApi } from "../../app/use-api.ts";
import { useFormSubmit } from "../../app/use-form-submit.ts";
import { Field } from "../../components/Field.tsx";
import { FormFrame } from "../../components/FormFrame.tsx";
import { EmptyState, ErrorState, Loading } from "../../components/states.tsx";
import { FindingList } from "./FindingList.tsx";
import type { Finding, SurveyDefinition, SurveyListItem } from "./types.ts";

/** The surveys the organisation prepared, and those it is asked to answer. */
export function SurveyListPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const list = useApi<{ items: SurveyListItem[] }>("/surveys");
  const mayCreate = Boolean(session?.abilities.createSurvey);
  const items = list.data?.items ?? [];
  const asked = items.filter((s) => s.role === "invited");
  const own = items.filter((s) => s.role === "owner");
  return (
    <>
      <Heading1>{t("module.surveys.name")}</Heading1>
      <Paragraph lead>{t("surveys.intro")}</Paragraph>
      {list.loading && !list.data ? <Loading /> : null}
      {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
      {list.data ? <Lists asked={asked} own={own} mayCreate={mayCreate} /> : null}
    </>
  );
}

/** The two lists, shown once they have arrived (in place of the loading message, so nothing moves). */
function Lists({ asked, own, mayCreate }: { asked: SurveyListItem[]; own: SurveyListItem[]; mayCreate: boolean }) {
  const { t } = useTranslation();
  const [creating, setCreating] = useState(false);
  return (
    <>
      <section aria-labelledby="asked">
        <Heading2 id="asked">{t("surveys.asked")}</Heading2>
        {!asked.length ? (
          <EmptyState>
            <Paragraph>{t("surveys.noneAsked")}</Paragraph>
          </EmptyState>
        ) : null}
        {asked.length && !asked.some((s) => s.status === "open") ? (
          <Paragraph>{t("surveys.noneOpen")}</Paragraph>
        ) : null}
        <AskedCards surveys={asked.filter((s) => s.status === "open")} />
        {asked.some((s) => s.status !== "open") ? (
          <details className="samen-details">
            <summary>{t("surveys.pastAsked", { count: asked.filter((s) => s.status !== "open").length })}</summary>
            <AskedCards surveys={asked.filter((s) => s.status !== "open")} />
          </details>
        ) : null}
      </section>

      <section aria-labelledby="own">
        <Heading2 id="own">{t("surveys.own")}</Heading2>
        {mayCreate && !creating ? (
          <Button appearance="secondary-action-button" onClick={() => setCreating(true)}>
            {t("surveys.new")}
          </Button>
        ) : null}
        {creating ? <CreateSurveyForm onCancel={() => setCreating(false)} /> : null}
        {!own.length ? (
          <EmptyState>
            <Paragraph>{t("surveys.noneOwn")}</Paragraph>
          </EmptyState>
        ) : null}
        <ul className="samen-cards">
          {own.map((s) => (
            <li key={s.id} className="samen-card">
              <AppLink href={`/enquetes/${s.id}`} className="samen-card__link">
                {s.title}
              </AppLink>
              <p className="samen-result__meta">
                <span className="samen-badge">{t(`surveyStatus.${s.status}`)}</span>
                {s.anonymous ? <span className="samen-badge">{t("surveys.anonymous")}</span> : null}
                {s.series ? <span>{[s.series, s.wave].filter(Boolean).join(" · ")}</span> : null}
              </p>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

/** Surveys the organisation is asked to answer: open ones first; past waves fold away under them. */
function AskedCards({ surveys }: { surveys: SurveyListItem[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!surveys.length) return null;
  return (
    <ul className="samen-cards">
      {surveys.map((s) => (
        <li key={s.id} className="samen-card">
          <AppLink href={`/enquetes/${s.id}/antwoord`} className="samen-card__link">
            {s.title}
          </AppLink>
          <p className="samen-result__meta">
            <span className="samen-badge">{t(`surveyStatus.${s.status}`)}</span>
            <span className="samen-badge">
              {s.ownResponse ? t(`responseStatus.${s.ownResponse}`) : t("surveys.notStarted")}
            </span>
            {s.deadline ? <span>{t("surveys.deadlineOn", { date: format.date(s.deadline) })}</span> : null}
          </p>
        </li>
      ))}
    </ul>
  );
}

const starter: SurveyDefinition = starterDefinition;

/**
 * Reads a chosen file: a SurveyJS definition (JSON) is checked, an XLSForm (.xlsx) or a LimeSurvey survey structure
 * (.lss) converted, all by the API.
 */
async function readDefinitionFile(file: File): Promise<{ definition: SurveyDefinition | null; findings: Finding[] }> {
  if (file.name.toLowerCase().endsWith(".json")) {
    let definition: SurveyDefinition;
    try {
      definition = JSON.parse(await file.text()) as SurveyDefinition;
    } catch {
      return {
        definition: null,
        findings: [{ severity: "error", where: file.name, message: i18next.t("surveys.importNotJson") }],
      };
    }
    const { data } = await api<{ findings: Finding[] }>("/survey-definitions/check", {
      method: "POST",
      body: { definition },
    });
    return { definition, findings: data.findings };
  }
  // A LimeSurvey survey structure (.lss) is XML; anything else is read as an XLSForm workbook.
  const limesurvey = file.name.toLowerCase().endsWith(".lss");
  const response = await fetch(`/api/survey-definitions/${limesurvey ? "from-limesurvey" : "from-xlsform"}`, {
    method: "POST",
    headers: {
      "content-type": limesurvey
        ? "application/xml"
        : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      ...languageHeader(),
    },
    body: await file.arrayBuffer(),
    credentials: "same-origin",
  });
  const body = (await response.json()) as { definition?: SurveyDefinition; findings?: Finding[]; detail?: string };
  if (!response.ok)
    return { definition: null, findings: [{ severity: "error", where: file.name, message: body.detail ?? "" }] };
  return { definition: body.definition ?? null, findings: body.findings ?? [] };
}

function CreateSurveyForm({ onCancel }: { onCancel: () => void }) {
  const { t } = useTranslation();
  const { navigate } = useLocation();
  const [title, setTitle] = useState("");
  const [imported, setImported] = useState<{
    definition: SurveyDefinition | null;
    findings: Finding[];
    name: string;
  } | null>(null);
  const { errors, failed, submit } = useFormSubmit(async () => {
    const { data } = await api<{ id: string }>("/surveys", {
      method: "POST",
      body: { title, definition: imported?.definition ?? starter },
    });
    navigate(`/enquetes/${data.id}`);
  });
  const blocked = Boolean(imported && (!imported.definition || imported.findings.some((f) => f.severity === "error")));
  return (
    <FormFrame
      id="new-survey"
      title={t("surveys.new")}
      failed={failed}
      submitLabel={t("surveys.create")}
      submitDisabled={blocked}
      onSubmit={submit}
      onCancel={onCancel}
    >
      <Field label={t("surveys.title")} error={errors.title}>
        {(p) => <Textbox {...p} value={title} onChange={(e) => setTitle(e.target.value)} />}
      </Field>
      <Field label={t("surveys.importFile")} description={t("surveys.importHint")} error={errors.definition}>
        {(p) => (
          <input
            {...p}
            type="file"
            accept=".json,.xlsx,.lss,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              if (!file) return setImported(null);
              setImported({ ...(await readDefinitionFile(file)), name: file.name });
            }}
          />
        )}
      </Field>
      {imported ? <FindingList findings={imported.findings} /> : null}
      {Object.entries(errors)
        .filter(([field]) => field.startsWith("definition."))
        .map(([field, message]) => (
          <Paragraph key={field} className="samen-error">
            {field.slice("definition.".length)}: {message}
          </Paragraph>
        ))}
    </FormFrame>
  );
}
