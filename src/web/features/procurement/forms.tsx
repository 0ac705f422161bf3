import { Textbox } from "@utrecht/component-library-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api } from "../../app/api.ts";
import { parseEuro, parseQuantity, useFormat } from "../../app/format.ts";
import { useFormSubmit } from "../../app/use-form-submit.ts";
import { Field } from "../../components/Field.tsx";
import { FormFrame } from "../../components/FormFrame.tsx";
import { OrganisationPicker } from "../../components/OrganisationPicker.tsx";
import { ChoiceField } from "../../components/Selects.tsx";
import { type Bundle, commitmentBodies, type Lot, supplierSchemes } from "./types.ts";

/** A percentage typed as 12,5 in basis points (1250); null when empty. */
function parsePercent(text: string): number | null | "invalid" {
  const value = parseQuantity(text);
  return value === null || value === "invalid" ? value : Math.round(value * 100);
}

/** Refuses what the browser can already tell is not a number, with the field at fault, before anything is sent. */
function refuse(field: string, message: string): never {
  throw new ApiError(400, "validation_failed", message, [{ field, message }]);
}

/** An amount typed in euro as cents, or null when empty; refused at its field when it is not an amount. */
function cents(field: string, text: string, message: string) {
  if (!text.trim()) return null;
  return parseEuro(text) ?? refuse(field, message);
}

/** A lot: its title, CPV code, unit, and the price curve as "from quantity: discount %" lines. */
export function LotForm({
  bundleId,
  onDone,
  onCancel,
}: {
  bundleId: string;
  onDone: (b: Bundle) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [title, setTitle] = useState("");
  const [cpvCode, setCpv] = useState("");
  const [unit, setUnit] = useState("");
  const [fromQuantity, setFrom] = useState("0");
  const [discount, setDiscount] = useState("");
  const { errors, failed, submit } = useFormSubmit(async () => {
    const from = parseQuantity(fromQuantity);
    const percent = parsePercent(discount);
    if (from === "invalid") refuse("priceCurve.0.fromQuantity", t("procurement.form.notANumber"));
    if (percent === "invalid") refuse("priceCurve.0.discountBasisPoints", t("procurement.form.notANumber"));
    const { data } = await api<Bundle>(`/purchase-bundles/${bundleId}/lots`, {
      method: "POST",
      body: {
        title,
        cpvCode,
        unit: unit.trim() || null,
        priceCurve: percent === null ? [] : [{ fromQuantity: from ?? 0, discountBasisPoints: percent }],
      },
    });
    onDone(data);
  });
  return (
    <FormFrame
      id="new-lot"
      title={t("procurement.addLot")}
      failed={failed}
      submitLabel={t("procurement.addLot")}
      onSubmit={submit}
      onCancel={onCancel}
    >
      <Field label={t("procurement.lotTitle")} error={errors.title}>
        {(p) => <Textbox {...p} value={title} onChange={(e) => setTitle(e.target.value)} />}
      </Field>
      <Field label={t("procurement.cpvCode")} description={t("procurement.cpvHint")} error={errors.cpvCode}>
        {(p) => <Textbox {...p} value={cpvCode} onChange={(e) => setCpv(e.target.value)} />}
      </Field>
      <Field label={t("procurement.unit")} description={t("procurement.unitHint")} error={errors.unit}>
        {(p) => <Textbox {...p} value={unit} onChange={(e) => setUnit(e.target.value)} />}
      </Field>
      <Field label={t("procurement.curveFrom")} error={errors["priceCurve.0.fromQuantity"]}>
        {(p) => <Textbox {...p} inputMode="decimal" value={fromQuantity} onChange={(e) => setFrom(e.target.value)} />}
      </Field>
      <Field
        label={t("procurement.curveDiscount")}
        description={t("procurement.curveHint")}
        error={errors["priceCurve.0.discountBasisPoints"]}
      >
        {(p) => <Textbox {...p} inputMode="decimal" value={discount} onChange={(e) => setDiscount(e.target.value)} />}
      </Field>
    </FormFrame>
  );
}

/** Declaring the demand of the organisation one acts for, in the window or later by a call-off. */
export function DeclareForm({
  bundle,
  kind,
  onDone,
  onCancel,
}: {
  bundle: Bundle;
  kind: "declarations" | "call-offs";
  onDone: (b: Bundle) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const lots = kind === "call-offs" ? bundle.lotList.filter((l) => l.award) : bundle.lotList;
  const [lotId, setLotId] = useState(lots[0]?.id ?? "");
  const lot = lots.find((l) => l.id === lotId);
  const [quantity, setQuantity] = useState("");
  const [price, setPrice] = useState("");
  const [spend, setSpend] = useState("");
  const [body, setBody] = useState("");
  const [decidedOn, setDecidedOn] = useState("");
  const [reference, setReference] = useState("");
  const { errors, failed, submit } = useFormSubmit(async () => {
    const q = parseQuantity(quantity);
    if (q === "invalid") refuse("quantity", t("procurement.form.notANumber"));
    const { data } = await api<Bundle>(`/purchase-bundles/${bundle.id}/${kind}`, {
      method: "POST",
      body: {
        lotId,
        quantity: lot?.unit ? q : null,
        unitPriceCents: lot?.unit ? cents("unitPriceCents", price, t("procurement.form.notAnAmount")) : null,
        yearlySpendCents: cents("yearlySpendCents", spend, t("procurement.form.notAnAmount")),
        commitment: body ? { body, decidedOn, reference: reference.trim() || null } : null,
      },
    });
    onDone(data);
  });
  return (
    <FormFrame
      id="declare"
      title={kind === "call-offs" ? t("procurement.callOff") : t("procurement.declare")}
      failed={failed}
      submitLabel={kind === "call-offs" ? t("procurement.callOff") : t("procurement.declare")}
      onSubmit={submit}
      onCancel={onCancel}
    >
      <ChoiceField
        label={t("procurement.lot")}
        value={lotId}
        onChange={setLotId}
        error={errors.lotId}
        options={lots.map((l) => ({ value: l.id, label: `${l.number}. ${l.title}` }))}
      />
      {lot?.unit ? (
        <>
          <Field
            label={t("procurement.quantityIn", { unit: lot.unit })}
            description={t("procurement.quantityHint")}
            error={errors.quantity ?? errors.unit}
          >
            {(p) => (
              <Textbox {...p} inputMode="decimal" value={quantity} onChange={(e) => setQuantity(e.target.value)} />
            )}
          </Field>
          <Field label={t("procurement.unitPrice", { unit: lot.unit })} error={errors.unitPriceCents}>
            {(p) => <Textbox {...p} inputMode="decimal" value={price} onChange={(e) => setPrice(e.target.value)} />}
          </Field>
        </>
      ) : null}
      <Field
        label={t("procurement.yearlySpend")}
        description={lot?.unit ? t("procurement.yearlySpendHintUnit") : t("procurement.yearlySpendHint")}
        error={errors.yearlySpendCents ?? (lot?.unit ? undefined : errors.unitPriceCents)}
      >
        {(p) => <Textbox {...p} inputMode="decimal" value={spend} onChange={(e) => setSpend(e.target.value)} />}
      </Field>
      <ChoiceField
        label={t("procurement.committedBy")}
        value={body}
        onChange={setBody}
        empty={t("procurement.notCommitted")}
        error={errors["commitment.body"]}
        options={commitmentBodies.map((b) => ({ value: b, label: t(`commitmentBody.${b}`) }))}
      />
      {body ? (
        <>
          <Field label={t("procurement.decidedOn")} error={errors["commitment.decidedOn"]}>
            {(p) => <Textbox {...p} type="date" value={decidedOn} onChange={(e) => setDecidedOn(e.target.value)} />}
          </Field>
          <Field label={t("procurement.decisionReference")} error={errors["commitment.reference"]}>
            {(p) => <Textbox {...p} value={reference} onChange={(e) => setReference(e.target.value)} />}
          </Field>
        </>
      ) : null}
    </FormFrame>
  );
}

/** Awarding a lot (or correcting its award, with the reason). */
export function AwardForm({
  bundle,
  onDone,
  onCancel,
}: {
  bundle: Bundle;
  onDone: (b: Bundle) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [lotId, setLotId] = useState(bundle.lotList.find((l) => !l.award)?.id ?? bundle.lotList[0]?.id ?? "");
  const lot: Lot | undefined = bundle.lotList.find((l) => l.id === lotId);
  const [name, setName] = useState("");
  const [scheme, setScheme] = useState<string>(supplierSchemes[0]);
  const [identifier, setIdentifier] = useState("");
  const [price, setPrice] = useState("");
  const [discount, setDiscount] = useState("");
  const [awardedOn, setAwardedOn] = useState("");
  const [reason, setReason] = useState("");
  const { errors, failed, submit } = useFormSubmit(async () => {
    const percent = parsePercent(discount);
    if (percent === "invalid") refuse("spendDiscountBasisPoints", t("procurement.form.notANumber"));
    const { data } = await api<Bundle>(`/purchase-bundles/${bundle.id}/awards`, {
      method: "POST",
      body: {
        lotId,
        supplier: { name, scheme, identifier },
        unitPriceCents: lot?.unit ? cents("unitPriceCents", price, t("procurement.form.notAnAmount")) : null,
        spendDiscountBasisPoints: percent,
        awardedOn,
        reason: reason.trim() || null,
      },
    });
    onDone(data);
  });
  return (
    <FormFrame
      id="award"
      title={t("procurement.award")}
      failed={failed}
      submitLabel={t("procurement.award")}
      onSubmit={submit}
      onCancel={onCancel}
    >
      <ChoiceField
        label={t("procurement.lot")}
        value={lotId}
        onChange={setLotId}
        error={errors.lotId}
        options={bundle.lotList.map((l) => ({ value: l.id, label: `${l.number}. ${l.title}` }))}
      />
      <Field label={t("procurement.supplier")} error={errors["supplier.name"]}>
        {(p) => <Textbox {...p} value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <ChoiceField
        label={t("procurement.supplierScheme")}
        value={scheme}
        onChange={setScheme}
        options={supplierSchemes.map((s) => ({ value: s, label: t(`supplierScheme.${s}`) }))}
      />
      <Field label={t("procurement.supplierIdentifier")} error={errors["supplier.identifier"]}>
        {(p) => <Textbox {...p} value={identifier} onChange={(e) => setIdentifier(e.target.value)} />}
      </Field>
      {lot?.unit ? (
        <Field
          label={t("procurement.contractPrice", { unit: lot.unit })}
          description={t("procurement.onePriceHint")}
          error={errors.unitPriceCents}
        >
          {(p) => <Textbox {...p} inputMode="decimal" value={price} onChange={(e) => setPrice(e.target.value)} />}
        </Field>
      ) : null}
      <Field
        label={t("procurement.spendDiscount")}
        error={errors.spendDiscountBasisPoints ?? (lot?.unit ? undefined : errors.unitPriceCents)}
      >
        {(p) => <Textbox {...p} inputMode="decimal" value={discount} onChange={(e) => setDiscount(e.target.value)} />}
      </Field>
      <Field label={t("procurement.awardedOn")} error={errors.awardedOn}>
        {(p) => <Textbox {...p} type="date" value={awardedOn} onChange={(e) => setAwardedOn(e.target.value)} />}
      </Field>
      {lot?.award ? (
        <Field label={t("procurement.correctionReason")} error={errors.reason}>
          {(p) => <Textbox {...p} value={reason} onChange={(e) => setReason(e.target.value)} />}
        </Field>
      ) : null}
    </FormFrame>
  );
}

/** Changing a bundle's words, window and contract term (with the ETag it was read with). */
export function EditBundleForm({
  bundle,
  etag,
  onDone,
  onCancel,
}: {
  bundle: Bundle;
  etag: string | null;
  onDone: (b: Bundle, etag: string | null) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(bundle.title);
  const [demandOpensOn, setOpens] = useState(bundle.demandOpensOn);
  const [demandClosesOn, setCloses] = useState(bundle.demandClosesOn);
  const [contractStartsOn, setStarts] = useState(bundle.contractStartsOn ?? "");
  const [contractEndsOn, setEnds] = useState(bundle.contractEndsOn ?? "");
  const { errors, failed, submit } = useFormSubmit(async () => {
    // Only what changed is sent: a PATCH names the fields it changes.
    const changes: Record<string, unknown> = {};
    if (title !== bundle.title) changes.title = title;
    if (demandOpensOn !== bundle.demandOpensOn) changes.demandOpensOn = demandOpensOn;
    if (demandClosesOn !== bundle.demandClosesOn) changes.demandClosesOn = demandClosesOn;
    if ((contractStartsOn || null) !== bundle.contractStartsOn) changes.contractStartsOn = contractStartsOn || null;
    if ((contractEndsOn || null) !== bundle.contractEndsOn) changes.contractEndsOn = contractEndsOn || null;
    if (!Object.keys(changes).length) return onCancel();
    const response = await api<Bundle>(`/purchase-bundles/${bundle.id}`, {
      method: "PATCH",
      body: changes,
      ifMatch: etag,
    });
    onDone(response.data, response.etag);
  });
  return (
    <FormFrame
      id="edit-bundle"
      title={t("procurement.edit")}
      failed={failed}
      submitLabel={t("procurement.save")}
      onSubmit={submit}
      onCancel={onCancel}
    >
      <Field label={t("procurement.title")} error={errors.title}>
        {(p) => <Textbox {...p} value={title} onChange={(e) => setTitle(e.target.value)} />}
      </Field>
      <Field label={t("procurement.opensOn")} error={errors.demandOpensOn}>
        {(p) => <Textbox {...p} type="date" value={demandOpensOn} onChange={(e) => setOpens(e.target.value)} />}
      </Field>
      <Field label={t("procurement.closesOn")} error={errors.demandClosesOn}>
        {(p) => <Textbox {...p} type="date" value={demandClosesOn} onChange={(e) => setCloses(e.target.value)} />}
      </Field>
      <Field label={t("procurement.contractStartsOn")} error={errors.contractStartsOn}>
        {(p) => <Textbox {...p} type="date" value={contractStartsOn} onChange={(e) => setStarts(e.target.value)} />}
      </Field>
      <Field label={t("procurement.contractEndsOn")} error={errors.contractEndsOn}>
        {(p) => <Textbox {...p} type="date" value={contractEndsOn} onChange={(e) => setEnds(e.target.value)} />}
      </Field>
    </FormFrame>
  );
}

/** The lead buyer invites an organisation of the register. */
export function InviteForm({
  bundle,
  onDone,
  onCancel,
}: {
  bundle: Bundle;
  onDone: (b: Bundle) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<{ id: string; name: string }[]>([]);
  const { errors, failed, submit } = useFormSubmit(async () => {
    const organisation = chosen[0];
    if (!organisation) refuse("organisationId", t("procurement.form.chooseOrganisation"));
    const { data } = await api<Bundle>(`/purchase-bundles/${bundle.id}/participants`, {
      method: "POST",
      body: { organisationId: organisation.id },
    });
    onDone(data);
  });
  return (
    <FormFrame
      id="invite"
      title={t("procurement.invite")}
      failed={failed}
      submitLabel={t("procurement.invite")}
      onSubmit={submit}
      onCancel={onCancel}
    >
      <OrganisationPicker
        label={t("procurement.organisation")}
        description={t("procurement.inviteHint")}
        chosen={chosen}
        onChange={setChosen}
        error={errors.organisationId}
        single
      />
    </FormFrame>
  );
}

/** A declaration as words: 4.100 MWh at € 250,00, or € 120.000,00 a year. */
export function useDeclarationWords() {
  const { t, i18n } = useTranslation();
  const { number, date } = useFormat();
  const euro = new Intl.NumberFormat(i18n.language === "en" ? "en-GB" : "nl-BE", {
    style: "currency",
    currency: "EUR",
  });
  return (d: {
    quantity: number | null;
    unit: string | null;
    unitPriceCents: number | null;
    yearlySpendCents: number | null;
    commitment: { body: string; decidedOn: string } | null;
  }) =>
    [
      d.quantity !== null && d.unitPriceCents !== null
        ? t("procurement.declaredUnit", {
            quantity: number(d.quantity),
            unit: d.unit ?? "",
            price: euro.format(d.unitPriceCents / 100),
          })
        : d.yearlySpendCents !== null
          ? t("procurement.declaredSpend", { spend: euro.format(d.yearlySpendCents / 100) })
          : "",
      d.commitment
        ? t("procurement.declaredCommitted", {
            body: t(`commitmentBody.${d.commitment.body}`),
            date: date(d.commitment.decidedOn),
          })
        : t("procurement.notCommitted"),
    ]
      .filter(Boolean)
      .join(" · ");
}
