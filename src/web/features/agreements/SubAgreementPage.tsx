import {
  Alert,
  Button,
  Heading1,
  Heading2,
  Heading3,
  Paragraph,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Textbox,
} from "@utrecht/component-library-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api } from "../../app/api.ts";
import { useFormat } from "../../app/format.ts";
import { AppLink } from "../../app/router.tsx";
import { useApi } from "../../app/use-api.ts";
import { Field } from "../../components/Field.tsx";
import { ChoiceField } from "../../components/Selects.tsx";
import { EmptyState, ErrorState, Loading } from "../../components/states.tsx";
import { type AgreementYear, type Framework, type Settlement, type SubAgreement, useEuro } from "./types.ts";
import { YearForm } from "./YearForm.tsx";

/** A sub-agreement: its services and levels, and per year the budget, who pays what and why, and the settlement. */
export function SubAgreementPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const sub = useApi<SubAgreement>(`/sub-agreements/${id}`);
  const framework = useApi<Framework>(sub.data ? `/frameworks/${sub.data.frameworkId}` : null);
  const [year, setYear] = useState<number | null>(null);
  if (sub.loading && !sub.data) return <Loading />;
  if (sub.error || !sub.data) return <ErrorState error={sub.error} onRetry={sub.reload} />;
  const s = sub.data;
  const shown = year ?? s.years.at(-1)?.year ?? new Date().getFullYear();
  const choices = [
    ...new Set([...s.years.map((y) => y.year), new Date().getFullYear(), new Date().getFullYear() + 1]),
  ].sort();
  return (
    <>
      <p className="samen-breadcrumb">
        <AppLink href={`/gedeelde-diensten/${s.frameworkId}`} className="utrecht-link">
          {framework.data?.name ?? t("module.agreements.name")}
        </AppLink>
      </p>
      <Heading1>{s.name}</Heading1>
      {s.description ? <Paragraph lead>{s.description}</Paragraph> : null}
      {s.services.length ? (
        <section aria-labelledby="services">
          <Heading2 id="services">{t("agreements.services")}</Heading2>
          <ul>
            {s.services.map((service) => (
              <li key={service.name}>
                {service.name} ({t("agreements.per", { unit: service.unit })})
                {service.description ? `: ${service.description}` : ""}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {s.serviceLevels.length ? (
        <section aria-labelledby="levels">
          <Heading2 id="levels">{t("agreements.serviceLevels")}</Heading2>
          <Table className="samen-table">
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t("agreements.indicator")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("agreements.target")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("agreements.measured")}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {s.serviceLevels.map((level) => (
                <TableRow key={level.indicator}>
                  <TableCell>{level.indicator}</TableCell>
                  <TableCell>
                    {level.target} {level.unit}
                  </TableCell>
                  <TableCell>
                    {level.measurements.length
                      ? level.measurements.map((m) => (
                          <span key={m.period} className={m.value >= level.target ? "samen-met" : "samen-missed"}>
                            {m.period}: {m.value} {level.unit} (
                            {m.value >= level.target ? t("agreements.met") : t("agreements.notMet")}){" "}
                          </span>
                        ))
                      : "—"}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </section>
      ) : null}
      <section aria-labelledby="year-title">
        <Heading2 id="year-title">{t("agreements.yearTitle", { year: shown })}</Heading2>
        <ChoiceField
          label={t("agreements.year")}
          value={String(shown)}
          onChange={(v) => setYear(Number(v))}
          options={choices.map((y) => ({ value: String(y), label: String(y) }))}
        />
        {framework.data ? (
          <YearSection key={shown} sub={s} framework={framework.data} year={shown} onChanged={sub.reload} />
        ) : (
          <Loading />
        )}
      </section>
    </>
  );
}

function YearSection({
  sub,
  framework,
  year,
  onChanged,
}: {
  sub: SubAgreement;
  framework: Framework;
  year: number;
  onChanged: () => void;
}) {
  const { t, i18n } = useTranslation();
  const euro = useEuro(i18n.language);
  const format = useFormat();
  const known = sub.years.some((y) => y.year === year);
  const figures = useApi<AgreementYear>(known ? `/sub-agreements/${sub.id}/years/${year}` : null);
  // A year not entered yet starts from the one before it.
  const hasPrevious = !known && sub.years.some((y) => y.year === year - 1);
  const previous = useApi<AgreementYear>(hasPrevious ? `/sub-agreements/${sub.id}/years/${year - 1}` : null);
  const [editing, setEditing] = useState(false);
  if (figures.loading || previous.loading) return <Loading />;
  if (figures.error) return <ErrorState error={figures.error} onRetry={figures.reload} />;
  const y = figures.data;
  const mayManage = y ? y.abilities.changeActuals : sub.abilities.manage;
  if (editing || (!y && mayManage)) {
    return (
      <YearForm
        sub={sub}
        framework={framework}
        year={year}
        current={y}
        previous={previous.data}
        etag={figures.etag}
        onSaved={(saved, etag) => {
          figures.replace(saved, etag);
          setEditing(false);
          onChanged();
        }}
        onCancel={y ? () => setEditing(false) : null}
      />
    );
  }
  if (!y) {
    return (
      <EmptyState>
        <Paragraph>{t("agreements.noYear")}</Paragraph>
      </EmptyState>
    );
  }
  return (
    <>
      <Paragraph>
        {t("agreements.budgetOf", { amount: euro(y.budgetCents) })} {t(`keyKind.${y.key.kind}`)}
        {y.key.kind === "inhabitants" ? ` (${t("agreements.referenceDate")} ${y.key.referenceDate})` : ""}.
        {y.shownClients === "own" ? ` ${t("agreements.ownOnly")}` : ""}
      </Paragraph>
      {mayManage ? (
        <Button appearance="secondary-action-button" onClick={() => setEditing(true)}>
          {y.abilities.changeBudget ? t("agreements.editYear") : t("agreements.correctActuals")}
        </Button>
      ) : null}
      <Table className="samen-table">
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t("agreements.client")}</TableHeaderCell>
            <TableHeaderCell scope="col" className="samen-number">
              {t("agreements.shared")}
            </TableHeaderCell>
            <TableHeaderCell scope="col" className="samen-number">
              {t("agreements.accents")}
            </TableHeaderCell>
            <TableHeaderCell scope="col" className="samen-number">
              {t("agreements.total")}
            </TableHeaderCell>
            <TableHeaderCell scope="col" className="samen-number">
              {t("agreements.advancePerQuarter")}
            </TableHeaderCell>
            <TableHeaderCell scope="col">{t("agreements.why")}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {y.budget.map((line) => (
            <TableRow key={line.client.id}>
              <TableHeaderCell scope="row">{line.client.name}</TableHeaderCell>
              <TableCell className="samen-number">{euro(line.sharedCents)}</TableCell>
              <TableCell className="samen-number">{euro(line.accentCents)}</TableCell>
              <TableCell className="samen-number">{euro(line.totalCents)}</TableCell>
              <TableCell className="samen-number">{euro(line.advancesCents[0] ?? 0)}</TableCell>
              <TableCell>
                <details>
                  <summary>{t("agreements.whyFor", { client: line.client.name })}</summary>
                  <ul>
                    {line.explanation.parts.map((p) => (
                      <li key={p.kind}>
                        {p.weightBp < 10_000 ? `${format.percent(p.weightBp)} ` : ""}
                        {t(`keyKind.${p.kind}`)}: {p.base.toLocaleString(i18n.language)} /{" "}
                        {p.of.toLocaleString(i18n.language)} (
                        {((p.base / (p.of || 1)) * 100).toLocaleString(i18n.language, { maximumFractionDigits: 3 })} %)
                      </li>
                    ))}
                    <li>
                      {t("agreements.exact", { amount: euro(Number(line.explanation.exactCents)) })}
                      {line.explanation.roundedUp ? ` ${t("agreements.roundedUp")}` : ""}
                    </li>
                    {line.accentCents ? (
                      <li>{t("agreements.accentsApart", { amount: euro(line.accentCents) })}</li>
                    ) : null}
                  </ul>
                </details>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <SettlementSection sub={sub} year={year} actualEntered={y.actualCents !== null} onApproved={figures.reload} />
    </>
  );
}

function SettlementSection({
  sub,
  year,
  actualEntered,
  onApproved,
}: {
  sub: SubAgreement;
  year: number;
  actualEntered: boolean;
  /** An approval freezes the year's budget: the figures above are read again to say so. */
  onApproved: () => void;
}) {
  const { t, i18n } = useTranslation();
  const euro = useEuro(i18n.language);
  const list = useApi<{ items: Settlement[] }>(`/sub-agreements/${sub.id}/years/${year}/settlements`);
  const [note, setNote] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const latest = list.data?.items[0];
  const compute = async () => {
    setProblem(null);
    try {
      await api(`/sub-agreements/${sub.id}/years/${year}/settlements`, {
        method: "POST",
        body: { note: note.trim() || null },
      });
      setNote("");
      list.reload();
    } catch (error) {
      setProblem(error instanceof ApiError ? error.detail : t("state.error.generic"));
    }
  };
  const approve = async (id: string) => {
    setProblem(null);
    try {
      await api(`/settlements/${id}/approve`, { method: "POST" });
      list.reload();
      onApproved();
    } catch (error) {
      setProblem(error instanceof ApiError ? error.detail : t("state.error.generic"));
    }
  };
  return (
    <section aria-labelledby="settlement">
      <Heading3 id="settlement">{t("agreements.settlement")}</Heading3>
      {problem ? (
        <Alert type="error" role="alert">
          <Paragraph>{problem}</Paragraph>
        </Alert>
      ) : null}
      {list.loading ? <Loading /> : null}
      {list.data && !list.data.items.length ? <Paragraph>{t("agreements.notSettled")}</Paragraph> : null}
      {list.data?.items.map((s) => (
        <div key={s.id} className="samen-settlement">
          <p>
            <strong>{t("agreements.version", { version: s.version })}</strong> · {t(`settlementStatus.${s.status}`)}
            {s.approvedBy ? ` · ${s.approvedBy}` : ""}
            {s.note ? ` · ${s.note}` : ""}
          </p>
          <Table className="samen-table">
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t("agreements.client")}</TableHeaderCell>
                <TableHeaderCell scope="col" className="samen-number">
                  {t("agreements.actualShare")}
                </TableHeaderCell>
                <TableHeaderCell scope="col" className="samen-number">
                  {t("agreements.advancesPaid")}
                </TableHeaderCell>
                <TableHeaderCell scope="col" className="samen-number">
                  {t("agreements.balance")}
                </TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {s.lines.map((l) => (
                <TableRow key={l.client.id}>
                  <TableHeaderCell scope="row">{l.client.name}</TableHeaderCell>
                  <TableCell className="samen-number">{euro(l.totalCents)}</TableCell>
                  <TableCell className="samen-number">{euro(l.advancesCents)}</TableCell>
                  <TableCell className="samen-number">
                    {euro(l.balanceCents)} ({l.balanceCents >= 0 ? t("agreements.toPay") : t("agreements.toReceive")})
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {s.status === "draft" && sub.abilities.manage ? (
            <Button appearance="primary-action-button" onClick={() => void approve(s.id)}>
              {t("agreements.approve", { version: s.version })}
            </Button>
          ) : null}
        </div>
      ))}
      {sub.abilities.manage && actualEntered ? (
        <div className="samen-inline-form">
          {latest?.status === "approved" ? (
            <Field label={t("agreements.correctionNote")}>
              {(props) => <Textbox {...props} value={note} onChange={(e) => setNote(e.target.value)} />}
            </Field>
          ) : null}
          <Button appearance="secondary-action-button" onClick={() => void compute()}>
            {latest?.status === "approved" ? t("agreements.correct") : t("agreements.compute")}
          </Button>
        </div>
      ) : null}
      {sub.abilities.manage && !actualEntered ? <Paragraph>{t("agreements.enterActual")}</Paragraph> : null}
    </section>
  );
}
