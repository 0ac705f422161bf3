import { Button, Heading2, Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { api } from "../../app/api.ts";
import { useFormat } from "../../app/format.ts";
import { useApi } from "../../app/use-api.ts";
import { DataTable } from "../../components/DataTable.tsx";
import { ErrorState, Loading } from "../../components/states.tsx";

interface OwnSession {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  userAgent: string | null;
  current: boolean;
}

/** The signed-in person's own sessions, each but this one ended with a button (signing out on another device). */
export function OwnSessions() {
  const { t } = useTranslation();
  const { moment } = useFormat();
  const list = useApi<{ items: OwnSession[] }>("/auth/sessions");
  const end = async (id: string) => {
    await api(`/auth/sessions/${id}`, { method: "DELETE" });
    list.reload();
  };
  return (
    <section aria-labelledby="own-sessions" className="samen-no-print">
      <Heading2 id="own-sessions">{t("sessions.title")}</Heading2>
      <Paragraph>{t("sessions.intro")}</Paragraph>
      {list.loading && !list.data ? <Loading /> : null}
      {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
      {list.data ? (
        <DataTable
          label={t("sessions.title")}
          rows={list.data.items}
          rowKey={(s) => s.id}
          empty={t("sessions.none")}
          columns={[
            {
              title: t("sessions.browser"),
              cell: (s) =>
                `${s.userAgent ? s.userAgent.slice(0, 80) : t("sessions.unknownBrowser")}${s.current ? ` (${t("sessions.thisOne")})` : ""}`,
            },
            { title: t("sessions.started"), cell: (s) => moment(s.createdAt) },
            { title: t("sessions.lastUsed"), cell: (s) => moment(s.lastSeenAt) },
            {
              title: t("sessions.actions"),
              cell: (s) =>
                s.current ? (
                  "—"
                ) : (
                  <Button appearance="subtle-button" onClick={() => end(s.id)}>
                    {t("sessions.end")}
                  </Button>
                ),
            },
          ]}
        />
      ) : null}
    </section>
  );
}
