import { Heading2, Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { AppLink } from "../../app/router.tsx";
import type { useApi } from "../../app/use-api.ts";
import { DataTable } from "../../components/DataTable.tsx";
import { OrganisationLinks } from "../../components/OrganisationLinks.tsx";
import { ErrorState, Loading } from "../../components/states.tsx";

interface Reference {
  id: string;
  name: string;
}

/** What `/organisations/{id}/opportunities` answers (see its OpenAPI document). */
export interface Opportunities {
  organisation: Reference;
  asOf: string;
  neighbours: Reference[];
  portfolio: { collaboration: number; outsourcing: number };
  fromNeighbours: {
    collaboration: Reference & { nature: "collaboration" | "outsourcing"; form: string };
    neighbourMembers: Reference[];
    members: number;
  }[];
}

/** A municipality's neighbours, and the collaborations they take part in and it does not. */
export function NeighboursSection({ opportunities }: { opportunities: ReturnType<typeof useApi<Opportunities>> }) {
  const { t } = useTranslation();
  const data = opportunities.data;
  return (
    <section aria-labelledby="neighbours">
      <Heading2 id="neighbours">{t("organisation.neighbours")}</Heading2>
      {opportunities.loading && !data ? <Loading /> : null}
      {opportunities.error ? <ErrorState error={opportunities.error} onRetry={opportunities.reload} /> : null}
      {data && !data.neighbours.length ? <Paragraph>{t("organisation.noNeighbours")}</Paragraph> : null}
      {data?.neighbours.length ? <OrganisationLinks items={data.neighbours} /> : null}
      {data?.neighbours.length ? (
        <>
          <Paragraph>{t("organisation.fromNeighbours", { name: data.organisation.name })}</Paragraph>
          <DataTable
            label={t("organisation.fromNeighboursTable")}
            rows={data.fromNeighbours}
            rowKey={(o) => o.collaboration.id}
            empty={t("organisation.nothingFromNeighbours")}
            columns={[
              {
                title: t("organisation.collaboration"),
                cell: (o) => (
                  <AppLink href={`/samenwerkingen/${o.collaboration.id}`} className="utrecht-link">
                    {o.collaboration.name}
                  </AppLink>
                ),
              },
              { title: t("organisation.nature"), cell: (o) => t(`nature.${o.collaboration.nature}`) },
              {
                title: t("organisation.neighboursIn"),
                cell: (o) => o.neighbourMembers.map((n) => n.name).join(", "),
              },
              { title: t("organisation.members"), numeric: true, cell: (o) => o.members },
            ]}
          />
        </>
      ) : null}
    </section>
  );
}
