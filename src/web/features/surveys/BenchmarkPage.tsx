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
import { useTranslation } from "react-i18next";
import { AppLink } from "../../app/router.tsx";
import { useApi } from "../../app/use-api.ts";
import { EmptyState, ErrorState, Loading } from "../../components/states.tsx";
import type { Survey } from "./types.ts";

interface Benchmark {
  peers: { kind: string | null; sizeClass: number | null; count: number; shown: boolean; minimum: number };
  questions: {
    name: string;
    title: string;
    kind: string;
    choices: { value: string; label: string; peers: number; own: boolean }[];
  }[];
}

/** An organisation's own answers beside those of comparable organisations (same kind and size class). */
export function BenchmarkPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const survey = useApi<Survey>(`/surveys/${id}`);
  const benchmark = useApi<Benchmark>(`/surveys/${id}/benchmark?locale=${i18n.language === "en" ? "en" : "nl"}`);
  if (benchmark.loading && !benchmark.data) return <Loading />;
  if (benchmark.error || !benchmark.data) return <ErrorState error={benchmark.error} onRetry={benchmark.reload} />;
  const b = benchmark.data;
  return (
    <>
      <p className="samen-breadcrumb">
        <AppLink href={`/enquetes/${id}/antwoord`} className="utrecht-link">
          {survey.data?.title ?? t("module.surveys.name")}
        </AppLink>
      </p>
      <Heading1>{t("benchmark.title")}</Heading1>
      <Paragraph>
        {t("benchmark.peers", { count: b.peers.count, kind: t(`kind.${b.peers.kind ?? "other"}`) })}
      </Paragraph>
      {!b.peers.shown ? (
        <EmptyState>
          <Paragraph>{t("benchmark.tooFew", { n: b.peers.minimum })}</Paragraph>
        </EmptyState>
      ) : null}
      {b.questions.map((q) => {
        const total = q.choices.reduce((s, c) => s + c.peers, 0);
        return (
          <section key={q.name} aria-labelledby={`b-${q.name}`}>
            <Heading2 id={`b-${q.name}`}>{q.title}</Heading2>
            <Table className="samen-table">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t("results.answer")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("benchmark.comparable")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("benchmark.yours")}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {q.choices.map((c) => (
                  <TableRow key={c.value}>
                    <TableHeaderCell scope="row">{c.label}</TableHeaderCell>
                    <TableCell>
                      {c.peers} ({total ? Math.round((c.peers / total) * 100) : 0} %)
                    </TableCell>
                    <TableCell>{c.own ? t("benchmark.yourAnswer") : ""}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </section>
        );
      })}
    </>
  );
}
