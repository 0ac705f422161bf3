import {
  Heading2,
  Heading3,
  Paragraph,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../app/format.ts";
import { useApi } from "../../app/use-api.ts";

interface Trends {
  waves: { id: string; title: string; wave: string | null; total: number }[];
  questions: {
    name: string;
    title: string;
    kind: string;
    choices: { value: string; label: string }[];
    byWave: {
      surveyId: string;
      suppressed: boolean;
      answered: number | null;
      counts: Record<string, number>;
      mean: number | null;
    }[];
  }[];
}

/** The survey's waves side by side, for the questions whose names they share; shown when there is an earlier wave. */
export function TrendSection({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const trends = useApi<Trends>(`/surveys/${id}/trends?locale=${i18n.language === "en" ? "en" : "nl"}`);
  const data = trends.data;
  if (!data || data.waves.length < 2 || !data.questions.length) return null;
  const share = (w: Trends["questions"][number]["byWave"][number], value: string) =>
    w.answered ? `${Math.round(((w.counts[value] ?? 0) / w.answered) * 100)} %` : "—";
  return (
    <section aria-labelledby="trends">
      <Heading2 id="trends">{t("results.trends")}</Heading2>
      <Paragraph>{t("results.trendsHint", { count: data.waves.length })}</Paragraph>
      {data.questions.map((q) => (
        <div key={q.name}>
          <Heading3>{q.title}</Heading3>
          <Table className="samen-table">
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t("results.answer")}</TableHeaderCell>
                {data.waves.map((w) => (
                  <TableHeaderCell key={w.id} scope="col">
                    {w.wave ?? w.title}
                  </TableHeaderCell>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {(q.kind === "number" ? [] : q.choices).map((c) => (
                <TableRow key={c.value}>
                  <TableHeaderCell scope="row">{c.label}</TableHeaderCell>
                  {q.byWave.map((w) => (
                    <TableCell key={w.surveyId}>{w.suppressed ? t("results.hidden") : share(w, c.value)}</TableCell>
                  ))}
                </TableRow>
              ))}
              {q.kind === "scale" || q.kind === "number" ? (
                <TableRow>
                  <TableHeaderCell scope="row">{t("results.mean")}</TableHeaderCell>
                  {q.byWave.map((w) => (
                    <TableCell key={w.surveyId}>
                      {w.suppressed || w.mean === null ? "—" : format.number(w.mean)}
                    </TableCell>
                  ))}
                </TableRow>
              ) : null}
            </TableBody>
          </Table>
        </div>
      ))}
    </section>
  );
}
