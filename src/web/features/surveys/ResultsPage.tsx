import {
  Heading1,
  Heading2,
  Paragraph,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@utrecht/component-library-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { segmentDimensions } from "../../../platform/vocabulary.ts";
import { useFormat } from "../../app/format.ts";
import { AppLink } from "../../app/router.tsx";
import { useApi } from "../../app/use-api.ts";
import { OrganisationPicker } from "../../components/OrganisationPicker.tsx";
import { ChoiceField } from "../../components/Selects.tsx";
import { EmptyState, ErrorState, Loading } from "../../components/states.tsx";
import { TrendSection } from "./TrendSection.tsx";
import type { Results, Survey } from "./types.ts";

type Question = Results["questions"][number];

/**
 * A survey's results per question, split by what the register knows of each organisation. Each chart has its
 * table beside it (the same figures, for screen readers and for copying). Loaded with its charts only here.
 */
export default function ResultsPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const [split, setSplit] = useState("");
  const [collaboration, setCollaboration] = useState<{ id: string; name: string }[]>([]);
  const survey = useApi<Survey>(`/surveys/${id}`);
  const collaborationId = collaboration[0]?.id;
  const query =
    split === "collaboration"
      ? collaborationId
        ? `&split=collaboration&collaborationId=${collaborationId}`
        : ""
      : split
        ? `&split=${split}`
        : "";
  const results = useApi<Results>(`/surveys/${id}/results?locale=${i18n.language === "en" ? "en" : "nl"}${query}`);
  if (survey.error) return <ErrorState error={survey.error} onRetry={survey.reload} />;
  const r = results.data;
  const segmentLabel = (key: string, label: string) =>
    split === "kind"
      ? t(`kind.${key}`)
      : key === ""
        ? t("surveys.unknown")
        : key === "all"
          ? t("results.all")
          : key === "other"
            ? t("results.others")
            : label;
  return (
    <>
      <p className="samen-breadcrumb">
        <AppLink href={`/enquetes/${id}`} className="utrecht-link">
          {survey.data?.title ?? t("module.surveys.name")}
        </AppLink>
      </p>
      <Heading1>{t("results.title", { title: survey.data?.title ?? "" })}</Heading1>
      <ChoiceField
        label={t("surveys.splitBy")}
        value={split}
        onChange={setSplit}
        empty={t("results.noSplit")}
        options={segmentDimensions.map((d) => ({ value: d, label: t(`segment.${d}`) }))}
      />
      {split === "collaboration" ? (
        <OrganisationPicker
          from="collaborations"
          single
          label={t("results.whichCollaboration")}
          description={t("results.whichCollaborationHint")}
          chosen={collaboration}
          onChange={setCollaboration}
        />
      ) : null}
      <ul className="samen-links">
        <li>
          <a className="utrecht-link" href={`/api/surveys/${id}/answers.xlsx`} download>
            {t("results.xlsx")}
          </a>
        </li>
        <li>
          <a className="utrecht-link" href={`/api/surveys/${id}/answers.csv?dialect=excel-nl`} download>
            {t("results.csv")}
          </a>
        </li>
      </ul>
      {results.loading && !r ? <Loading /> : null}
      {results.error ? <ErrorState error={results.error} onRetry={results.reload} /> : null}
      {r ? (
        <>
          <Paragraph>{t("results.total", { count: r.total, n: r.minGroupSize })}</Paragraph>
          {r.segments.some((s) => s.suppressed) ? (
            <Paragraph className="samen-hint">
              {t("results.suppressed", {
                segments: r.segments
                  .filter((s) => s.suppressed)
                  .map((s) => segmentLabel(s.key, s.label))
                  .join(", "),
                n: r.minGroupSize,
              })}
            </Paragraph>
          ) : null}
          {r.total === 0 ? (
            <EmptyState>
              <Paragraph>{t("results.none")}</Paragraph>
            </EmptyState>
          ) : null}
          {r.total > 0
            ? r.questions.map((q) => (
                <QuestionResult
                  key={q.name}
                  question={q}
                  segments={r.segments
                    .filter((s) => !s.suppressed)
                    .map((s) => ({ key: s.key, label: segmentLabel(s.key, s.label) }))}
                />
              ))
            : null}
          <TrendSection id={id} />
        </>
      ) : null}
    </>
  );
}

const palette = ["#1d5a8c", "#d9822b", "#3a8b5c", "#8c3a6b", "#6b6b6b", "#b8a032"];

function QuestionResult({ question, segments }: { question: Question; segments: { key: string; label: string }[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const shown = question.bySegment.filter((s) => !s.suppressed);
  if (!shown.length) return null;
  const rows = question.kind === "matrix" ? question.rows : [{ value: null as string | null, label: "" }];
  // Numbers are summed up by their mean; listing every distinct amount would say little.
  const choices = question.kind === "number" ? [] : question.choices;
  const share = (segment: (typeof shown)[number], row: string | null, value: string) => {
    const cell = segment.rows.find((x) => x.row === row);
    const answered = segment.answered ?? 0;
    return answered ? ((cell?.counts[value] ?? 0) / answered) * 100 : 0;
  };
  const headingId = `q-${question.name.replace(/[^\w-]/g, "_")}`;
  return (
    <section aria-labelledby={headingId} className="samen-result-question">
      <Heading2 id={headingId}>{question.title}</Heading2>
      {rows.map((row) => (
        <div key={row.value ?? "all"}>
          {row.value !== null ? <h3 className="utrecht-heading-3">{row.label}</h3> : null}
          {choices.length ? (
            <svg
              className="samen-chart"
              role="img"
              aria-label={t("results.chartOf", { title: row.label || question.title })}
              viewBox={`0 0 600 ${choices.length * (shown.length * 14 + 10) + 10}`}
            >
              {choices.map((c, ci) =>
                shown.map((segment, si) => {
                  const y = 10 + ci * (shown.length * 14 + 10) + si * 14;
                  const width = (share(segment, row.value, c.value) / 100) * 380;
                  return (
                    <g key={`${c.value}-${segment.segment}`}>
                      {si === 0 ? (
                        <text x="0" y={y + 10} fontSize="11">
                          {c.label.length > 30 ? `${c.label.slice(0, 29)}…` : c.label}
                        </text>
                      ) : null}
                      <rect
                        x="190"
                        y={y}
                        width={Math.max(width, 0.5)}
                        height="12"
                        fill={palette[si % palette.length]}
                      />
                      <text x={196 + width} y={y + 10} fontSize="10">
                        {Math.round(share(segment, row.value, c.value))} %
                      </text>
                    </g>
                  );
                }),
              )}
            </svg>
          ) : null}
          {shown.length > 1 && choices.length ? (
            <ul className="samen-legend">
              {shown.map((s, si) => (
                <li key={s.segment}>
                  <span className="samen-legend__swatch" style={{ background: palette[si % palette.length] }} />
                  {segments.find((x) => x.key === s.segment)?.label ?? s.segment}
                </li>
              ))}
            </ul>
          ) : null}
          <Table className="samen-table">
            <caption>{t("results.tableOf", { title: row.label || question.title })}</caption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t("results.answer")}</TableHeaderCell>
                {shown.map((s) => (
                  <TableHeaderCell key={s.segment} scope="col">
                    {segments.find((x) => x.key === s.segment)?.label ?? s.segment} (n = {s.answered})
                  </TableHeaderCell>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {choices.map((c) => (
                <TableRow key={c.value}>
                  <TableHeaderCell scope="row">{c.label}</TableHeaderCell>
                  {shown.map((s) => (
                    <TableCell key={s.segment}>
                      {s.rows.find((x) => x.row === row.value)?.counts[c.value] ?? 0} (
                      {Math.round(share(s, row.value, c.value))} %)
                    </TableCell>
                  ))}
                </TableRow>
              ))}
              {question.kind === "scale" || question.kind === "number" ? (
                <TableRow>
                  <TableHeaderCell scope="row">{t("results.mean")}</TableHeaderCell>
                  {shown.map((s) => {
                    const mean = s.rows.find((x) => x.row === row.value)?.mean;
                    return (
                      <TableCell key={s.segment}>
                        {mean === null || mean === undefined ? "—" : format.number(mean)}
                      </TableCell>
                    );
                  })}
                </TableRow>
              ) : null}
            </TableBody>
          </Table>
        </div>
      ))}
    </section>
  );
}
