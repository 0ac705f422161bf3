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
import { ApiError, api, fieldErrors } from "../../app/api.ts";
import { AppLink } from "../../app/router.tsx";
import { useApi } from "../../app/use-api.ts";
import { Field } from "../../components/Field.tsx";
import { ChoiceField } from "../../components/Selects.tsx";
import { EmptyState, ErrorState, Loading } from "../../components/states.tsx";
import {
  type Accent,
  type AgreementYear,
  type Framework,
  type Key,
  parseEuro,
  type Settlement,
  type SubAgreement,
  useEuro,
} from "./types.ts";

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
  const known = sub.years.some((y) => y.year === year);
  const figures = useApi<AgreementYear>(known ? `/sub-agreements/${sub.id}/years/${year}` : null);
  const [editing, setEditing] = useState(false);
  if (figures.loading) return <Loading />;
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
                        {p.weightBp < 10_000 ? `${p.weightBp / 100} % ` : ""}
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

const number = (text: string) => (text.trim() === "" || !/^\d+$/.test(text.trim()) ? Number.NaN : Number(text.trim()));

function YearForm({
  sub,
  framework,
  year,
  current,
  etag,
  onSaved,
  onCancel,
}: {
  sub: SubAgreement;
  framework: Framework;
  year: number;
  current: AgreementYear | null;
  etag: string | null;
  onSaved: (y: AgreementYear, etag: string | null) => void;
  onCancel: (() => void) | null;
}) {
  const { t, i18n } = useTranslation();
  const euro = useEuro(i18n.language);
  const clients = framework.clients;
  const key = current?.key;
  const baseOf = (k: Key | undefined, field: "inhabitants" | "units" | "sharesBp", client: string): string => {
    if (!k) return "";
    if (k.kind === "mix") {
      const part = k.parts.find((p) => field in p.key);
      return part ? baseOf(part.key, field, client) : "";
    }
    const values = (k as Record<string, unknown>)[field] as Record<string, number> | undefined;
    const v = values?.[client];
    return v === undefined ? "" : field === "sharesBp" ? String(v / 100) : String(v);
  };
  const [budget, setBudget] = useState(current ? String(current.budgetCents / 100).replace(".", ",") : "");
  const [kind, setKind] = useState<string>(key?.kind ?? "inhabitants");
  const [referenceDate, setReferenceDate] = useState(
    (key?.kind === "inhabitants"
      ? key.referenceDate
      : key?.kind === "mix"
        ? (key.parts.find((p) => p.key.kind === "inhabitants")?.key as { referenceDate?: string } | undefined)
            ?.referenceDate
        : undefined) ?? `${year}-01-01`,
  );
  const [inhabitants, setInhabitants] = useState(
    Object.fromEntries(clients.map((c) => [c.id, baseOf(key, "inhabitants", c.id)])),
  );
  const [units, setUnits] = useState(Object.fromEntries(clients.map((c) => [c.id, baseOf(key, "units", c.id)])));
  const [shares, setShares] = useState(Object.fromEntries(clients.map((c) => [c.id, baseOf(key, "sharesBp", c.id)])));
  const [mixWeight, setMixWeight] = useState(
    key?.kind === "mix" ? String((key.parts.find((p) => p.key.kind === "inhabitants")?.weightBp ?? 5000) / 100) : "50",
  );
  const [accents, setAccents] = useState<Accent[]>(current?.accents ?? []);
  const [actual, setActual] = useState(
    current?.actualCents != null ? String(current.actualCents / 100).replace(".", ",") : "",
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const budgetFrozen = current ? !current.abilities.changeBudget : false;

  const perClient = (values: Record<string, string>, scale = 1) =>
    Object.fromEntries(clients.map((c) => [c.id, Math.round(number(values[c.id] ?? "") * scale)]));
  const keyOf = (): Key => {
    const inh: Key = { kind: "inhabitants", referenceDate, inhabitants: perClient(inhabitants) };
    const use: Key = { kind: "units", units: perClient(units) };
    switch (kind) {
      case "equal":
        return { kind: "equal" };
      case "fixed":
        return {
          kind: "fixed",
          sharesBp: Object.fromEntries(
            clients.map((c) => [c.id, Math.round(Number((shares[c.id] ?? "").replace(",", ".")) * 100)]),
          ),
        };
      case "units":
        return use;
      case "mix": {
        const w = Math.round(Number(mixWeight.replace(",", ".")) * 100);
        return {
          kind: "mix",
          parts: [
            { weightBp: w, key: inh as Exclude<Key, { kind: "mix" }> },
            { weightBp: 10_000 - w, key: use as Exclude<Key, { kind: "mix" }> },
          ],
        };
      }
      default:
        return inh;
    }
  };
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setErrors({});
    setMessage(null);
    const budgetCents = parseEuro(budget);
    const actualCents = actual.trim() ? parseEuro(actual) : null;
    const local: Record<string, string> = {};
    if (budgetCents === null) local.budgetCents = t("agreements.notMoney");
    if (actual.trim() && actualCents === null) local.actualCents = t("agreements.notMoney");
    if (Object.keys(local).length) return setErrors(local);
    try {
      const saved = await api<AgreementYear>(`/sub-agreements/${sub.id}/years/${year}`, {
        method: "PUT",
        // A settled year's budget is frozen: it goes back exactly as it was read.
        body:
          budgetFrozen && current
            ? {
                budgetCents: current.budgetCents,
                key: current.key,
                accents: current.accents,
                actualCents,
                actualKey: current.actualKey,
                actualAccents: current.actualAccents,
              }
            : { budgetCents, key: keyOf(), accents, actualCents, actualKey: null, actualAccents: null },
        ifMatch: current ? etag : null,
      });
      onSaved(saved.data, saved.etag);
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) setMessage(t("agreements.conflict"));
      else {
        const fields = fieldErrors(error);
        setErrors(
          Object.fromEntries(
            Object.entries(fields).map(([k, v]) => [
              k.split(".")[0] === "key" ? "key" : (k.split(".")[0] as string),
              v,
            ]),
          ),
        );
        if (error instanceof ApiError && !error.fields.length) setMessage(t("state.error.generic"));
        if (error instanceof ApiError && error.fields.some((f) => f.field === "params.year"))
          setMessage(error.fields[0]?.message ?? null);
      }
    }
  };
  const numberField = (
    label: string,
    values: Record<string, string>,
    set: (v: Record<string, string>) => void,
    client: { id: string; name: string },
  ) => (
    <Field key={`${label}-${client.id}`} label={label}>
      {(props) => (
        <Textbox
          {...props}
          inputMode="numeric"
          value={values[client.id] ?? ""}
          onChange={(e) => set({ ...values, [client.id]: e.target.value })}
        />
      )}
    </Field>
  );
  return (
    <form onSubmit={submit} noValidate className="samen-form" aria-labelledby="year-form">
      <Heading3 id="year-form">{t("agreements.yearForm", { year })}</Heading3>
      {message ? (
        <Alert type="warning" role="alert">
          <Paragraph>{message}</Paragraph>
        </Alert>
      ) : null}
      <fieldset className="samen-fieldset samen-fieldset--plain" disabled={budgetFrozen}>
        {budgetFrozen ? <legend>{t("agreements.budgetFrozen")}</legend> : null}
        <Field label={t("agreements.budget")} description={t("agreements.moneyHint")} error={errors.budgetCents}>
          {(props) => (
            <Textbox {...props} inputMode="decimal" value={budget} onChange={(e) => setBudget(e.target.value)} />
          )}
        </Field>
        <ChoiceField
          label={t("agreements.key")}
          value={kind}
          onChange={setKind}
          options={["inhabitants", "units", "fixed", "equal", "mix"].map((k) => ({
            value: k,
            label: t(`keyKind.${k}`),
          }))}
        />
        {errors.key ? (
          <Alert type="error" role="alert">
            <Paragraph>{errors.key}</Paragraph>
          </Alert>
        ) : null}
        {kind === "inhabitants" || kind === "mix" ? (
          <>
            <Field label={t("agreements.referenceDate")}>
              {(props) => (
                <Textbox
                  {...props}
                  type="date"
                  value={referenceDate}
                  onChange={(e) => setReferenceDate(e.target.value)}
                />
              )}
            </Field>
            {clients.map((c) =>
              numberField(t("agreements.inhabitantsOf", { client: c.name }), inhabitants, setInhabitants, c),
            )}
          </>
        ) : null}
        {kind === "units" || kind === "mix"
          ? clients.map((c) => numberField(t("agreements.unitsOf", { client: c.name }), units, setUnits, c))
          : null}
        {kind === "fixed"
          ? clients.map((c) => numberField(t("agreements.shareOf", { client: c.name }), shares, setShares, c))
          : null}
        {kind === "mix" ? (
          <Field label={t("agreements.mixWeight")}>
            {(props) => (
              <Textbox
                {...props}
                inputMode="decimal"
                value={mixWeight}
                onChange={(e) => setMixWeight(e.target.value)}
              />
            )}
          </Field>
        ) : null}
        <fieldset className="samen-fieldset">
          <legend>{t("agreements.accents")}</legend>
          {accents.map((a, i) => (
            <p key={`${a.clientId}-${a.description}`}>
              {clients.find((c) => c.id === a.clientId)?.name}: {a.description} ({euro(a.cents)}){" "}
              <Button appearance="subtle-button" onClick={() => setAccents(accents.filter((_, j) => j !== i))}>
                {t("agreements.remove", { name: a.description })}
              </Button>
            </p>
          ))}
          <AccentAdder clients={clients} onAdd={(a) => setAccents([...accents, a])} />
        </fieldset>
      </fieldset>
      <Field label={t("agreements.actual")} description={t("agreements.actualHint")} error={errors.actualCents}>
        {(props) => (
          <Textbox {...props} inputMode="decimal" value={actual} onChange={(e) => setActual(e.target.value)} />
        )}
      </Field>
      <div className="samen-actions">
        <Button type="submit" appearance="primary-action-button">
          {t("entry.save")}
        </Button>
        {onCancel ? (
          <Button appearance="subtle-button" onClick={onCancel}>
            {t("organisation.cancel")}
          </Button>
        ) : null}
      </div>
    </form>
  );
}

function AccentAdder({ clients, onAdd }: { clients: { id: string; name: string }[]; onAdd: (a: Accent) => void }) {
  const { t } = useTranslation();
  const [clientId, setClientId] = useState(clients[0]?.id ?? "");
  const [description, setDescription] = useState("");
  const [amount, setAmount] = useState("");
  const [error, setError] = useState<string | undefined>();
  const add = () => {
    const cents = parseEuro(amount);
    if (cents === null || cents < 0 || !description.trim()) return setError(t("agreements.accentIncomplete"));
    setError(undefined);
    onAdd({ clientId, kind: "extra", description: description.trim(), cents });
    setDescription("");
    setAmount("");
  };
  return (
    <div className="samen-inline-form">
      <ChoiceField
        label={t("agreements.client")}
        value={clientId}
        onChange={setClientId}
        options={clients.map((c) => ({ value: c.id, label: c.name }))}
      />
      <Field label={t("agreements.accentDescription")} error={error}>
        {(props) => <Textbox {...props} value={description} onChange={(e) => setDescription(e.target.value)} />}
      </Field>
      <Field label={t("agreements.accentAmount")}>
        {(props) => (
          <Textbox {...props} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
        )}
      </Field>
      <Button appearance="secondary-action-button" onClick={add}>
        {t("agreements.addAccent")}
      </Button>
    </div>
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
