import {
  Heading1,
  Heading2,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@utrecht/component-library-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../app/format.ts";
import { AppLink } from "../../app/router.tsx";
import { useSession } from "../../app/session.tsx";
import { useApi } from "../../app/use-api.ts";
import { usePagedList } from "../../app/use-paged-list.ts";
import { ChoiceField } from "../../components/Selects.tsx";
import { EmptyState, ErrorState, Loading } from "../../components/states.tsx";
import type { CatalogueInfo } from "../catalogue/types.ts";
import type { DeskStats, TicketSummary } from "./types.ts";

/** The front office: the questions your organisation asked, and, for a provider, the desk with its figures. */
export function TicketListPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const own = session?.activeOrganisation?.id;
  const catalogues = useApi<{ items: CatalogueInfo[] }>("/catalogues");
  const ownCatalogue = catalogues.data?.items.find((c) => c.provider.id === own && c.abilities.readDesk);
  const mayAsk = catalogues.data?.items.some((c) => c.abilities.ask) ?? false;
  const [scope, setScope] = useState<"asked" | "desk" | null>(null);
  const shown = scope ?? (ownCatalogue ? "desk" : "asked");
  return (
    <>
      <Heading1>{t("frontoffice.title")}</Heading1>
      <Paragraph lead>{t("frontoffice.intro")}</Paragraph>
      {mayAsk ? (
        <div className="samen-actions">
          <AppLink href="/frontoffice/nieuw" className="utrecht-button-link utrecht-button-link--primary-action">
            {t("frontoffice.ask")}
          </AppLink>
        </div>
      ) : null}
      {ownCatalogue ? (
        <nav className="samen-tabs" aria-label={t("frontoffice.views")}>
          {(["desk", "asked"] as const).map((s) => (
            <button
              key={s}
              type="button"
              className="samen-tabs__link"
              aria-pressed={shown === s}
              onClick={() => setScope(s)}
            >
              {t(`frontoffice.scope.${s}`)}
            </button>
          ))}
        </nav>
      ) : null}
      {shown === "desk" && ownCatalogue ? <Desk providerId={ownCatalogue.provider.id} /> : <Tickets scope="asked" />}
    </>
  );
}

function Desk({ providerId }: { providerId: string }) {
  const [status, setStatus] = useState("open");
  const [assignee, setAssignee] = useState("");
  const { t } = useTranslation();
  return (
    <>
      <DeskFigures providerId={providerId} />
      <Heading2>{t("frontoffice.scope.desk")}</Heading2>
      <div className="samen-filters">
        <ChoiceField
          label={t("frontoffice.status")}
          value={status}
          onChange={setStatus}
          empty={t("frontoffice.allStatuses")}
          options={["open", "new", "assigned", "waiting", "answered", "closed"].map((s) => ({
            value: s,
            label: t(`ticketStatus.${s}`),
          }))}
        />
        <ChoiceField
          label={t("frontoffice.assignee")}
          value={assignee}
          onChange={setAssignee}
          empty={t("frontoffice.anyone")}
          options={[
            { value: "me", label: t("frontoffice.me") },
            { value: "nobody", label: t("frontoffice.nobody") },
          ]}
        />
      </div>
      <Tickets scope="desk" status={status} assignee={assignee} />
    </>
  );
}

function Tickets({
  scope,
  status = "",
  assignee = "",
}: {
  scope: "asked" | "desk";
  status?: string;
  assignee?: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const params = new URLSearchParams({ scope, limit: "50" });
  if (status) params.set("status", status);
  if (assignee) params.set("assignee", assignee);
  const list = usePagedList<TicketSummary>(`/tickets?${params}`);
  return (
    <div aria-live="polite">
      {list.loading && !list.loaded ? <Loading /> : null}
      {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
      {list.loaded && list.rows.length === 0 ? (
        <EmptyState>
          <Paragraph>{scope === "desk" ? t("frontoffice.noneDesk") : t("frontoffice.noneAsked")}</Paragraph>
        </EmptyState>
      ) : null}
      {list.rows.length ? (
        <Table className="samen-table">
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t("frontoffice.number")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("frontoffice.subject")}</TableHeaderCell>
              <TableHeaderCell scope="col">
                {scope === "desk" ? t("frontoffice.asker") : t("frontoffice.provider")}
              </TableHeaderCell>
              <TableHeaderCell scope="col">{t("frontoffice.status")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("frontoffice.assignee")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("frontoffice.due")}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {list.rows.map((ticket) => (
              <TableRow key={ticket.id}>
                <TableCell>{ticket.number}</TableCell>
                <TableCell>
                  <AppLink href={`/frontoffice/${ticket.id}`} className="utrecht-link">
                    {ticket.subject}
                  </AppLink>
                  {ticket.urgency === "high" ? (
                    <span className="samen-badge samen-badge--status">{t("urgency.high")}</span>
                  ) : null}
                  {ticket.isDemo ? <span className="samen-badge">{t("catalogue.demo")}</span> : null}
                </TableCell>
                <TableCell>{scope === "desk" ? ticket.asker.name : ticket.provider.name}</TableCell>
                <TableCell>{t(`ticketStatus.${ticket.status}`)}</TableCell>
                <TableCell>{ticket.assignee?.name ?? "—"}</TableCell>
                <TableCell>
                  {format.date(ticket.dueOn)}
                  {ticket.overdue ? (
                    <span className="samen-badge samen-badge--late">{t("frontoffice.late")}</span>
                  ) : null}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
    </div>
  );
}

/** Per theme: open tickets, the median time to an answer, and service levels missed. */
function DeskFigures({ providerId }: { providerId: string }) {
  const { t, i18n } = useTranslation();
  const stats = useApi<DeskStats>(`/catalogues/${providerId}/desk-stats`);
  const hours = (h: number | null) =>
    h === null
      ? "—"
      : h < 48
        ? t("frontoffice.hours", { count: Math.round(h) })
        : t("frontoffice.days", {
            value: new Intl.NumberFormat(i18n.language === "en" ? "en-GB" : "nl-BE", {
              maximumFractionDigits: 1,
            }).format(h / 24),
          });
  if (stats.loading) return <Loading />;
  if (stats.error || !stats.data) return <ErrorState error={stats.error} onRetry={stats.reload} />;
  const rows = stats.data.themes.map((r) => ({ ...r, label: r.theme ?? t("frontoffice.noTheme") }));
  return (
    <Table className="samen-table">
      <TableCaption>{t("frontoffice.figures")}</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHeaderCell scope="col">{t("catalogue.theme")}</TableHeaderCell>
          <TableHeaderCell scope="col" className="samen-number">
            {t("frontoffice.open")}
          </TableHeaderCell>
          <TableHeaderCell scope="col" className="samen-number">
            {t("frontoffice.answered")}
          </TableHeaderCell>
          <TableHeaderCell scope="col" className="samen-number">
            {t("frontoffice.median")}
          </TableHeaderCell>
          <TableHeaderCell scope="col" className="samen-number">
            {t("frontoffice.missed")}
          </TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((r) => (
          <TableRow key={r.label}>
            <TableHeaderCell scope="row">{r.label}</TableHeaderCell>
            <TableCell className="samen-number">{r.open}</TableCell>
            <TableCell className="samen-number">{r.answered}</TableCell>
            <TableCell className="samen-number">{hours(r.medianAnswerHours)}</TableCell>
            <TableCell className="samen-number">{r.missedServiceLevel}</TableCell>
          </TableRow>
        ))}
        <TableRow className="samen-total">
          <TableHeaderCell scope="row">{t("frontoffice.total")}</TableHeaderCell>
          <TableCell className="samen-number">{stats.data.total.open}</TableCell>
          <TableCell className="samen-number">{stats.data.total.answered}</TableCell>
          <TableCell className="samen-number">{hours(stats.data.total.medianAnswerHours)}</TableCell>
          <TableCell className="samen-number">{stats.data.total.missedServiceLevel}</TableCell>
        </TableRow>
      </TableBody>
    </Table>
  );
}
