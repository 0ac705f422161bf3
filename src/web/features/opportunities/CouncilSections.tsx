import { Heading2, Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { useEuro, useFormat } from "../../app/format.ts";
import { AppLink } from "../../app/router.tsx";
import { safeHref } from "../../app/safe-href.ts";
import { BarChart } from "../../components/BarChart.tsx";
import { DataTable } from "../../components/DataTable.tsx";
import type { CouncilCollaboration, Deadline, Payment, PurchaseLine, Totals } from "./types.ts";

/** A link inside the app for signed-in readers; the name alone on the public page, whose readers cannot follow it. */
function Named({ href, name, linked }: { href: string; name: string; linked: boolean }) {
  return linked ? (
    <AppLink className="utrecht-link" href={href}>
      {name}
    </AppLink>
  ) : (
    name
  );
}

/** Where a figure comes from, in words. */
export function useSourceOf() {
  const { t } = useTranslation();
  const format = useFormat();
  return (p: Payment) => {
    const s = p.source;
    if (s.kind === "settlement") {
      return s.approvedOn
        ? t("council.source.settlementApproved", {
            reference: s.reference,
            version: s.version,
            date: format.date(s.approvedOn),
          })
        : t("council.source.settlementDraft", { reference: s.reference, version: s.version });
    }
    return t(`council.source.${s.kind}`, { reference: s.reference });
  };
}

/** The payments of one line, one year per line with its source. */
function PaymentLines({ payments }: { payments: Payment[] }) {
  const { i18n } = useTranslation();
  const euro = useEuro(i18n.language);
  const sourceOf = useSourceOf();
  if (!payments.length) return <>—</>;
  return (
    <ul className="samen-plain-list">
      {payments.map((p) => (
        <li key={`${p.year}-${p.source.kind}-${p.source.reference}`}>
          <span className="samen-amount">
            {p.year}: {euro(p.cents)}
          </span>{" "}
          <span className="samen-muted">({sourceOf(p)})</span>
        </li>
      ))}
    </ul>
  );
}

/** What the organisation pays a year into all of it, as a chart and its table. */
export function TotalsSection({ totals }: { totals: Totals }) {
  const { t, i18n } = useTranslation();
  const euro = useEuro(i18n.language);
  return (
    <section aria-labelledby="council-totals">
      <Heading2 id="council-totals">{t("council.totals.title")}</Heading2>
      {totals.byYear.length ? (
        <figure className="samen-figure-block">
          <BarChart
            label={t("council.totals.chart")}
            format={euro}
            bars={totals.byYear.map((y) => ({ key: String(y.year), label: String(y.year), value: y.cents }))}
          />
          <DataTable
            label={t("council.totals.title")}
            rows={totals.byYear}
            rowKey={(y) => String(y.year)}
            empty=""
            columns={[
              { title: t("council.year"), cell: (y) => y.year },
              { title: t("council.paid"), numeric: true, cell: (y) => euro(y.cents) },
            ]}
          />
        </figure>
      ) : (
        <Paragraph>{t("council.totals.none")}</Paragraph>
      )}
    </section>
  );
}

/** The collaborations of one nature, with what is paid into each and who represents the organisation. */
export function CollaborationsTable({
  rows,
  label,
  empty,
  linked,
}: {
  rows: CouncilCollaboration[];
  label: string;
  empty: string;
  linked: boolean;
}) {
  const { t, i18n } = useTranslation();
  const euro = useEuro(i18n.language);
  const format = useFormat();
  const showsPayments = rows.some((r) => r.payments !== null);
  const showsPeople = rows.some((r) => r.representatives !== null);
  return (
    <DataTable
      label={label}
      rows={rows}
      rowKey={(r) => r.collaboration.id}
      empty={empty}
      columns={[
        {
          title: t("council.collaboration"),
          cell: (r) => (
            <>
              <Named href={`/samenwerkingen/${r.collaboration.id}`} name={r.collaboration.name} linked={linked} />
              <br />
              <span className="samen-muted">
                {t(`form.${r.collaboration.form}`)} · {t(`membershipRole.${r.role}`)}
                {r.since ? ` · ${t("council.since", { date: format.date(r.since) })}` : ""}
              </span>
            </>
          ),
        },
        ...(showsPayments
          ? [
              {
                title: t("council.payments"),
                cell: (r: CouncilCollaboration) => <PaymentLines payments={r.payments ?? []} />,
              },
              {
                title: t("council.total"),
                numeric: true,
                cell: (r: CouncilCollaboration) => (r.totalCents ? euro(r.totalCents) : "—"),
              },
            ]
          : []),
        ...(showsPeople
          ? [
              {
                title: t("council.representatives"),
                cell: (r: CouncilCollaboration) =>
                  r.representatives?.length ? (
                    <ul className="samen-plain-list">
                      {r.representatives.map((p) => (
                        <li key={`${p.name}-${p.body}`}>
                          {p.name}
                          {p.office ? `, ${p.office}` : ""} ({t(`council.body.${p.body}`)})
                        </li>
                      ))}
                    </ul>
                  ) : (
                    "—"
                  ),
              },
            ]
          : []),
      ]}
    />
  );
}

/** Every collaboration, split into real collaboration and outsourcing. */
export function CollaborationsSection({ rows, linked }: { rows: CouncilCollaboration[]; linked: boolean }) {
  const { t } = useTranslation();
  const real = rows.filter((r) => r.collaboration.nature === "collaboration");
  const outsourced = rows.filter((r) => r.collaboration.nature === "outsourcing");
  return (
    <section aria-labelledby="council-collaborations">
      <Heading2 id="council-collaborations">{t("council.collaborations.title", { count: rows.length })}</Heading2>
      <h3 className="utrecht-heading-3">{t("council.collaborations.real", { count: real.length })}</h3>
      <CollaborationsTable
        rows={real}
        label={t("council.collaborations.real", { count: real.length })}
        empty={t("council.collaborations.noneReal")}
        linked={linked}
      />
      <h3 className="utrecht-heading-3">{t("council.collaborations.outsourcing", { count: outsourced.length })}</h3>
      <CollaborationsTable
        rows={outsourced}
        label={t("council.collaborations.outsourcing", { count: outsourced.length })}
        empty={t("council.collaborations.noneOutsourcing")}
        linked={linked}
      />
    </section>
  );
}

export function PurchasesSection({ rows, linked }: { rows: PurchaseLine[]; linked: boolean }) {
  const { t, i18n } = useTranslation();
  const euro = useEuro(i18n.language);
  if (!rows.length) return null;
  return (
    <section aria-labelledby="council-purchases">
      <Heading2 id="council-purchases">{t("council.purchases.title")}</Heading2>
      <Paragraph>{t("council.purchases.intro")}</Paragraph>
      <DataTable
        label={t("council.purchases.title")}
        rows={rows}
        rowKey={(r) => r.bundle.id}
        empty=""
        columns={[
          {
            title: t("council.purchase"),
            cell: (r) => <Named href={`/gezamenlijke-aankoop/${r.bundle.id}`} name={r.bundle.title} linked={linked} />,
          },
          { title: t("council.payments"), cell: (r) => <PaymentLines payments={r.payments} /> },
          { title: t("council.total"), numeric: true, cell: (r) => euro(r.totalCents) },
        ]}
      />
    </section>
  );
}

/** The council's deadlines of the coming year, each with its legal source and the document it concerns. */
export function DeadlinesSection({ deadlines, linked }: { deadlines: Deadline[]; linked: boolean }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const lang = i18n.language === "en" ? "en" : "nl";
  return (
    <section aria-labelledby="council-deadlines">
      <Heading2 id="council-deadlines">{t("council.deadlines.title")}</Heading2>
      <DataTable
        label={t("council.deadlines.title")}
        rows={deadlines}
        rowKey={(d) => `${d.collaboration.id}-${d.dueOn}-${d.title.nl}`}
        empty={t("council.deadlines.none")}
        columns={[
          { title: t("council.deadlines.due"), cell: (d) => format.date(d.dueOn) },
          {
            title: t("council.deadlines.what"),
            cell: (d) => (
              <>
                {d.title[lang]}
                <br />
                <Named href={`/samenwerkingen/${d.collaboration.id}`} name={d.collaboration.name} linked={linked} />
                {d.document ? (
                  <>
                    {" · "}
                    <a className="utrecht-link" href={safeHref(d.document.url)}>
                      {d.document.title}
                    </a>
                  </>
                ) : null}
              </>
            ),
          },
          {
            title: t("council.deadlines.source"),
            cell: (d) => (
              <>
                {d.source.url ? (
                  <a className="utrecht-link" href={safeHref(d.source.url)}>
                    {d.source.citation}
                  </a>
                ) : (
                  d.source.citation
                )}
                {d.source.setBy === "agreement" ? (
                  <>
                    <br />
                    <span className="samen-muted">{t("council.deadlines.default")}</span>
                  </>
                ) : null}
              </>
            ),
          },
        ]}
      />
    </section>
  );
}
