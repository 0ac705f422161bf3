import { Heading2, Heading3, Paragraph, Textbox } from "@utrecht/component-library-react";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../app/format.ts";
import { AppLink } from "../../app/router.tsx";
import { useApi } from "../../app/use-api.ts";
import { Field } from "../../components/Field.tsx";
import { EmptyState, ErrorState, Loading } from "../../components/states.tsx";
import type { PortfolioItem } from "./types.ts";

/** Everything an organisation takes part in, grouped by form, outsourcing apart; readable as on a past date. */
export function PortfolioSection({ organisationId }: { organisationId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [asOf, setAsOf] = useState("");
  const [filter, setFilter] = useState("");
  const portfolio = useApi<{ items: PortfolioItem[] }>(
    `/organisations/${organisationId}/collaborations${asOf ? `?asOf=${asOf}` : ""}`,
  );

  const groups = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const items = (portfolio.data?.items ?? []).filter(
      (i) =>
        !needle ||
        i.collaboration.name.toLowerCase().includes(needle) ||
        t(`form.${i.collaboration.form}`).toLowerCase().includes(needle) ||
        i.collaboration.domains.some((d) => d.name.toLowerCase().includes(needle)),
    );
    const byKey = new Map<string, PortfolioItem[]>();
    for (const item of items) {
      const key = item.collaboration.nature === "outsourcing" ? "outsourcing" : item.collaboration.form;
      byKey.set(key, [...(byKey.get(key) ?? []), item]);
    }
    // Collaboration first, by form; outsourcing to a third party last and apart.
    return [...byKey.entries()].sort(([a], [b]) =>
      a === "outsourcing" ? 1 : b === "outsourcing" ? -1 : a.localeCompare(b),
    );
  }, [portfolio.data, filter, t]);

  const total = portfolio.data?.items.length ?? 0;
  return (
    <section aria-labelledby="portfolio">
      <Heading2 id="portfolio">{t("portfolio.title")}</Heading2>
      <div className="samen-filters samen-filters--two">
        <Field label={t("portfolio.filter")}>
          {(props) => <Textbox {...props} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />}
        </Field>
        <Field label={t("portfolio.asOf")} description={t("portfolio.asOfHint")}>
          {(props) => <Textbox {...props} type="date" value={asOf} onChange={(e) => setAsOf(e.target.value)} />}
        </Field>
      </div>
      {portfolio.loading && !portfolio.data ? <Loading /> : null}
      {portfolio.error ? <ErrorState error={portfolio.error} onRetry={portfolio.reload} /> : null}
      {portfolio.data && total === 0 ? (
        <EmptyState>
          <Paragraph>{asOf ? t("portfolio.noneOn", { date: format.date(asOf) }) : t("portfolio.none")}</Paragraph>
        </EmptyState>
      ) : null}
      {total > 0 ? <Paragraph>{t("portfolio.count", { count: total })}</Paragraph> : null}
      {groups.map(([group, items]) => (
        <div key={group} className={group === "outsourcing" ? "samen-group samen-group--outsourcing" : "samen-group"}>
          <Heading3>
            {group === "outsourcing" ? t("portfolio.outsourcing") : t(`form.${group}`)} ({items.length})
          </Heading3>
          <ul className="samen-portfolio">
            {items.map(({ membership, collaboration }) => (
              <li key={membership.id}>
                <AppLink href={`/samenwerkingen/${collaboration.id}`} className="utrecht-link">
                  {collaboration.name}
                </AppLink>{" "}
                <span className="samen-muted">
                  · {t(`membershipRole.${membership.role}`)}
                  {membership.validFrom
                    ? ` · ${t("portfolio.since", { date: format.date(membership.validFrom) })}`
                    : ""}
                  {membership.validTo ? ` · ${t("portfolio.until", { date: format.date(membership.validTo) })}` : ""}
                  {collaboration.domains.length ? ` · ${collaboration.domains.map((d) => d.name).join(", ")}` : ""}
                </span>
                {membership.carriedOver ? <span className="samen-badge">{t("portfolio.carriedOver")}</span> : null}
                {membership.awaitingConfirmation ? (
                  <span className="samen-badge">{t("portfolio.unconfirmed")}</span>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
