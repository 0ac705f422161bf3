import {
  Alert,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading1,
  Heading2,
  Paragraph,
  PreHeading,
} from "@utrecht/component-library-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { AppLink } from "../../app/router.tsx";
import { safeHref } from "../../app/safe-href.ts";
import { useApi } from "../../app/use-api.ts";
import { OrganisationLinks } from "../../components/OrganisationLinks.tsx";
import { RegisterTabs } from "../../components/RegisterTabs.tsx";
import { ErrorState, Loading } from "../../components/states.tsx";
import { PortfolioSection } from "../collaborations/PortfolioSection.tsx";
import { EditOrganisationForm } from "./EditOrganisationForm.tsx";
import { MandatesSection } from "./MandatesSection.tsx";
import { NeighboursSection, type Opportunities } from "./NeighboursSection.tsx";
import { HistorySection, PeopleSection, TokensSection } from "./OrganisationAdminSections.tsx";
import { SignInSection } from "./SignInSection.tsx";
import type { Organisation, OrganisationSummary } from "./types.ts";

/** The first day an organisation that ended on `isoDate` was no longer there: the day its merger took effect. */
const dayAfter = (isoDate: string) =>
  new Date(Date.parse(`${isoDate}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

export function OrganisationPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const organisation = useApi<Organisation>(`/organisations/${id}`);
  const clients = useApi<{ items: OrganisationSummary[] }>(
    organisation.data && organisation.data.partners.serves > 0 ? `/organisations/${id}/clients` : null,
  );
  const opportunities = useApi<Opportunities>(
    organisation.data?.kind === "municipality" ? `/organisations/${id}/opportunities` : null,
  );
  const [editing, setEditing] = useState(false);
  const number = new Intl.NumberFormat(i18n.language === "en" ? "en-GB" : "nl-BE");
  const date = (value: string) =>
    new Intl.DateTimeFormat(i18n.language === "en" ? "en-GB" : "nl-BE", { dateStyle: "long", timeZone: "UTC" }).format(
      new Date(value),
    );

  if (organisation.loading && !organisation.data) return <Loading />;
  if (organisation.error || !organisation.data)
    return <ErrorState error={organisation.error} onRetry={organisation.reload} />;
  const o = organisation.data;
  const identifiers = Object.entries(o.identifiers).filter(([, v]) => v !== null) as [string, string][];

  return (
    <article className="samen-organisation">
      <RegisterTabs />
      <PreHeading>
        {t(`kind.${o.kind}`)} · {t(`country.${o.country}`)}
      </PreHeading>
      <Heading1>{o.name}</Heading1>
      {Object.keys(o.altNames).length ? (
        <Paragraph>
          {Object.entries(o.altNames).map(([lang, name]) => (
            <span key={lang} lang={lang} className="samen-altname">
              {name}
            </span>
          ))}
        </Paragraph>
      ) : null}

      {o.mergedInto ? (
        <Alert type="info">
          <Paragraph>
            {t("organisation.mergedInto", { date: o.validTo ? date(dayAfter(o.validTo)) : "?" })}{" "}
            <AppLink href={`/organisaties/${o.mergedInto.id}`} className="utrecht-link">
              {o.mergedInto.name}
            </AppLink>
          </Paragraph>
        </Alert>
      ) : null}

      <section aria-labelledby="facts">
        <Heading2 id="facts">{t("organisation.facts")}</Heading2>
        <DataList className="samen-datalist">
          {identifiers.map(([k, v]) => (
            <DataListItem key={k}>
              <DataListKey>{t(`identifier.${k}`)}</DataListKey>
              <DataListValue>
                <code>{v}</code>
              </DataListValue>
            </DataListItem>
          ))}
          {o.province ? (
            <DataListItem>
              <DataListKey>{t("organisations.province")}</DataListKey>
              <DataListValue>
                <AppLink href={`/organisaties/${o.province.id}`} className="utrecht-link">
                  {o.province.name}
                </AppLink>
              </DataListValue>
            </DataListItem>
          ) : null}
          {o.parent ? (
            <DataListItem>
              <DataListKey>{t("organisation.parent")}</DataListKey>
              <DataListValue>
                <AppLink href={`/organisaties/${o.parent.id}`} className="utrecht-link">
                  {o.parent.name}
                </AppLink>
              </DataListValue>
            </DataListItem>
          ) : null}
          {o.predecessors.length ? (
            <DataListItem>
              <DataListKey>{t("organisation.predecessors")}</DataListKey>
              <DataListValue>
                {o.predecessors.map((p, i) => (
                  <span key={p.id}>
                    {i > 0 ? ", " : ""}
                    <AppLink href={`/organisaties/${p.id}`} className="utrecht-link">
                      {p.name}
                    </AppLink>
                    {p.code ? ` (${p.code})` : ""}
                  </span>
                ))}
              </DataListValue>
            </DataListItem>
          ) : null}
          <DataListItem>
            <DataListKey>{t("organisations.population")}</DataListKey>
            <DataListValue>
              {o.population === null
                ? t("organisation.populationUnknown")
                : t("organisation.populationOn", {
                    population: number.format(o.population),
                    date: o.populationDate ? date(o.populationDate) : "?",
                  })}
            </DataListValue>
          </DataListItem>
          <DataListItem>
            <DataListKey>{t("organisation.status")}</DataListKey>
            <DataListValue>
              {t(`status.${o.status}`)}
              {o.validFrom ? ` · ${t("organisation.since", { date: date(o.validFrom) })}` : ""}
              {o.validTo ? ` · ${t("organisation.until", { date: date(o.validTo) })}` : ""}
            </DataListValue>
          </DataListItem>
          {o.website ? (
            <DataListItem>
              <DataListKey>{t("organisation.website")}</DataListKey>
              <DataListValue>
                <a href={safeHref(o.website)} className="utrecht-link" rel="noopener noreferrer">
                  {o.website}
                </a>
              </DataListValue>
            </DataListItem>
          ) : null}
          {o.postalAddress ? (
            <DataListItem>
              <DataListKey>{t("organisation.postalAddress")}</DataListKey>
              <DataListValue>
                <address className="samen-address">{o.postalAddress}</address>
              </DataListValue>
            </DataListItem>
          ) : null}
          <DataListItem>
            <DataListKey>{t("organisation.source")}</DataListKey>
            <DataListValue>{o.source ?? "—"}</DataListValue>
          </DataListItem>
        </DataList>
        {o.abilities.update && !editing ? (
          <button
            type="button"
            className="utrecht-button utrecht-button--secondary-action"
            onClick={() => setEditing(true)}
          >
            {t("organisation.edit")}
          </button>
        ) : null}
        {editing ? (
          <EditOrganisationForm
            organisation={o}
            etag={organisation.etag}
            onSaved={(saved, etag) => {
              organisation.replace(saved, etag);
              setEditing(false);
            }}
            onCancel={() => setEditing(false)}
            onReload={() => {
              organisation.reload();
            }}
          />
        ) : null}
      </section>

      <section aria-labelledby="partners">
        <Heading2 id="partners">{t("organisation.partners")}</Heading2>
        {o.partners.servedBy.length === 0 && o.partners.serves === 0 ? (
          <Paragraph>{t("organisation.noPartners")}</Paragraph>
        ) : null}
        {o.partners.servedBy.length ? (
          <Paragraph>
            {t("organisation.servedBy")}{" "}
            {o.partners.servedBy.map((p, i) => (
              <span key={p.id}>
                {i > 0 ? ", " : ""}
                <AppLink href={`/organisaties/${p.id}`} className="utrecht-link">
                  {p.name}
                </AppLink>
              </span>
            ))}
          </Paragraph>
        ) : null}
        {o.partners.serves > 0 ? (
          <>
            <Paragraph>{t("organisation.serves", { count: o.partners.serves })}</Paragraph>
            {clients.loading ? <Loading /> : null}
            {clients.data ? <OrganisationLinks items={clients.data.items} /> : null}
          </>
        ) : null}
      </section>

      {o.kind === "municipality" ? <NeighboursSection opportunities={opportunities} /> : null}

      <PortfolioSection organisationId={o.id} />
      {o.abilities.readUsers ? <PeopleSection organisationId={o.id} /> : null}
      {o.abilities.readUsers ? <MandatesSection organisationId={o.id} /> : null}
      {o.abilities.readUsers ? <SignInSection organisationId={o.id} /> : null}
      {o.abilities.manageTokens ? <TokensSection organisationId={o.id} /> : null}
      {o.abilities.readAudit ? <HistorySection organisationId={o.id} version={o.version} /> : null}
    </article>
  );
}
