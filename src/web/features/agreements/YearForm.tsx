import { Alert, Button, Heading3, Paragraph, Textbox } from "@utrecht/component-library-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api, fieldErrors } from "../../app/api.ts";
import { useFormat } from "../../app/format.ts";
import { Field } from "../../components/Field.tsx";
import { ChoiceField } from "../../components/Selects.tsx";
import {
  type Accent,
  type AgreementYear,
  type Framework,
  type Key,
  parseEuro,
  type SubAgreement,
  useEuro,
} from "./types.ts";

const number = (text: string) => (text.trim() === "" || !/^\d+$/.test(text.trim()) ? Number.NaN : Number(text.trim()));

/** A year's figures as the host enters them: budget, key and accents, and after the year the actual costs; a settled
 * year's budget is frozen and goes back as it was read. */
export function YearForm({
  sub,
  framework,
  year,
  current,
  previous = null,
  etag,
  onSaved,
  onCancel,
}: {
  sub: SubAgreement;
  framework: Framework;
  year: number;
  current: AgreementYear | null;
  /** The year before, which a new year starts from: its budget, key and accents. */
  previous?: AgreementYear | null;
  etag: string | null;
  onSaved: (y: AgreementYear, etag: string | null) => void;
  onCancel: (() => void) | null;
}) {
  const { t, i18n } = useTranslation();
  const euro = useEuro(i18n.language);
  const format = useFormat();
  const clients = framework.clients;
  // A new year starts from the year before; its inhabitants from the register's latest figures where it has them.
  const start = current ?? previous;
  const key = start?.key;
  const counted = current ? [] : clients.filter((c) => c.population);
  const registerDate =
    counted.length === clients.length
      ? counted
          .map((c) => c.population?.date ?? "")
          .sort()
          .at(-1)
      : undefined;
  const registerSources = [...new Set(counted.map((c) => c.population?.source).filter(Boolean))] as string[];
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
  const [budget, setBudget] = useState(start ? String(start.budgetCents / 100).replace(".", ",") : "");
  const [kind, setKind] = useState<string>(key?.kind ?? "inhabitants");
  const [referenceDate, setReferenceDate] = useState(
    registerDate ??
      (key?.kind === "inhabitants"
        ? key.referenceDate
        : key?.kind === "mix"
          ? (key.parts.find((p) => p.key.kind === "inhabitants")?.key as { referenceDate?: string } | undefined)
              ?.referenceDate
          : undefined) ??
      `${year}-01-01`,
  );
  const [inhabitants, setInhabitants] = useState(
    Object.fromEntries(
      clients.map((c) => [
        c.id,
        registerDate && c.population ? String(c.population.count) : baseOf(key, "inhabitants", c.id),
      ]),
    ),
  );
  const [units, setUnits] = useState(Object.fromEntries(clients.map((c) => [c.id, baseOf(key, "units", c.id)])));
  const [shares, setShares] = useState(Object.fromEntries(clients.map((c) => [c.id, baseOf(key, "sharesBp", c.id)])));
  const [mixWeight, setMixWeight] = useState(
    key?.kind === "mix" ? String((key.parts.find((p) => p.key.kind === "inhabitants")?.weightBp ?? 5000) / 100) : "50",
  );
  const [accents, setAccents] = useState<Accent[]>(start?.accents ?? []);
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
            <Field
              label={t("agreements.referenceDate")}
              description={
                registerDate && registerDate === referenceDate
                  ? t("agreements.populationProposed", {
                      date: format.date(registerDate),
                      sources: registerSources.join("; "),
                    })
                  : undefined
              }
            >
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
