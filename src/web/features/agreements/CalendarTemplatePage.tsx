import {
  Alert,
  Button,
  Heading1,
  Paragraph,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Textbox,
} from "@utrecht/component-library-react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../app/api.ts";
import { AppLink } from "../../app/router.tsx";
import { useApi } from "../../app/use-api.ts";
import { useFormSubmit } from "../../app/use-form-submit.ts";
import { Field } from "../../components/Field.tsx";
import { ErrorState, Loading } from "../../components/states.tsx";
import type { CalendarRule, CalendarTemplate } from "./types.ts";

/** The text of a step's date: "30-04 (year -1)" or "84 days before <step>". */
const whenText = (rule: CalendarRule) =>
  rule.when.kind === "date"
    ? `${String(rule.when.day).padStart(2, "0")}-${String(rule.when.month).padStart(2, "0")} ${rule.when.yearOffset}`
    : String(rule.when.days);

/**
 * A host's own calendar template: per step, its date (day-month and the year relative to the budget year) or its
 * distance in days from another step, and the reminder days. The legal source stays with each step.
 */
export function CalendarTemplatePage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const template = useApi<CalendarTemplate>(`/calendar-templates/${id}`);
  const [draft, setDraft] = useState<Record<string, { when: string; remind: string }>>({});
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (!template.data) return;
    setDraft(
      Object.fromEntries(
        template.data.rules.map((r) => [r.key, { when: whenText(r), remind: r.remindDaysBefore.join(", ") }]),
      ),
    );
  }, [template.data]);
  const { errors, failed, submit } = useFormSubmit(async () => {
    if (!template.data) return;
    setSaved(false);
    const rules = template.data.rules.map((rule) => {
      const entry = draft[rule.key] ?? { when: whenText(rule), remind: "" };
      const remindDaysBefore = entry.remind
        .split(/[,\s]+/)
        .filter(Boolean)
        .map((n) => Number(n));
      if (rule.when.kind === "date") {
        const match = /^(\d{1,2})-(\d{1,2})\s+([+-]?\d)$/.exec(entry.when.trim());
        const when = match
          ? { kind: "date", day: Number(match[1]), month: Number(match[2]), yearOffset: Number(match[3]) }
          : { kind: "date", day: Number.NaN, month: Number.NaN, yearOffset: 0 };
        return { ...rule, when, remindDaysBefore };
      }
      return { ...rule, when: { ...rule.when, days: Number(entry.when) }, remindDaysBefore };
    });
    await api(`/calendar-templates/${id}`, { method: "PATCH", body: { rules }, ifMatch: template.etag });
    setSaved(true);
    template.reload();
  });
  if (template.loading && !template.data) return <Loading />;
  if (template.error || !template.data) return <ErrorState error={template.error} onRetry={template.reload} />;
  const language = i18n.language === "en" ? "en" : "nl";
  const titleOf = (key: string) => template.data?.rules.find((r) => r.key === key)?.title[language] ?? key;
  /** The date as typed, in words: "1 juli, het jaar voor het begrotingsjaar"; "84 dagen voor <step>". */
  const inWords = (rule: CalendarRule, typed: string): string | undefined => {
    if (rule.when.kind === "date") {
      const match = /^(\d{1,2})-(\d{1,2})\s+([+-]?\d)$/.exec(typed.trim());
      if (!match) return undefined;
      const [day, month, offset] = [Number(match[1]), Number(match[2]), Number(match[3])];
      if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
      const dayMonth = new Intl.DateTimeFormat(i18n.language === "en" ? "en-GB" : "nl-BE", {
        day: "numeric",
        month: "long",
        timeZone: "UTC",
      }).format(new Date(Date.UTC(2024, month - 1, day)));
      return offset === 0
        ? t("calendar.inWords.sameYear", { date: dayMonth })
        : offset < 0
          ? t("calendar.inWords.yearsBefore", { date: dayMonth, count: -offset })
          : t("calendar.inWords.yearsAfter", { date: dayMonth, count: offset });
    }
    const days = Number(typed);
    if (!Number.isInteger(days)) return undefined;
    const base = titleOf(rule.when.rule);
    return days < 0
      ? t("calendar.inWords.daysBefore", { count: -days, step: base })
      : t("calendar.inWords.daysAfter", { count: days, step: base });
  };
  const errorOf = (index: number) =>
    Object.entries(errors)
      .filter(([field]) => field.startsWith(`rules.${index}.`))
      .map(([, message]) => message)
      .join("; ");
  return (
    <>
      <p className="samen-breadcrumb">
        <AppLink href="/gedeelde-diensten" className="utrecht-link">
          {t("module.agreements.name")}
        </AppLink>
      </p>
      <Heading1>{template.data.name}</Heading1>
      <Paragraph>{t("calendar.editorHint")}</Paragraph>
      <form onSubmit={submit} noValidate>
        {failed ? (
          <Alert type="error" role="alert">
            <Paragraph>{t("state.error.generic")}</Paragraph>
          </Alert>
        ) : null}
        {saved ? (
          <Alert type="ok" role="status">
            <Paragraph>{t("calendar.saved")}</Paragraph>
          </Alert>
        ) : null}
        <Table className="samen-table">
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t("calendar.step")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("calendar.when")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("calendar.remind")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("calendar.sourceColumn")}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {template.data.rules.map((rule, index) => {
              const entry = draft[rule.key] ?? { when: whenText(rule), remind: "" };
              const set = (field: "when" | "remind") => (e: React.ChangeEvent<HTMLInputElement>) =>
                setDraft({ ...draft, [rule.key]: { ...entry, [field]: e.target.value } });
              return (
                <TableRow key={rule.key}>
                  <TableHeaderCell scope="row">{rule.title[language]}</TableHeaderCell>
                  <TableCell>
                    <Field
                      label={
                        rule.when.kind === "date"
                          ? t("calendar.whenDate", { step: rule.title[language] })
                          : t("calendar.whenAfter", { step: rule.title[language], base: titleOf(rule.when.rule) })
                      }
                      description={inWords(rule, entry.when)}
                      error={errorOf(index) || undefined}
                    >
                      {(p) => <Textbox {...p} value={entry.when} onChange={set("when")} />}
                    </Field>
                  </TableCell>
                  <TableCell>
                    <Field label={t("calendar.remindOf", { step: rule.title[language] })}>
                      {(p) => <Textbox {...p} value={entry.remind} onChange={set("remind")} />}
                    </Field>
                  </TableCell>
                  <TableCell>
                    {rule.source.setBy === "law"
                      ? rule.source.citation
                      : `${t("calendar.setByAgreement")} ${rule.source.citation}`}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
        <div className="samen-actions">
          <Button type="submit" appearance="primary-action-button">
            {t("calendar.save")}
          </Button>
        </div>
      </form>
    </>
  );
}
