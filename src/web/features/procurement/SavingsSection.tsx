import { Heading2, Heading3, Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { useEuro } from "../../app/format.ts";
import { useSession } from "../../app/session.tsx";
import { useApi } from "../../app/use-api.ts";
import { BarChart } from "../../components/BarChart.tsx";
import { DataTable } from "../../components/DataTable.tsx";
import { ErrorState, Loading } from "../../components/states.tsx";
import type { Bundle, BundleSavings, YearAmount } from "./types.ts";

/** The savings of a year per calendar year, as a chart and its table. */
export function YearsFigure({ years, label }: { years: YearAmount[]; label: string }) {
  const { t, i18n } = useTranslation();
  const euro = useEuro(i18n.language);
  if (!years.length) return null;
  return (
    <figure className="samen-figure-block">
      <BarChart
        label={label}
        format={euro}
        bars={years.map((y) => ({ key: String(y.year), label: String(y.year), value: y.cents }))}
      />
      <DataTable
        label={label}
        rows={years}
        rowKey={(y) => String(y.year)}
        empty=""
        columns={[
          { title: t("procurement.year"), cell: (y) => y.year },
          { title: t("procurement.realised"), numeric: true, cell: (y) => euro(y.cents) },
        ]}
      />
    </figure>
  );
}

/** A bundle's savings: the estimate before the tender, the realised saving after it, per participant and year. */
export function SavingsSection({ bundle }: { bundle: Bundle }) {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const euro = useEuro(i18n.language);
  const lang = i18n.language === "en" ? "en" : "nl";
  const savings = useApi<BundleSavings>(`/purchase-bundles/${bundle.id}/savings?lang=${lang}`);
  const own = session?.activeOrganisation?.id;
  const forOwn = !bundle.abilities.readDeclarations && own ? `&organisationId=${own}` : "";
  const data = savings.data;
  const awarded = data?.totals.realisedCents !== null && data?.totals.realisedCents !== undefined;
  return (
    <section aria-labelledby="savings">
      <Heading2 id="savings">{t("procurement.savings.title")}</Heading2>
      {savings.loading && !data ? <Loading /> : null}
      {savings.error ? <ErrorState error={savings.error} onRetry={savings.reload} /> : null}
      {data ? (
        <>
          <dl className="samen-terms">
            <dt>{t("procurement.baselinePerYear")}</dt>
            <dd className="samen-figure">{euro(data.totals.baselineCents)}</dd>
            <dt>{t("procurement.estimatedPerYear")}</dt>
            <dd className="samen-figure">{euro(data.totals.estimatedCents)}</dd>
            {awarded ? (
              <>
                <dt>{t("procurement.realisedPerYear")}</dt>
                <dd className="samen-figure">{euro(data.totals.realisedCents ?? 0)}</dd>
                <dt>{t("procurement.realisedOverTerm")}</dt>
                <dd className="samen-figure">{euro(data.totals.totalCents)}</dd>
              </>
            ) : null}
          </dl>
          <Heading3>{t("procurement.assumptions")}</Heading3>
          <ul className="samen-assumptions">
            {data.assumptions.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
          {data.participants.length ? (
            <>
              <Heading3>{t("procurement.perParticipant")}</Heading3>
              <BarChart
                label={awarded ? t("procurement.chartRealised") : t("procurement.chartEstimated")}
                format={euro}
                bars={data.participants.map((p) => ({
                  key: p.organisation.id,
                  label: p.organisation.name,
                  value: awarded ? (p.realisedCents ?? 0) : p.estimatedCents,
                }))}
              />
              <DataTable
                label={t("procurement.perParticipant")}
                rows={data.participants}
                rowKey={(p) => p.organisation.id}
                empty=""
                columns={[
                  { title: t("procurement.organisation"), cell: (p) => p.organisation.name },
                  { title: t("procurement.baseline"), numeric: true, cell: (p) => euro(p.baselineCents) },
                  { title: t("procurement.estimatedSaving"), numeric: true, cell: (p) => euro(p.estimatedCents) },
                  {
                    title: t("procurement.realisedSaving"),
                    numeric: true,
                    cell: (p) => (p.realisedCents === null ? "—" : euro(p.realisedCents)),
                  },
                  { title: t("procurement.overTerm"), numeric: true, cell: (p) => euro(p.totalCents) },
                ]}
              />
              {data.participants.map((p) => (
                <details key={p.organisation.id} className="samen-details">
                  <summary>{t("procurement.whatItRestsOn", { organisation: p.organisation.name })}</summary>
                  {p.lots.map((l) => (
                    <div key={l.lotId}>
                      <strong>{l.lot}</strong>
                      <ul className="samen-assumptions">
                        {l.assumptions.map((a) => (
                          <li key={a}>{a}</li>
                        ))}
                      </ul>
                    </div>
                  ))}
                </details>
              ))}
            </>
          ) : (
            <Paragraph>{t("procurement.savings.totalsOnly")}</Paragraph>
          )}
          {awarded ? <YearsFigure years={data.totals.years} label={t("procurement.chartYears")} /> : null}
          <ul className="samen-plain-list">
            {data.participants.length ? (
              <>
                <li>
                  <a
                    className="utrecht-link"
                    href={`/api/purchase-bundles/${bundle.id}/savings.csv?lang=${lang}${forOwn}`}
                  >
                    {t("procurement.downloadCsv")}
                  </a>
                </li>
                <li>
                  <a
                    className="utrecht-link"
                    href={`/api/purchase-bundles/${bundle.id}/savings.xlsx?lang=${lang}${forOwn}`}
                  >
                    {t("procurement.downloadXlsx")}
                  </a>
                </li>
              </>
            ) : null}
            <li>
              <a className="utrecht-link" href={`/api/purchase-bundles/${bundle.id}/releases.json`}>
                {t("procurement.downloadReleases")}
              </a>
            </li>
            <li>
              <a className="utrecht-link" href={`/api/purchase-bundles/${bundle.id}/record.json`}>
                {t("procurement.downloadRecord")}
              </a>
            </li>
          </ul>
        </>
      ) : null}
    </section>
  );
}
