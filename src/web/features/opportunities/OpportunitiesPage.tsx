import { Button, Heading2, Heading3, Paragraph, Textbox } from "@utrecht/component-library-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { basisEuro, type EstimateBasis, estimatedSavingEuro } from "../../../platform/saving-estimate.ts";
import { api } from "../../app/api.ts";
import { parseQuantity, useEuro } from "../../app/format.ts";
import { AppLink, useLocation } from "../../app/router.tsx";
import { useSession } from "../../app/session.tsx";
import { useApi } from "../../app/use-api.ts";
import { DataTable } from "../../components/DataTable.tsx";
import { Field } from "../../components/Field.tsx";
import { OrganisationLinks } from "../../components/OrganisationLinks.tsx";
import { ErrorState, Loading } from "../../components/states.tsx";
import { ModuleFrame } from "./ModuleFrame.tsx";
import type { CoCreationTheme, OpportunityKind, OpportunityReport, Themes } from "./types.ts";

const kinds: OpportunityKind[] = ["collaboration", "framework", "catalogueOffer", "project", "purchase"];
const pathOf: Record<OpportunityKind, string> = {
  collaboration: "/samenwerkingen",
  framework: "/gedeelde-diensten",
  catalogueOffer: "/partnercatalogus",
  project: "/partnerprojecten",
  purchase: "/gezamenlijke-aankoop",
};

/** The assumptions a reader typed, per kind: euro per inhabitant and the part saved, as typed (Dutch or English). */
type Typed = Record<OpportunityKind, { euro: string; percent: string }>;

/** What the organisation one acts for could join, and why: the page of module 9. */
export function OpportunitiesPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const own = session?.activeOrganisation;
  const report = useApi<OpportunityReport>(own ? `/organisations/${own.id}/opportunities` : null);
  const data = report.data;
  return (
    <ModuleFrame
      part="opportunities"
      title={(organisation) => t("opportunities.titleOf", { organisation })}
      intro={t("opportunities.intro")}
      extra={
        <li>
          <a className="utrecht-link" href="#matchmaking">
            {t("matchmaking.title")}
          </a>
        </li>
      }
    >
      {() => (
        <>
          {report.loading && !data ? <Loading /> : null}
          {report.error ? <ErrorState error={report.error} onRetry={report.reload} /> : null}
          {data ? (
            <>
              <PortfolioSection report={data} />
              <GapsSection report={data} />
              <JoinableSection key={data.organisation.id} report={data} />
            </>
          ) : null}
          <MatchmakingSection />
        </>
      )}
    </ModuleFrame>
  );
}

function PortfolioSection({ report }: { report: OpportunityReport }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="portfolio">
      <Heading2 id="portfolio">{t("opportunities.portfolio.title")}</Heading2>
      <dl className="samen-terms">
        <dt>{t("opportunities.portfolio.collaboration")}</dt>
        <dd className="samen-figure">{report.portfolio.collaboration}</dd>
        <dt>{t("opportunities.portfolio.outsourcing")}</dt>
        <dd className="samen-figure">{report.portfolio.outsourcing}</dd>
        <dt>{t("opportunities.portfolio.areas")}</dt>
        <dd>{report.taskAreas.length ? report.taskAreas.map((a) => a.name).join(", ") : "—"}</dd>
        <dt>{t("opportunities.portfolio.neighbours", { count: report.neighbours.length })}</dt>
        <dd>{report.neighbours.length ? <OrganisationLinks items={report.neighbours} /> : "—"}</dd>
      </dl>
    </section>
  );
}

function GapsSection({ report }: { report: OpportunityReport }) {
  const { t } = useTranslation();
  const share = (s: { sharing: number; of: number }) => (s.of ? t("opportunities.gaps.share", s) : "—");
  return (
    <section aria-labelledby="gaps">
      <Heading2 id="gaps">{t("opportunities.gaps.title")}</Heading2>
      <Paragraph>
        {report.peers.basis === "provinceAndSize"
          ? t("opportunities.gaps.peersBySize", { count: report.peers.count })
          : t("opportunities.gaps.peersByProvince", { count: report.peers.count })}
      </Paragraph>
      <DataTable
        label={t("opportunities.gaps.title")}
        rows={report.gaps}
        rowKey={(g) => g.area.id}
        empty={t("opportunities.gaps.none")}
        columns={[
          { title: t("opportunities.gaps.area"), cell: (g) => g.area.name },
          { title: t("opportunities.gaps.neighbours"), numeric: true, cell: (g) => share(g.neighbours) },
          { title: t("opportunities.gaps.peers"), numeric: true, cell: (g) => share(g.peers) },
        ]}
      />
      <Paragraph className="samen-muted">{t("opportunities.gaps.how")}</Paragraph>
    </section>
  );
}

/** A number typed as Dutch or English, or the fallback when it is empty or not a number. */
const numberOr = (text: string, fallback: number) => {
  const value = parseQuantity(text);
  return typeof value === "number" && value >= 0 ? value : fallback;
};

function JoinableSection({ report }: { report: OpportunityReport }) {
  const { t, i18n } = useTranslation();
  const euro = useEuro(i18n.language, { whole: true });
  const nf = new Intl.NumberFormat(i18n.language === "en" ? "en-GB" : "nl-BE");
  const starting = (kind: OpportunityKind) => {
    const first = report.joinable.find((j) => j.kind === kind && j.estimate.basis.kind === "perInhabitant");
    const any = report.joinable.find((j) => j.kind === kind);
    const basis = first?.estimate.basis;
    return {
      euro: basis?.kind === "perInhabitant" ? nf.format(basis.euroPerInhabitant) : "",
      percent: any ? nf.format(any.estimate.savingPercent) : "",
    };
  };
  const [typed, setTyped] = useState<Typed>(() => Object.fromEntries(kinds.map((k) => [k, starting(k)])) as Typed);
  const present = kinds.filter((k) => report.joinable.some((j) => j.kind === k));
  const estimateOf = (j: OpportunityReport["joinable"][number]) => {
    const mine = typed[j.kind];
    const basis: EstimateBasis =
      j.estimate.basis.kind === "perInhabitant"
        ? { ...j.estimate.basis, euroPerInhabitant: numberOr(mine.euro, j.estimate.basis.euroPerInhabitant) }
        : j.estimate.basis;
    const estimate = { basis, savingPercent: numberOr(mine.percent, j.estimate.savingPercent) };
    return { estimate, saving: estimatedSavingEuro(estimate) };
  };
  const describe = (basis: EstimateBasis, percent: number) =>
    basis.kind === "perInhabitant"
      ? t("opportunities.estimate.perInhabitant", {
          percent: nf.format(percent),
          population: nf.format(basis.population),
          euro: nf.format(basis.euroPerInhabitant),
        })
      : t("opportunities.estimate.spend", { percent: nf.format(percent), spend: euro(basisEuro(basis) * 100) });
  const total = report.joinable.reduce((s, j) => s + estimateOf(j).saving, 0);
  return (
    <section aria-labelledby="joinable">
      <Heading2 id="joinable">{t("opportunities.joinable.title")}</Heading2>
      <Paragraph>{t("opportunities.joinable.intro")}</Paragraph>
      {report.population === null ? <Paragraph>{t("opportunities.joinable.noPopulation")}</Paragraph> : null}
      {present.length ? (
        <fieldset className="samen-fieldset samen-assumption-grid">
          <legend>{t("opportunities.assumptions.title")}</legend>
          {present.map((kind) => (
            <div key={kind} className="samen-assumption">
              <Heading3>{t(`opportunities.kind.${kind}`)}</Heading3>
              {report.joinable.some((j) => j.kind === kind && j.estimate.basis.kind === "perInhabitant") ? (
                <Field label={t("opportunities.assumptions.euroPerInhabitant")}>
                  {(p) => (
                    <Textbox
                      {...p}
                      inputMode="decimal"
                      value={typed[kind].euro}
                      onChange={(e) => setTyped({ ...typed, [kind]: { ...typed[kind], euro: e.target.value } })}
                    />
                  )}
                </Field>
              ) : null}
              <Field label={t("opportunities.assumptions.savingPercent")}>
                {(p) => (
                  <Textbox
                    {...p}
                    inputMode="decimal"
                    value={typed[kind].percent}
                    onChange={(e) => setTyped({ ...typed, [kind]: { ...typed[kind], percent: e.target.value } })}
                  />
                )}
              </Field>
            </div>
          ))}
          <Paragraph className="samen-muted">{t("opportunities.assumptions.note")}</Paragraph>
        </fieldset>
      ) : null}
      <p className="samen-figure-line" aria-live="polite">
        {t("opportunities.joinable.total", { amount: euro(total * 100) })}
      </p>
      <DataTable
        label={t("opportunities.joinable.title")}
        rows={report.joinable}
        rowKey={(j) => `${j.kind}-${j.id}`}
        empty={t("opportunities.joinable.none")}
        columns={[
          {
            title: t("opportunities.joinable.what"),
            cell: (j) => (
              <>
                <AppLink className="utrecht-link" href={`${pathOf[j.kind]}/${j.id}`}>
                  {j.title}
                </AppLink>
                <br />
                <span className="samen-muted">
                  {t(`opportunities.kind.${j.kind}`)}
                  {j.partner ? ` · ${j.partner.name}` : ""}
                  {j.neighbourMembers.length
                    ? ` · ${t("opportunities.joinable.neighboursIn", { names: j.neighbourMembers.map((n) => n.name).join(", ") })}`
                    : ""}
                </span>
              </>
            ),
          },
          {
            title: t("opportunities.joinable.saving"),
            numeric: true,
            cell: (j) => {
              const { estimate, saving } = estimateOf(j);
              return (
                <>
                  {euro(saving * 100)}
                  <br />
                  <span className="samen-muted">{describe(estimate.basis, estimate.savingPercent)}</span>
                </>
              );
            },
          },
          {
            title: t("opportunities.joinable.scan"),
            cell: (j) =>
              j.scan ? (
                <AppLink className="utrecht-link" href={`/samenwerkingsscan/${j.scan.id}`}>
                  {j.scan.step === null
                    ? t("opportunities.joinable.scanOpen", { title: j.scan.title })
                    : t("opportunities.joinable.scanStep", { title: j.scan.title, step: j.scan.step })}
                </AppLink>
              ) : (
                "—"
              ),
          },
        ]}
      />
    </section>
  );
}

/** Themes to co-create on: say which, see who else did, start a scan or a project with them in one step. */
function MatchmakingSection() {
  const { t } = useTranslation();
  const { session } = useSession();
  const { navigate } = useLocation();
  const own = session?.activeOrganisation;
  const themes = useApi<Themes>("/co-creation-themes");
  const [chosen, setChosen] = useState<Record<string, string[]>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const may = themes.data?.abilities.keepThemes ?? false;
  const mark = async (theme: CoCreationTheme, on: boolean) => {
    if (!own) return;
    await api(`/organisations/${own.id}/co-creation-themes/${theme}`, { method: on ? "PUT" : "DELETE" });
    themes.reload();
  };
  const start = async (theme: CoCreationTheme, kind: "scan" | "project") => {
    setProblem(null);
    try {
      const { data } = await api<{ kind: string; id: string }>(`/co-creation-themes/${theme}/start`, {
        method: "POST",
        body: { kind, partnerIds: chosen[theme] ?? [] },
      });
      navigate(kind === "scan" ? `/samenwerkingsscan/${data.id}` : `/partnerprojecten/${data.id}`);
    } catch (error) {
      setProblem((error as Error).message);
    }
  };
  return (
    <section aria-labelledby="matchmaking" className="samen-no-print">
      <Heading2 id="matchmaking">{t("matchmaking.title")}</Heading2>
      <Paragraph>{t("matchmaking.intro")}</Paragraph>
      {themes.loading && !themes.data ? <Loading /> : null}
      {themes.error ? <ErrorState error={themes.error} onRetry={themes.reload} /> : null}
      {problem ? <Paragraph role="alert">{problem}</Paragraph> : null}
      {themes.data ? (
        <ul className="samen-plain-list samen-cocreation">
          {themes.data.items.map((item) => {
            const others = item.organisations.filter((o) => o.id !== own?.id);
            const picked = chosen[item.theme] ?? [];
            return (
              <li key={item.theme} className="samen-cocreation__theme">
                <Heading3>{t(`matchmaking.theme.${item.theme}`)}</Heading3>
                {may ? (
                  <label className="samen-checkbox">
                    <input type="checkbox" checked={item.mine} onChange={(e) => mark(item.theme, e.target.checked)} />{" "}
                    {t("matchmaking.weWant")}
                  </label>
                ) : null}
                {others.length ? (
                  <fieldset className="samen-fieldset">
                    <legend>{t("matchmaking.others", { count: others.length })}</legend>
                    {others.map((o) =>
                      item.mine && may ? (
                        <label key={o.id} className="samen-checkbox">
                          <input
                            type="checkbox"
                            checked={picked.includes(o.id)}
                            onChange={(e) =>
                              setChosen({
                                ...chosen,
                                [item.theme]: e.target.checked ? [...picked, o.id] : picked.filter((p) => p !== o.id),
                              })
                            }
                          />{" "}
                          {o.name}
                        </label>
                      ) : (
                        <span key={o.id} className="samen-tag">
                          {o.name}
                        </span>
                      ),
                    )}
                  </fieldset>
                ) : (
                  <Paragraph className="samen-muted">{t("matchmaking.nobodyYet")}</Paragraph>
                )}
                {item.mine && may && others.length ? (
                  <div className="samen-actions">
                    <Button
                      appearance="secondary-action-button"
                      disabled={!picked.length}
                      onClick={() => start(item.theme, "scan")}
                    >
                      {t("matchmaking.startScan")}
                    </Button>
                    <Button
                      appearance="secondary-action-button"
                      disabled={!picked.length}
                      onClick={() => start(item.theme, "project")}
                    >
                      {t("matchmaking.startProject")}
                    </Button>
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
    </section>
  );
}
