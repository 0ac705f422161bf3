import { Alert, Button, Heading2, Heading3, Link, Paragraph, Textbox } from "@utrecht/component-library-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../app/api.ts";
import { useFormat } from "../../app/format.ts";
import { AppLink, useLocation } from "../../app/router.tsx";
import { safeHref } from "../../app/safe-href.ts";
import { useApi } from "../../app/use-api.ts";
import { Field } from "../../components/Field.tsx";
import { ChoiceField } from "../../components/Selects.tsx";
import { ErrorState, Loading } from "../../components/states.tsx";
import type { CalendarTemplates, Framework, FrameworkCalendar } from "./types.ts";

const thisYear = () => new Date().getFullYear();

/** Whether a step's day has passed, comes within four weeks, or later: a day as YYYY-MM-DD, today's in UTC. */
function dueState(dueOn: string): "overdue" | "soon" | "later" {
  const today = new Date().toISOString().slice(0, 10);
  if (dueOn < today) return "overdue";
  const soon = new Date(Date.now() + 28 * 86_400_000).toISOString().slice(0, 10);
  return dueOn <= soon ? "soon" : "later";
}

/** The framework's governance calendar: a year's deadlines with their sources, the template, the feed. */
export function CalendarSection({ framework, onChanged }: { framework: Framework; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const [year, setYear] = useState(String(thisYear()));
  const calendar = useApi<FrameworkCalendar>(`/frameworks/${framework.id}/calendar?year=${year}`);
  const language = i18n.language === "en" ? "en" : "nl";
  return (
    <section aria-labelledby="calendar">
      <Heading2 id="calendar">{t("calendar.title")}</Heading2>
      <ChoiceField
        label={t("calendar.year")}
        value={year}
        onChange={setYear}
        options={[thisYear() - 1, thisYear(), thisYear() + 1].map((y) => ({ value: String(y), label: String(y) }))}
      />
      {calendar.loading && !calendar.data ? <Loading /> : null}
      {calendar.error ? <ErrorState error={calendar.error} onRetry={calendar.reload} /> : null}
      {calendar.data ? (
        <>
          <Paragraph>
            {t("calendar.template", { name: calendar.data.template.name })}
            {calendar.data.template.id ? (
              <>
                {" "}
                <AppLink href={`/gedeelde-diensten/kalender/${calendar.data.template.id}`} className="utrecht-link">
                  {t("calendar.editTemplate")}
                </AppLink>
              </>
            ) : null}
          </Paragraph>
          {calendar.data.template.note ? (
            <Paragraph className="samen-hint">{calendar.data.template.note[language]}</Paragraph>
          ) : null}
          {calendar.data.deadlines.length ? (
            <ol className="samen-calendar">
              {calendar.data.deadlines.map((d) => (
                <li key={`${d.ruleKey}-${d.budgetYear}`}>
                  <strong>{format.date(d.dueOn)}</strong> — {d.title[language]}{" "}
                  <span className="samen-badge">{t("calendar.budgetYear", { year: d.budgetYear })}</span>
                  {dueState(d.dueOn) === "overdue" ? (
                    <span className="samen-badge samen-badge--overdue"> {t("calendar.overdue")}</span>
                  ) : dueState(d.dueOn) === "soon" ? (
                    <span className="samen-badge samen-badge--soon"> {t("calendar.dueSoon")}</span>
                  ) : null}
                  <br />
                  <span className="samen-hint">
                    {d.source.setBy === "law" ? t("calendar.source") : t("calendar.setByAgreement")}{" "}
                    {safeHref(d.source.url) ? (
                      <Link href={safeHref(d.source.url)} external>
                        {d.source.citation}
                      </Link>
                    ) : (
                      d.source.citation
                    )}
                  </span>
                </li>
              ))}
            </ol>
          ) : (
            <Paragraph>{t("calendar.none", { year })}</Paragraph>
          )}
        </>
      ) : null}
      {framework.abilities.manage ? <TemplateChoice framework={framework} onChanged={onChanged} /> : null}
      <FeedPanel />
    </section>
  );
}

function TemplateChoice({ framework, onChanged }: { framework: Framework; onChanged: () => void }) {
  const { t } = useTranslation();
  const { navigate } = useLocation();
  const templates = useApi<CalendarTemplates>("/calendar-templates");
  const [error, setError] = useState<string | null>(null);
  if (!templates.data) return null;
  const own = templates.data.own.filter((tpl) => tpl.legalRegime === framework.legalRegime);
  const choose = async (value: string) => {
    setError(null);
    try {
      await api(`/frameworks/${framework.id}`, {
        method: "PATCH",
        body: { calendarTemplateId: value || null },
        ifMatch: `"v${framework.version}"`,
      });
      onChanged();
    } catch (e) {
      setError(e instanceof Error ? e.message : t("state.error.generic"));
    }
  };
  const copy = async () => {
    setError(null);
    try {
      const { data } = await api<{ id: string }>("/calendar-templates", {
        method: "POST",
        body: { name: `${t("calendar.copyName")} ${framework.name}`.slice(0, 200), from: framework.legalRegime },
      });
      await api(`/frameworks/${framework.id}`, {
        method: "PATCH",
        body: { calendarTemplateId: data.id },
        ifMatch: `"v${framework.version}"`,
      });
      navigate(`/gedeelde-diensten/kalender/${data.id}`);
    } catch (e) {
      setError(e instanceof Error ? e.message : t("state.error.generic"));
    }
  };
  return (
    <div className="samen-form">
      <Heading3>{t("calendar.which")}</Heading3>
      <ChoiceField
        label={t("calendar.templateLabel")}
        value={framework.calendarTemplateId ?? ""}
        onChange={choose}
        options={[
          { value: "", label: templates.data.builtIn.find((b) => b.legalRegime === framework.legalRegime)?.name ?? "" },
          ...own.map((tpl) => ({ value: tpl.id, label: tpl.name })),
        ]}
      />
      <Button appearance="secondary-action-button" onClick={copy}>
        {t("calendar.copy")}
      </Button>
      {error ? (
        <Alert type="error" role="alert">
          <Paragraph>{error}</Paragraph>
        </Alert>
      ) : null}
    </div>
  );
}

/** A personal feed address for calendar apps, which send no cookies: shown once, replaced or stopped here. */
function FeedPanel() {
  const { t } = useTranslation();
  const status = useApi<{ active: boolean; lastUsedAt: string | null }>("/me/calendar-feed");
  const [url, setUrl] = useState<string | null>(null);
  const make = async () => {
    const { data } = await api<{ url: string }>("/me/calendar-feed", { method: "POST" });
    setUrl(data.url);
    status.reload();
  };
  const stop = async () => {
    await api("/me/calendar-feed", { method: "DELETE" });
    setUrl(null);
    status.reload();
  };
  return (
    <div className="samen-form">
      <Heading3>{t("calendar.feed")}</Heading3>
      <Paragraph>{t("calendar.feedHint")}</Paragraph>
      {url ? (
        <Field label={t("calendar.feedUrl")} description={t("calendar.feedOnce")}>
          {(p) => <Textbox {...p} value={url} readOnly onFocus={(e) => e.target.select()} />}
        </Field>
      ) : status.data?.active ? (
        <Paragraph>{t("calendar.feedActive")}</Paragraph>
      ) : null}
      <div className="samen-actions">
        <Button appearance="secondary-action-button" onClick={make}>
          {status.data?.active ? t("calendar.feedRenew") : t("calendar.feedMake")}
        </Button>
        {status.data?.active ? (
          <Button appearance="subtle-button" onClick={stop}>
            {t("calendar.feedStop")}
          </Button>
        ) : null}
      </div>
    </div>
  );
}
