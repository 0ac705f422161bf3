import { Heading1, Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../app/format.ts";
import { useApi } from "../../app/use-api.ts";
import { ErrorState, Loading } from "../../components/states.tsx";
import { CollaborationsSection, DeadlinesSection, PurchasesSection, TotalsSection } from "./CouncilSections.tsx";
import type { PublicPage } from "./types.ts";

/** A municipality's public page, open without signing in: only the sections it chose to publish. */
export function PublicMunicipalityPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const page = useApi<PublicPage>(`/public/municipalities/${id}`);
  const data = page.data;
  if (page.loading && !data) return <Loading />;
  if (page.error || !data) {
    return (
      <>
        <Heading1>{t("publicPage.title")}</Heading1>
        <ErrorState error={page.error} onRetry={page.reload} />
      </>
    );
  }
  return (
    <>
      <Heading1>{t("publicPage.titleOf", { organisation: data.organisation.name })}</Heading1>
      <Paragraph lead>
        {t("publicPage.intro", { organisation: data.organisation.name, date: format.date(data.asOf) })}
      </Paragraph>
      {!data.published ? <Paragraph role="status">{t("publicPage.preview")}</Paragraph> : null}
      {data.totals ? <TotalsSection totals={data.totals} /> : null}
      {data.deadlines ? <DeadlinesSection deadlines={data.deadlines} linked={false} /> : null}
      {data.collaborations ? <CollaborationsSection rows={data.collaborations} linked={false} /> : null}
      {data.purchases ? <PurchasesSection rows={data.purchases} linked={false} /> : null}
      {!data.sections.length ? <Paragraph>{t("publicPage.nothing")}</Paragraph> : null}
      <Paragraph className="samen-muted">{t("publicPage.sources")}</Paragraph>
    </>
  );
}
