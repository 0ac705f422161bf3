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
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Textbox,
} from "@utrecht/component-library-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { sizeClassLabels } from "../../../platform/size-classes.ts";
import { segmentDimensions } from "../../../platform/vocabulary.ts";
import { api } from "../../app/api.ts";
import { useFormat } from "../../app/format.ts";
import { AppLink } from "../../app/router.tsx";
import { useApi } from "../../app/use-api.ts";
import { useFormSubmit } from "../../app/use-form-submit.ts";
import { Field } from "../../components/Field.tsx";
import { OrganisationPicker } from "../../components/OrganisationPicker.tsx";
import { ChoiceField, ProvinceField } from "../../components/Selects.tsx";
import { ErrorState, Loading } from "../../components/states.tsx";
import { DefinitionEditor } from "./DefinitionEditor.tsx";
import { FindingList } from "./FindingList.tsx";
import type { ResponseRate, Survey } from "./types.ts";

/** A survey as its owner prepares and runs it: questions, audience, opening, reminders, who answered. */
export function SurveyPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const survey = useApi<Survey>(`/surveys/${id}`);
  const [message, setMessage] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  if (survey.loading && !survey.data) return <Loading />;
  if (survey.error || !survey.data) return <ErrorState error={survey.error} onRetry={survey.reload} />;
  const s = survey.data;
  const act = async (path: string, done: (data: Record<string, number>) => string) => {
    setMessage(null);
    setFailure(null);
    try {
      const { data } = await api<Record<string, number>>(`/surveys/${s.id}/${path}`, {
        method: "POST",
        ifMatch: survey.etag,
      });
      setMessage(done(data));
      survey.reload();
    } catch (error) {
      setFailure(error instanceof Error ? error.message : t("state.error.generic"));
    }
  };
  return (
    <>
      <p className="samen-breadcrumb">
        <AppLink href="/enquetes" className="utrecht-link">
          {t("module.surveys.name")}
        </AppLink>
      </p>
      <Heading1>{s.title}</Heading1>
      <DataList className="samen-facts">
        <DataListItem>
          <DataListKey>{t("agreements.status")}</DataListKey>
          <DataListValue>{t(`surveyStatus.${s.status}`)}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t("surveys.questions")}</DataListKey>
          <DataListValue>{s.questions}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t("surveys.languages")}</DataListKey>
          <DataListValue>{s.locales.join(", ") || "—"}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t("surveys.deadline")}</DataListKey>
          <DataListValue>{s.deadline ? format.date(s.deadline) : "—"}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t("surveys.anonymity")}</DataListKey>
          <DataListValue>
            {s.anonymous
              ? t("surveys.anonymousYes", { n: s.minGroupSize })
              : t("surveys.anonymousNo", { n: s.minGroupSize })}
          </DataListValue>
        </DataListItem>
      </DataList>
      {message ? (
        <Alert type="ok" role="status">
          <Paragraph>{message}</Paragraph>
        </Alert>
      ) : null}
      {failure ? (
        <Alert type="error" role="alert">
          <Paragraph>{failure}</Paragraph>
        </Alert>
      ) : null}
      <ul className="samen-links">
        {s.abilities.readResults && s.status !== "draft" ? (
          <li>
            <AppLink href={`/enquetes/${s.id}/resultaten`} className="utrecht-link">
              {t("surveys.results")}
            </AppLink>
          </li>
        ) : null}
        <li>
          <a className="utrecht-link" href={`/api/surveys/${s.id}/definition.json`} download>
            {t("surveys.exportDefinition")}
          </a>
        </li>
        <li>
          <a className="utrecht-link" href={`/api/surveys/${s.id}/xlsform.xlsx`} download>
            {t("surveys.exportXlsform")}
          </a>
        </li>
      </ul>
      {s.abilities.manage ? (
        <div className="samen-actions">
          {s.status === "draft" ? (
            <OpenSurvey
              surveyId={s.id}
              onOpen={() => act("open", (d) => t("surveys.opened", { invited: d.invited, mails: d.mails }))}
            />
          ) : null}
          {s.status === "open" ? (
            <>
              <Button
                appearance="secondary-action-button"
                onClick={() => act("remind", (d) => t("surveys.reminded", { n: d.reminded }))}
              >
                {t("surveys.remind")}
              </Button>
              <Button appearance="secondary-action-button" onClick={() => act("close", () => t("surveys.closed"))}>
                {t("surveys.close")}
              </Button>
            </>
          ) : null}
        </div>
      ) : null}

      {s.status !== "draft" && s.abilities.readResults ? <ResponseRates survey={s} /> : null}
      {s.abilities.manage && s.status !== "closed" ? (
        <SettingsForm survey={s} etag={survey.etag} onSaved={survey.reload} />
      ) : null}
      <section aria-labelledby="questions">
        <Heading2 id="questions">{t("surveys.questions")}</Heading2>
        <FindingList findings={s.findings} />
        <DefinitionEditor
          survey={s}
          etag={survey.etag}
          editable={s.abilities.manage && s.status === "draft"}
          onSaved={survey.reload}
        />
      </section>
    </>
  );
}

function ResponseRates({ survey }: { survey: Survey }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [split, setSplit] = useState("sizeClass");
  const rates = useApi<{ items: ResponseRate[] }>(`/surveys/${survey.id}/response-rates?split=${split}`);
  const labels = sizeClassLabels(survey.sizeThresholds);
  const label = (r: ResponseRate) =>
    split === "sizeClass"
      ? (labels[Number(r.key)] ?? t("surveys.unknown"))
      : split === "kind"
        ? t(`kind.${r.key}`)
        : r.label;
  return (
    <section aria-labelledby="rates">
      <Heading2 id="rates">{t("surveys.responseRate")}</Heading2>
      <ChoiceField
        label={t("surveys.splitBy")}
        value={split}
        onChange={setSplit}
        options={segmentDimensions
          .filter((d) => d !== "collaboration")
          .map((d) => ({ value: d, label: t(`segment.${d}`) }))}
      />
      {rates.data ? (
        <Table className="samen-table">
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t(`segment.${split}`)}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("surveys.invited")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("surveys.drafting")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("surveys.submitted")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("surveys.rate")}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rates.data.items.map((r) => (
              <TableRow key={r.key}>
                <TableHeaderCell scope="row">{label(r)}</TableHeaderCell>
                <TableCell>{r.invited}</TableCell>
                <TableCell>{r.drafts}</TableCell>
                <TableCell>{r.submitted}</TableCell>
                <TableCell>{format.percent(r.rate * 100)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
    </section>
  );
}

const kindOptions = ["municipality", "ocmw", "province", "intermunicipal"] as const;

/** Who is asked (by the register), the deadline, and the promise of anonymity (fixed once the survey is open). */
function SettingsForm({ survey, etag, onSaved }: { survey: Survey; etag: string | null; onSaved: () => void }) {
  const { t } = useTranslation();
  const [kinds, setKinds] = useState<string[]>(survey.audience.kinds);
  const [province, setProvince] = useState(survey.audience.provinceIds[0] ?? "");
  const [sizeClasses, setSizeClasses] = useState<number[]>(survey.audience.sizeClasses);
  const [extra, setExtra] = useState<{ id: string; name: string }[]>([]);
  const [members, setMembers] = useState<{ id: string; name: string }[]>([]);
  const [deadline, setDeadline] = useState(survey.deadline ?? "");
  const [anonymous, setAnonymous] = useState(survey.anonymous);
  const [thresholds, setThresholds] = useState(survey.sizeThresholds.join(", "));
  const [saved, setSaved] = useState(false);
  const labels = sizeClassLabels(survey.sizeThresholds);
  const toggle = <T,>(list: T[], value: T) =>
    list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
  const { errors, failed, submit } = useFormSubmit(async () => {
    setSaved(false);
    await api(`/surveys/${survey.id}`, {
      method: "PATCH",
      ifMatch: etag,
      body: {
        deadline: deadline || null,
        audience: {
          kinds,
          provinceIds: province ? [province] : [],
          sizeClasses,
          collaborationIds: [...new Set([...survey.audience.collaborationIds, ...members.map((c) => c.id)])],
          organisationIds: [...new Set([...survey.audience.organisationIds, ...extra.map((o) => o.id)])],
        },
        ...(survey.status === "draft"
          ? {
              anonymous,
              sizeThresholds: thresholds
                .split(/[,;\s]+/)
                .filter(Boolean)
                .map((n) => Number(n.replace(/\./g, ""))),
            }
          : {}),
      },
    });
    setSaved(true);
    onSaved();
  });
  return (
    <form onSubmit={submit} noValidate className="samen-form" aria-labelledby="settings">
      <Heading2 id="settings">{t("surveys.audience")}</Heading2>
      {failed ? (
        <Alert type="error" role="alert">
          <Paragraph>{t("state.error.generic")}</Paragraph>
        </Alert>
      ) : null}
      {saved ? (
        <Alert type="ok" role="status">
          <Paragraph>{t("surveys.saved")}</Paragraph>
        </Alert>
      ) : null}
      <fieldset className="samen-fieldset">
        <legend>{t("surveys.kinds")}</legend>
        {kindOptions.map((k) => (
          <label key={k} className="samen-checkbox">
            <input type="checkbox" checked={kinds.includes(k)} onChange={() => setKinds(toggle(kinds, k))} />{" "}
            {t(`kind.${k}`)}
          </label>
        ))}
      </fieldset>
      <ProvinceField
        label={t("surveys.province")}
        value={province}
        onChange={setProvince}
        empty={t("surveys.anyProvince")}
      />
      <fieldset className="samen-fieldset">
        <legend>{t("surveys.sizeClasses")}</legend>
        {labels.map((label, i) => (
          <label key={label} className="samen-checkbox">
            <input
              type="checkbox"
              checked={sizeClasses.includes(i)}
              onChange={() => setSizeClasses(toggle(sizeClasses, i))}
            />{" "}
            {label}
          </label>
        ))}
      </fieldset>
      <OrganisationPicker
        from="collaborations"
        label={t("surveys.membersOf")}
        description={t("surveys.membersOfHint", { n: survey.audience.collaborationIds.length })}
        chosen={members}
        onChange={setMembers}
      />
      <OrganisationPicker
        label={t("surveys.alsoAsk")}
        description={t("surveys.alsoAskHint", { n: survey.audience.organisationIds.length })}
        chosen={extra}
        onChange={setExtra}
      />
      <Field label={t("surveys.deadline")} error={errors.deadline}>
        {(p) => <Textbox {...p} type="date" value={deadline} onChange={(e) => setDeadline(e.target.value)} />}
      </Field>
      {survey.status === "draft" ? (
        <Field label={t("surveys.thresholds")} description={t("surveys.thresholdsHint")} error={errors.sizeThresholds}>
          {(p) => <Textbox {...p} value={thresholds} onChange={(e) => setThresholds(e.target.value)} />}
        </Field>
      ) : null}
      {survey.status === "draft" ? (
        <label className="samen-checkbox">
          <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} />{" "}
          {t("surveys.promiseAnonymity")}
        </label>
      ) : null}
      <div className="samen-actions">
        <Button type="submit" appearance="primary-action-button">
          {t("surveys.save")}
        </Button>
      </div>
    </form>
  );
}

interface AudiencePreview {
  invited: number;
  reachable: number;
  unreachable: { id: string; name: string }[];
  startingQuestionOnly: boolean;
}

/**
 * Opening asks to confirm first: whom it invites, which of them have nobody in Samen to receive the invitation,
 * and that the questions are fixed from then on. A survey that still holds only its starting question is not opened.
 */
function OpenSurvey({ surveyId, onOpen }: { surveyId: string; onOpen: () => Promise<void> }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const preview = useApi<AudiencePreview>(asking ? `/surveys/${surveyId}/audience-preview` : null);
  if (!asking) {
    return (
      <Button appearance="primary-action-button" onClick={() => setAsking(true)}>
        {t("surveys.open")}
      </Button>
    );
  }
  const p = preview.data;
  return (
    <section className="samen-confirm" aria-labelledby="open-confirm">
      <h2 id="open-confirm" className="utrecht-heading-3">
        {t("surveys.openConfirm.title")}
      </h2>
      {preview.loading ? <Loading /> : null}
      {preview.error ? <ErrorState error={preview.error} onRetry={preview.reload} /> : null}
      {p?.startingQuestionOnly ? (
        <Alert type="warning">
          <Paragraph>{t("surveys.openConfirm.starterOnly")}</Paragraph>
        </Alert>
      ) : null}
      {p && !p.startingQuestionOnly ? (
        <>
          <Paragraph>{t("surveys.openConfirm.invites", { count: p.invited })}</Paragraph>
          {p.unreachable.length ? (
            <>
              <Paragraph>{t("surveys.openConfirm.unreachable", { count: p.unreachable.length })}</Paragraph>
              <details>
                <summary>{t("surveys.openConfirm.whoUnreachable")}</summary>
                <ul className="samen-plain-list samen-columns">
                  {p.unreachable.map((o) => (
                    <li key={o.id}>{o.name}</li>
                  ))}
                </ul>
              </details>
            </>
          ) : (
            <Paragraph>{t("surveys.openConfirm.allReachable")}</Paragraph>
          )}
          <Paragraph>{t("surveys.openConfirm.final")}</Paragraph>
        </>
      ) : null}
      <div className="samen-actions">
        {p && !p.startingQuestionOnly && p.invited > 0 ? (
          <Button appearance="primary-action-button" onClick={() => void onOpen().then(() => setAsking(false))}>
            {t("surveys.openConfirm.confirm", { count: p.invited })}
          </Button>
        ) : null}
        <Button appearance="secondary-action-button" onClick={() => setAsking(false)}>
          {t("surveys.openConfirm.cancel")}
        </Button>
      </div>
    </section>
  );
}
