import { Button, Heading1, Heading2, Paragraph, Textbox } from "@utrecht/component-library-react";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { entryStatuses } from "../../../platform/vocabulary.ts";
import { AppLink } from "../../app/router.tsx";
import { useSession } from "../../app/session.tsx";
import { useApi } from "../../app/use-api.ts";
import { useDebounced, usePagedList } from "../../app/use-paged-list.ts";
import { Field } from "../../components/Field.tsx";
import { Highlighted } from "../../components/Markdown.tsx";
import { ChoiceField, DomainField } from "../../components/Selects.tsx";
import { EmptyState, ErrorState, Loading } from "../../components/states.tsx";
import type { CatalogueInfo, EntrySummary } from "./types.ts";

/** The catalogues the user can read: one opens straight away, several are listed. */
export function CatalogueHomePage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const catalogues = useApi<{ items: CatalogueInfo[] }>("/catalogues");
  if (catalogues.loading) return <Loading />;
  if (catalogues.error) return <ErrorState error={catalogues.error} onRetry={catalogues.reload} />;
  const items = catalogues.data?.items ?? [];
  const own = session?.activeOrganisation;
  // An editor of an organisation that reads no catalogue, or several, may start its own (a host municipality).
  const mayStart = own && session?.abilities.startCatalogue && !items.some((c) => c.provider.id === own.id);
  if (items.length === 1 && items[0]) return <CatalogueSearchPage providerId={items[0].provider.id} />;
  return (
    <>
      <Heading1>{t("module.catalogue.name")}</Heading1>
      <Paragraph lead>{t("catalogue.intro")}</Paragraph>
      {items.length === 0 ? (
        <EmptyState>
          <Paragraph>{t("catalogue.noCatalogues")}</Paragraph>
        </EmptyState>
      ) : (
        <ul className="samen-cards">
          {items.map((c) => (
            <li key={c.provider.id} className="samen-card">
              <AppLink href={`/partnercatalogus/aanbieder/${c.provider.id}`} className="utrecht-link">
                {c.provider.name}
              </AppLink>
              <Paragraph>{t("catalogue.count", { count: c.published })}</Paragraph>
            </li>
          ))}
        </ul>
      )}
      {mayStart && own ? (
        <Paragraph>
          {t("catalogue.startIntro")}{" "}
          <AppLink href={`/partnercatalogus/aanbieder/${own.id}`} className="utrecht-link">
            {t("catalogue.start", { organisation: own.name })}
          </AppLink>
        </Paragraph>
      ) : null}
    </>
  );
}

/** One provider's catalogue: search as you type, filters, results with their matches marked. */
export function CatalogueSearchPage({ providerId }: { providerId: string }) {
  const { t } = useTranslation();
  const params = new URLSearchParams(window.location.search);
  const [q, setQ] = useState(params.get("q") ?? "");
  const [theme, setTheme] = useState("");
  const [domain, setDomain] = useState("");
  const [status, setStatus] = useState("");
  const catalogue = useApi<CatalogueInfo>(`/catalogues/${providerId}`);
  const debounced = useDebounced(q.trim(), 250);
  const query = useMemo(() => {
    const p = new URLSearchParams();
    if (debounced) p.set("q", debounced);
    if (theme) p.set("theme", theme);
    if (domain) p.set("domain", domain);
    if (status) p.set("status", status);
    p.set("limit", debounced ? "20" : "50");
    return p.toString();
  }, [debounced, theme, domain, status]);
  const list = usePagedList<EntrySummary>(`/catalogues/${providerId}/entries?${query}`);
  if (catalogue.loading && !catalogue.data) return <Loading />;
  if (catalogue.error || !catalogue.data) return <ErrorState error={catalogue.error} onRetry={catalogue.reload} />;
  const info = catalogue.data;
  const base = `/partnercatalogus/aanbieder/${providerId}`;
  return (
    <>
      <Heading1>
        {t("module.catalogue.name")}: {info.provider.name}
      </Heading1>
      <Paragraph lead>{t("catalogue.lead", { count: info.published })}</Paragraph>
      <div className="samen-actions">
        {info.abilities.manage ? (
          <>
            <AppLink
              href={`/partnercatalogus/nieuw?aanbieder=${providerId}`}
              className="utrecht-button-link utrecht-button-link--secondary-action"
            >
              {t("catalogue.newEntry")}
            </AppLink>
            <AppLink href={`${base}/beheer`} className="utrecht-link">
              {t("catalogue.manage")}
            </AppLink>
          </>
        ) : null}
        {info.abilities.readDesk || info.abilities.ask ? (
          <AppLink href="/frontoffice" className="utrecht-link">
            {t("frontoffice.title")}
          </AppLink>
        ) : null}
      </div>
      <search className="samen-filters" aria-label={t("catalogue.searchLabel")}>
        <Field label={t("catalogue.search")} description={t("catalogue.searchHint")}>
          {(props) => (
            <Textbox {...props} type="search" value={q} autoComplete="off" onChange={(e) => setQ(e.target.value)} />
          )}
        </Field>
        <ChoiceField
          label={t("catalogue.theme")}
          value={theme}
          onChange={setTheme}
          empty={t("catalogue.allThemes")}
          options={info.themes.map((th) => ({ value: th.name, label: `${th.name} (${th.count})` }))}
        />
        <DomainField value={domain} onChange={setDomain} empty={t("collaborations.allDomains")} />
        {info.abilities.readDesk ? (
          <ChoiceField
            label={t("catalogue.status")}
            value={status}
            onChange={setStatus}
            empty={t("catalogue.allStatuses")}
            options={entryStatuses.map((s) => ({ value: s, label: t(`entryStatus.${s}`) }))}
          />
        ) : null}
      </search>
      <div aria-live="polite">
        {list.loading && !list.loaded ? <Loading /> : null}
        {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
        {list.loaded && list.rows.length === 0 ? (
          <EmptyState>
            <Paragraph>{debounced ? t("catalogue.noMatch", { q: debounced }) : t("catalogue.empty")}</Paragraph>
            {debounced && info.abilities.ask ? (
              <AppLink
                href={`/frontoffice/nieuw?aanbieder=${providerId}&vraag=${encodeURIComponent(debounced)}`}
                className="utrecht-button-link utrecht-button-link--primary-action"
              >
                {t("catalogue.askDesk")}
              </AppLink>
            ) : null}
          </EmptyState>
        ) : null}
        {list.rows.length ? (
          <>
            <p className="samen-count" role="status">
              {debounced ? t("catalogue.results", { count: list.rows.length }) : null}
            </p>
            <ol className="samen-results">
              {list.rows.map((entry) => (
                <li key={entry.id} className="samen-result">
                  <Heading2 className="samen-result__title">
                    <AppLink href={`/partnercatalogus/${entry.id}`} className="utrecht-link">
                      {entry.highlight ? <Highlighted text={entry.highlight.question} /> : entry.question}
                    </AppLink>
                  </Heading2>
                  {entry.highlight?.excerpt ? (
                    <Paragraph className="samen-result__excerpt">
                      <Highlighted text={entry.highlight.excerpt} />
                    </Paragraph>
                  ) : null}
                  {entry.highlight?.tags.length ? (
                    <p className="samen-result__why">
                      <span>{t("catalogue.matchedTags")}</span>{" "}
                      {entry.highlight.tags.map((tag) => (
                        <span key={tag} className="samen-badge">
                          <Highlighted text={tag} />
                        </span>
                      ))}
                    </p>
                  ) : null}
                  <p className="samen-result__meta">
                    <span className="samen-badge">
                      {entry.highlight ? <Highlighted text={entry.highlight.theme} /> : entry.theme}
                    </span>
                    {entry.highlight?.offer ? (
                      <span>
                        <Highlighted text={entry.highlight.offer} />
                      </span>
                    ) : entry.service ? (
                      <span>{entry.service}</span>
                    ) : null}
                    {entry.status !== "published" ? (
                      <span className="samen-badge samen-badge--status">{t(`entryStatus.${entry.status}`)}</span>
                    ) : null}
                    {entry.isDemo ? <span className="samen-badge">{t("catalogue.demo")}</span> : null}
                  </p>
                </li>
              ))}
            </ol>
            {debounced && info.abilities.ask ? (
              <Paragraph>
                {t("catalogue.notFound")}{" "}
                <AppLink
                  href={`/frontoffice/nieuw?aanbieder=${providerId}&vraag=${encodeURIComponent(debounced)}`}
                  className="utrecht-link"
                >
                  {t("catalogue.askDesk")}
                </AppLink>
              </Paragraph>
            ) : null}
          </>
        ) : null}
        {list.hasMore ? (
          <Button appearance="secondary-action-button" onClick={() => void list.loadMore()}>
            {t("organisations.more")}
          </Button>
        ) : null}
      </div>
    </>
  );
}
