import { Button, Heading1, Heading2, Paragraph, Textbox } from "@utrecht/component-library-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api } from "../../app/api.ts";
import { parseEuro, useEuro, useFormat } from "../../app/format.ts";
import { AppLink } from "../../app/router.tsx";
import { useSession } from "../../app/session.tsx";
import { useApi } from "../../app/use-api.ts";
import { useFormSubmit } from "../../app/use-form-submit.ts";
import { BarChart } from "../../components/BarChart.tsx";
import { DataTable } from "../../components/DataTable.tsx";
import { Field } from "../../components/Field.tsx";
import { FormFrame } from "../../components/FormFrame.tsx";
import { EmptyState, ErrorState, Loading } from "../../components/states.tsx";
import { YearsFigure } from "./SavingsSection.tsx";
import type { Dashboard, OrganisationSavings } from "./types.ts";

const back = (label: string) => (
  <p>
    <AppLink href="/gezamenlijke-aankoop" className="utrecht-link">
      {label}
    </AppLink>
  </p>
);

/** What the organisation one acts for saved by buying together, per year and purchase, and what it pays for. */
export function OrganisationSavingsPage() {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const euro = useEuro(i18n.language);
  const { number } = useFormat();
  const own = session?.activeOrganisation?.id ?? null;
  const lang = i18n.language === "en" ? "en" : "nl";
  const savings = useApi<OrganisationSavings>(own ? `/organisations/${own}/purchase-savings?lang=${lang}` : null);
  const [adding, setAdding] = useState(false);
  if (!own)
    return (
      <>
        {back(t("procurement.back"))}
        <Heading1>{t("procurement.savings.ours")}</Heading1>
        <EmptyState>
          <Paragraph>{t("procurement.savings.actForOrganisation")}</Paragraph>
        </EmptyState>
      </>
    );
  if (savings.loading && !savings.data) return <Loading />;
  if (savings.error || !savings.data) return <ErrorState error={savings.error} onRetry={savings.reload} />;
  const s = savings.data;
  const remove = async (id: string) => {
    await api(`/savings-uses/${id}`, { method: "DELETE" });
    savings.reload();
  };
  return (
    <>
      {back(t("procurement.back"))}
      <Heading1>{t("procurement.savings.of", { organisation: s.organisation.name })}</Heading1>
      <Paragraph lead>{t("procurement.savings.intro")}</Paragraph>
      <p className="samen-figure">{euro(s.totalCents)}</p>
      {!s.bundles.length ? (
        <EmptyState>
          <Paragraph>{t("procurement.savings.none")}</Paragraph>
        </EmptyState>
      ) : null}
      <YearsFigure years={s.years} label={t("procurement.chartYears")} />
      <Heading2>{t("procurement.savings.perPurchase")}</Heading2>
      <DataTable
        label={t("procurement.savings.perPurchase")}
        rows={s.bundles}
        rowKey={(b) => b.bundle.id}
        empty={t("procurement.savings.none")}
        columns={[
          {
            title: t("procurement.purchase"),
            cell: (b) => (
              <AppLink href={`/gezamenlijke-aankoop/${b.bundle.id}`} className="utrecht-link">
                {b.bundle.name}
              </AppLink>
            ),
          },
          { title: t("procurement.leadBuyer"), cell: (b) => b.leadBuyer.name },
          {
            title: t("procurement.realisedSaving"),
            numeric: true,
            cell: (b) => (b.realisedCents === null ? "—" : euro(b.realisedCents)),
          },
          { title: t("procurement.overTerm"), numeric: true, cell: (b) => euro(b.totalCents) },
        ]}
      />
      {s.bundles.map((b) => (
        <details key={b.bundle.id} className="samen-details">
          <summary>{t("procurement.whatItRestsOn", { organisation: b.bundle.name })}</summary>
          <ul className="samen-assumptions">
            {b.assumptions.map((a, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the same sentence may stand for two lots
              <li key={index}>{a}</li>
            ))}
          </ul>
        </details>
      ))}
      <section aria-labelledby="uses">
        <Heading2 id="uses">{t("procurement.uses.title")}</Heading2>
        <Paragraph>{t("procurement.uses.intro")}</Paragraph>
        {s.abilities.keepUses && !adding ? (
          <Button appearance="secondary-action-button" onClick={() => setAdding(true)}>
            {t("procurement.uses.add")}
          </Button>
        ) : null}
        {adding ? (
          <UseForm
            organisationId={s.organisation.id}
            onDone={() => {
              setAdding(false);
              savings.reload();
            }}
          />
        ) : null}
        <DataTable
          label={t("procurement.uses.title")}
          rows={s.uses}
          rowKey={(u) => u.id}
          empty={t("procurement.uses.none")}
          columns={[
            { title: t("procurement.uses.what"), cell: (u) => u.label },
            { title: t("procurement.uses.cost"), numeric: true, cell: (u) => euro(u.costCents) },
            {
              title: t("procurement.uses.paysFor"),
              numeric: true,
              cell: (u) => t("procurement.uses.times", { times: number(u.times) }),
            },
            ...(s.abilities.keepUses
              ? [
                  {
                    title: t("procurement.uses.remove"),
                    cell: (u: OrganisationSavings["uses"][number]) => (
                      <Button appearance="subtle-button" onClick={() => remove(u.id)}>
                        {t("procurement.uses.removeOne", { what: u.label })}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </section>
    </>
  );
}

function UseForm({ organisationId, onDone }: { organisationId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [label, setLabel] = useState("");
  const [cost, setCost] = useState("");
  const { errors, failed, submit } = useFormSubmit(async () => {
    const costCents = parseEuro(cost);
    if (costCents === null) {
      const message = t("procurement.form.notAnAmount");
      throw new ApiError(400, "validation_failed", message, [{ field: "costCents", message }]);
    }
    await api(`/organisations/${organisationId}/savings-uses`, { method: "POST", body: { label, costCents } });
    onDone();
  });
  return (
    <FormFrame
      id="new-use"
      title={t("procurement.uses.add")}
      failed={failed}
      submitLabel={t("procurement.uses.add")}
      onSubmit={submit}
      onCancel={onDone}
    >
      <Field label={t("procurement.uses.what")} description={t("procurement.uses.whatHint")} error={errors.label}>
        {(p) => <Textbox {...p} value={label} onChange={(e) => setLabel(e.target.value)} />}
      </Field>
      <Field label={t("procurement.uses.cost")} error={errors.costCents}>
        {(p) => <Textbox {...p} inputMode="decimal" value={cost} onChange={(e) => setCost(e.target.value)} />}
      </Field>
    </FormFrame>
  );
}

/** The lead buyer's savings over all its joint purchases: per year, per purchase, per participant. */
export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const euro = useEuro(i18n.language);
  const dashboard = useApi<Dashboard>(`/purchase-dashboard?lang=${i18n.language === "en" ? "en" : "nl"}`);
  const [all, setAll] = useState(false);
  if (dashboard.loading && !dashboard.data) return <Loading />;
  if (dashboard.error || !dashboard.data) return <ErrorState error={dashboard.error} onRetry={dashboard.reload} />;
  const d = dashboard.data;
  const shown = all ? d.participants : d.participants.slice(0, 20);
  return (
    <>
      {back(t("procurement.back"))}
      <Heading1>{t("procurement.dashboard.of", { organisation: d.leadBuyer.name })}</Heading1>
      <Paragraph lead>{t("procurement.dashboard.intro")}</Paragraph>
      <p className="samen-figure">{euro(d.totalCents)}</p>
      <ul className="samen-assumptions">
        {d.assumptions.map((a) => (
          <li key={a}>{a}</li>
        ))}
      </ul>
      <YearsFigure years={d.years} label={t("procurement.chartYears")} />
      <Heading2>{t("procurement.dashboard.purchases")}</Heading2>
      <DataTable
        label={t("procurement.dashboard.purchases")}
        rows={d.bundles}
        rowKey={(b) => b.id}
        empty={t("procurement.none")}
        columns={[
          {
            title: t("procurement.purchase"),
            cell: (b) => (
              <AppLink href={`/gezamenlijke-aankoop/${b.id}`} className="utrecht-link">
                {b.name}
              </AppLink>
            ),
          },
          { title: t("procurement.status"), cell: (b) => t(`bundleStatus.${b.status}`) },
          { title: t("procurement.participants"), numeric: true, cell: (b) => b.participants },
          { title: t("procurement.baseline"), numeric: true, cell: (b) => euro(b.baselineCents) },
          { title: t("procurement.overTerm"), numeric: true, cell: (b) => euro(b.totalCents) },
        ]}
      />
      <Heading2>{t("procurement.perParticipant")}</Heading2>
      <BarChart
        label={t("procurement.dashboard.topTen")}
        format={euro}
        bars={d.participants.slice(0, 10).map((p) => ({ key: p.id, label: p.name, value: p.totalCents }))}
      />
      <DataTable
        label={t("procurement.perParticipant")}
        rows={shown}
        rowKey={(p) => p.id}
        empty={t("procurement.noParticipants")}
        columns={[
          { title: t("procurement.organisation"), cell: (p) => p.name },
          { title: t("procurement.dashboard.purchases"), numeric: true, cell: (p) => p.bundles },
          { title: t("procurement.overTerm"), numeric: true, cell: (p) => euro(p.totalCents) },
        ]}
      />
      {d.participants.length > 20 ? (
        <Button appearance="subtle-button" onClick={() => setAll(!all)}>
          {all ? t("procurement.dashboard.fewer") : t("procurement.dashboard.all", { count: d.participants.length })}
        </Button>
      ) : null}
    </>
  );
}
