import { Heading1, Heading2, Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../app/format.ts";
import { AppLink } from "../../app/router.tsx";
import { useApi } from "../../app/use-api.ts";
import { DataTable } from "../../components/DataTable.tsx";
import { EmptyState, ErrorState, Loading } from "../../components/states.tsx";
import { type Dashboard, projectStages } from "./types.ts";

/** The coordinator's view of all the organisation's projects: stages, who is behind, what is due this month. */
export function DashboardPage() {
  const { t } = useTranslation();
  const { date } = useFormat();
  const dashboard = useApi<Dashboard>("/projects/dashboard");
  if (dashboard.loading && !dashboard.data) return <Loading />;
  if (dashboard.error || !dashboard.data) return <ErrorState error={dashboard.error} onRetry={dashboard.reload} />;
  const { projects } = dashboard.data;
  return (
    <>
      <p className="samen-breadcrumb">
        <AppLink href="/partnerprojecten">{t("module.projects.name")}</AppLink>
      </p>
      <Heading1>{t("projects.dashboard")}</Heading1>
      {!projects.length ? (
        <EmptyState>
          <Paragraph>{t("projects.noneRunning")}</Paragraph>
        </EmptyState>
      ) : null}
      {projects.length ? (
        <DataTable
          rows={projects}
          rowKey={(p) => p.id}
          empty=""
          columns={[
            {
              title: t("projects.title"),
              cell: (p) => <AppLink href={`/partnerprojecten/${p.id}`}>{p.title}</AppLink>,
            },
            ...projectStages.map((s) => ({
              title: t(`projectStage.${s}`),
              numeric: true,
              cell: (p: (typeof projects)[number]) => p.stages[s],
            })),
          ]}
        />
      ) : null}
      {projects.map((p) => (
        <section key={p.id} aria-labelledby={`dash-${p.id}`} className="samen-section">
          <Heading2 id={`dash-${p.id}`}>{p.title}</Heading2>
          <p className="utrecht-paragraph">{t("projects.behindCount", { count: p.behind.length })}</p>
          {p.behind.length ? (
            <ul>
              {p.behind.map((b) => (
                <li key={b.participantId}>
                  <AppLink href={`/partnerprojecten/deelnemer/${b.participantId}`}>{b.name}</AppLink> ·{" "}
                  {t(`projectStage.${b.stage}`)}
                </li>
              ))}
            </ul>
          ) : null}
          {p.latestUpdates.length ? (
            <>
              <p className="utrecht-paragraph">{t("projects.latestUpdates")}</p>
              <ul>
                {p.latestUpdates.map((u) => (
                  <li key={u.id}>
                    {u.title} · {u.author} · {date(u.createdAt.slice(0, 10))}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {[...p.overdue, ...p.dueThisMonth.filter((m) => !m.overdue)].length ? (
            <ul>
              {p.overdue.map((m) => (
                <li key={m.id}>
                  <span className="samen-badge samen-badge--late">{t("projects.overdue")}</span> {m.title} ·{" "}
                  {date(m.dueOn)}
                </li>
              ))}
              {p.dueThisMonth
                .filter((m) => !m.overdue)
                .map((m) => (
                  <li key={m.id}>
                    {t("projects.dueThisMonth")}: {m.title} · {date(m.dueOn)}
                  </li>
                ))}
            </ul>
          ) : (
            <p className="utrecht-paragraph">{t("projects.nothingDue")}</p>
          )}
        </section>
      ))}
    </>
  );
}
