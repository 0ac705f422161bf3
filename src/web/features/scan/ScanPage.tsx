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
import { ErrorState, Loading } from "../../components/states.tsx";
import type { ScanResult, Scores } from "./types.ts";

const colours = ["#1d5a8c", "#d9822b", "#3a8b5c", "#8c3a6b"];

/** One scan: who answered, the scores on a radar chart and in a table, the ladder, the reasons, next steps. */
export function ScanPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const scan = useApi<ScanResult>(`/scans/${id}`);
  const lang = i18n.language === "en" ? "en" : "nl";
  if (scan.loading && !scan.data) return <Loading />;
  if (scan.error || !scan.data) return <ErrorState error={scan.error} onRetry={scan.reload} />;
  const s = scan.data;
  const answered = s.parties.filter((p) => p.scores);
  const reached = s.advice?.step ?? 0;
  const factorName = (key: string | null) => s.factors.find((f) => f.key === key)?.name[lang] ?? "";
  return (
    <>
      <p className="samen-breadcrumb">
        <AppLink href="/samenwerkingsscan" className="utrecht-link">
          {t("module.scan.name")}
        </AppLink>
      </p>
      <Heading1>{s.title}</Heading1>
      <ul>
        {s.parties.map((p) => (
          <li key={p.organisation.id}>
            {p.organisation.name}: {p.submitted ? t("scan.answered") : t("scan.notAnswered")}
          </li>
        ))}
      </ul>
      {s.mayAnswer ? (
        <Paragraph>
          <AppLink href={`/enquetes/${s.id}/antwoord`} className="utrecht-link">
            {t("scan.answerForYours")}
          </AppLink>
        </Paragraph>
      ) : null}
      {answered.length < 2 ? <Paragraph>{t("scan.waiting")}</Paragraph> : null}
      {answered.length >= 2 && s.advice ? (
        <>
          <section aria-labelledby="scores">
            <Heading2 id="scores">{t("scan.scores")}</Heading2>
            <Radar factors={s.factors.map((f) => ({ key: f.key, name: f.name[lang] }))} parties={answered} />
            <Table className="samen-table">
              <caption>{t("scan.scoresTable")}</caption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t("scan.factor")}</TableHeaderCell>
                  {answered.map((p) => (
                    <TableHeaderCell key={p.organisation.id} scope="col">
                      {p.organisation.name}
                    </TableHeaderCell>
                  ))}
                  <TableHeaderCell scope="col">{t("scan.gap")}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {s.factors.map((f) => (
                  <TableRow key={f.key}>
                    <TableHeaderCell scope="row">{f.name[lang]}</TableHeaderCell>
                    {answered.map((p) => (
                      <TableCell key={p.organisation.id}>{p.scores?.[f.key]}</TableCell>
                    ))}
                    <TableCell>{s.gaps?.[f.key]}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </section>
          <section aria-labelledby="ladder">
            <Heading2 id="ladder">{t("scan.howFar", { step: s.advice.step })}</Heading2>
            <ol className="samen-ladder">
              {s.ladder.map((l) => (
                <li
                  key={l.step}
                  className={l.step <= reached ? "samen-ladder__reached" : undefined}
                  aria-current={l.step === reached ? "step" : undefined}
                >
                  {l.name[lang]}
                </li>
              ))}
            </ol>
            <ul>
              {s.advice.because.map((b) => (
                <li key={b.rule}>
                  {t(`scan.because.${b.rule}`, { factor: factorName(b.factor), value: b.value, step: b.capsAt })}
                </li>
              ))}
            </ul>
          </section>
          {s.nextSteps.length ? (
            <section aria-labelledby="next">
              <Heading2 id="next">{t("scan.nextSteps")}</Heading2>
              {s.nextSteps.map((n) => (
                <div key={n.factor}>
                  <h3 className="utrecht-heading-3">{n.name[lang]}</h3>
                  <ul>
                    {n.steps.map((step) => (
                      <li key={step.nl}>{step[lang]}</li>
                    ))}
                  </ul>
                </div>
              ))}
            </section>
          ) : null}
          <Paragraph>
            <a className="utrecht-link" href={`/api/scans/${s.id}/report.pdf`} download>
              {t("scan.report")}
            </a>
          </Paragraph>
        </>
      ) : null}
      {s.history.length ? (
        <section aria-labelledby="history">
          <Heading2 id="history">{t("scan.earlier")}</Heading2>
          <Table className="samen-table">
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t("scan.scan")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("scan.step")}</TableHeaderCell>
                {s.factors.map((f) => (
                  <TableHeaderCell key={f.key} scope="col">
                    {f.name[lang]} ({t("scan.lowest")})
                  </TableHeaderCell>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {s.history.map((h) => (
                <TableRow key={h.id}>
                  <TableHeaderCell scope="row">
                    <AppLink href={`/samenwerkingsscan/${h.id}`} className="utrecht-link">
                      {h.title}
                    </AppLink>
                  </TableHeaderCell>
                  <TableCell>{h.step}</TableCell>
                  {s.factors.map((f) => (
                    <TableCell key={f.key}>{Math.min(...h.parties.map((p) => p.scores?.[f.key] ?? 0))}</TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </section>
      ) : null}
    </>
  );
}

/** A radar chart of the parties' scores per factor (0 at the centre, 100 at the edge); the table says the same. */
function Radar({
  factors,
  parties,
}: {
  factors: { key: string; name: string }[];
  parties: { organisation: { id: string; name: string }; scores: Scores | null }[];
}) {
  const { t } = useTranslation();
  const size = 320;
  const centre = size / 2;
  const radius = 110;
  const point = (i: number, value: number) => {
    const angle = -Math.PI / 2 + (i * 2 * Math.PI) / factors.length;
    return [
      centre + Math.cos(angle) * radius * (value / 100),
      centre + Math.sin(angle) * radius * (value / 100),
    ] as const;
  };
  const polygon = (values: number[]) => values.map((v, i) => point(i, v).join(",")).join(" ");
  return (
    <figure className="samen-radar">
      {/* Room on both sides for the factors' names. */}
      <svg
        viewBox={`-90 0 ${size + 180} ${size}`}
        role="img"
        aria-label={t("scan.radar")}
        width={size + 180}
        height={size}
      >
        {[25, 50, 75, 100].map((ring) => (
          <polygon key={ring} points={polygon(factors.map(() => ring))} fill="none" stroke="#c8ccd0" strokeWidth="1" />
        ))}
        {factors.map((f, i) => {
          const [x, y] = point(i, 118);
          return (
            <text key={f.key} x={x} y={y} fontSize="11" textAnchor="middle" dominantBaseline="middle">
              {f.name}
            </text>
          );
        })}
        {parties.map((p, pi) => (
          <polygon
            key={p.organisation.id}
            points={polygon(factors.map((f) => p.scores?.[f.key] ?? 0))}
            fill={colours[pi % colours.length]}
            fillOpacity="0.15"
            stroke={colours[pi % colours.length]}
            strokeWidth="2"
          />
        ))}
      </svg>
      <figcaption>
        <ul className="samen-legend">
          {parties.map((p, pi) => (
            <li key={p.organisation.id}>
              <span className="samen-legend__swatch" style={{ background: colours[pi % colours.length] }} />
              {p.organisation.name}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
