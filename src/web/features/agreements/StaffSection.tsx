import {
  Alert,
  Button,
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
import { consultationBodies, consultationOutcomes, staffTransferStatuses } from "../../../platform/vocabulary.ts";
import { api } from "../../app/api.ts";
import { useFormat } from "../../app/format.ts";
import { useApi } from "../../app/use-api.ts";
import { useFormSubmit } from "../../app/use-form-submit.ts";
import { Field } from "../../components/Field.tsx";
import { FormFrame } from "../../components/FormFrame.tsx";
import { ChoiceField } from "../../components/Selects.tsx";
import { ErrorState, Loading } from "../../components/states.tsx";
import type { Framework, Staff } from "./types.ts";

/**
 * The staff who move to the host: everyone who reads the agreement sees the totals; HR of the host and of the
 * origin see the people (the API leaves them out for everyone else) and keep the transfers.
 */
export function StaffSection({ framework }: { framework: Framework }) {
  const { t } = useTranslation();
  const format = useFormat();
  const staff = useApi<Staff>(`/frameworks/${framework.id}/staff`);
  const [adding, setAdding] = useState<"transfer" | "consultation" | null>(null);
  if (staff.loading && !staff.data) return <Loading />;
  if (staff.error || !staff.data) return <ErrorState error={staff.error} onRetry={staff.reload} />;
  const s = staff.data;
  const parties = [framework.host, ...framework.clients];
  const nameOf = (id: string) => parties.find((p) => p.id === id)?.name ?? "";
  const done = () => {
    setAdding(null);
    staff.reload();
  };
  return (
    <section aria-labelledby="staff">
      <Heading2 id="staff">{t("staff.title")}</Heading2>
      <Paragraph>
        {t("staff.totals", { count: s.totals.count, fte: format.number(s.totals.fte) })}
        {s.transfers === null ? ` ${t("staff.totalsOnly")}` : ""}
      </Paragraph>
      <Table className="samen-table">
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t("staff.from")}</TableHeaderCell>
            <TableHeaderCell scope="col">{t("staff.people")}</TableHeaderCell>
            <TableHeaderCell scope="col">{t("staff.fte")}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {s.totals.byOrigin.map((o) => (
            <TableRow key={o.organisation.id}>
              <TableHeaderCell scope="row">{o.organisation.name}</TableHeaderCell>
              <TableCell>{o.count}</TableCell>
              <TableCell>{format.number(o.fte)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Paragraph>
        {s.totals.byStatus
          .filter((b) => b.count > 0)
          .map((b) => `${t(`transferStatus.${b.status}`)}: ${b.count}`)
          .join(" · ") || t("staff.none")}
      </Paragraph>

      {s.transfers?.length ? (
        <Table className="samen-table">
          <caption>{t("staff.transfersCaption")}</caption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t("staff.reference")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("staff.person")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("staff.function")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("staff.fte")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("staff.from")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("staff.transferOn")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("agreements.status")}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {s.transfers.map((tr) => (
              <TableRow key={tr.id}>
                <TableHeaderCell scope="row">{tr.reference}</TableHeaderCell>
                <TableCell>{tr.person?.name ?? ""}</TableCell>
                <TableCell>{tr.function}</TableCell>
                <TableCell>{format.number(tr.fte)}</TableCell>
                <TableCell>{tr.from.name}</TableCell>
                <TableCell>{format.date(tr.transferOn)}</TableCell>
                <TableCell>
                  {s.abilities.addTransferFrom.includes(tr.from.id) ? (
                    <StatusChoice transfer={tr} onChanged={staff.reload} />
                  ) : (
                    t(`transferStatus.${tr.status}`)
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
      {s.abilities.addTransferFrom.length && adding !== "transfer" ? (
        <Button appearance="secondary-action-button" onClick={() => setAdding("transfer")}>
          {t("staff.add")}
        </Button>
      ) : null}
      {adding === "transfer" ? (
        <TransferForm
          frameworkId={framework.id}
          origins={s.abilities.addTransferFrom.map((id) => ({ value: id, label: nameOf(id) }))}
          startsOn={framework.startsOn}
          onDone={done}
          onCancel={() => setAdding(null)}
        />
      ) : null}

      <Heading3>{t("staff.consultations")}</Heading3>
      {s.consultations.length ? (
        <ul>
          {s.consultations.map((c) => (
            <li key={c.id}>
              {t(`consultationBody.${c.body}`)} {c.organisation.name}: {t("staff.requestedOn")}{" "}
              {format.date(c.requestedOn)}
              {c.adviceDueOn ? `, ${t("staff.adviceDueOn")} ${format.date(c.adviceDueOn)}` : ""}
              {c.advisedOn ? `, ${t("staff.advisedOn")} ${format.date(c.advisedOn)}` : ""} —{" "}
              <strong>{t(`consultationOutcome.${c.outcome}`)}</strong>
              {c.note ? ` (${c.note})` : ""}
            </li>
          ))}
        </ul>
      ) : (
        <Paragraph>{t("staff.noConsultations")}</Paragraph>
      )}
      {s.abilities.addConsultationFor.length && adding !== "consultation" ? (
        <Button appearance="secondary-action-button" onClick={() => setAdding("consultation")}>
          {t("staff.addConsultation")}
        </Button>
      ) : null}
      {adding === "consultation" ? (
        <ConsultationForm
          frameworkId={framework.id}
          parties={s.abilities.addConsultationFor.map((id) => ({ value: id, label: nameOf(id) }))}
          onDone={done}
          onCancel={() => setAdding(null)}
        />
      ) : null}
    </section>
  );
}

function StatusChoice({
  transfer,
  onChanged,
}: {
  transfer: NonNullable<Staff["transfers"]>[number];
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const [failed, setFailed] = useState<string | null>(null);
  return (
    <>
      <select
        aria-label={t("staff.statusOf", { reference: transfer.reference })}
        className="utrecht-select utrecht-select--html-select"
        value={transfer.status}
        onChange={async (event) => {
          const status = event.target.value;
          setFailed(null);
          try {
            await api(`/staff-transfers/${transfer.id}`, {
              method: "PATCH",
              body: { status },
              ifMatch: `"v${transfer.version}"`,
            });
            onChanged();
          } catch (error) {
            setFailed(error instanceof Error ? error.message : t("state.error.generic"));
          }
        }}
      >
        {staffTransferStatuses.map((s) => (
          <option key={s} value={s}>
            {t(`transferStatus.${s}`)}
          </option>
        ))}
      </select>
      {failed ? (
        <Alert type="error" role="alert">
          <Paragraph>{failed}</Paragraph>
        </Alert>
      ) : null}
    </>
  );
}

function TransferForm(props: {
  frameworkId: string;
  origins: { value: string; label: string }[];
  startsOn: string;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [form, setForm] = useState({
    reference: "",
    name: "",
    personnelNumber: "",
    function: "",
    fte: "1",
    from: props.origins[0]?.value ?? "",
    transferOn: props.startsOn,
  });
  const set = (field: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setForm({ ...form, [field]: e.target.value });
  const { errors, failed, submit } = useFormSubmit(async () => {
    const fte = Number(form.fte.replace(",", "."));
    await api(`/frameworks/${props.frameworkId}/staff-transfers`, {
      method: "POST",
      body: {
        reference: form.reference.trim(),
        function: form.function,
        fte: Number.isFinite(fte) ? fte : form.fte,
        fromOrganisationId: form.from,
        transferOn: form.transferOn,
        person: { name: form.name, personnelNumber: form.personnelNumber.trim() || null },
      },
    });
    props.onDone();
  });
  return (
    <FormFrame
      id="new-transfer"
      title={t("staff.add")}
      failed={failed}
      submitLabel={t("staff.save")}
      onSubmit={submit}
      onCancel={props.onCancel}
    >
      <ChoiceField
        label={t("staff.from")}
        value={form.from}
        onChange={(from) => setForm({ ...form, from })}
        options={props.origins}
      />
      <Field label={t("staff.reference")} description={t("staff.referenceHint")} error={errors.reference}>
        {(p) => <Textbox {...p} value={form.reference} onChange={set("reference")} />}
      </Field>
      <Field label={t("staff.person")} description={t("staff.personHint")} error={errors["person.name"]}>
        {(p) => <Textbox {...p} value={form.name} onChange={set("name")} autoComplete="off" />}
      </Field>
      <Field label={t("staff.personnelNumber")} error={errors["person.personnelNumber"]}>
        {(p) => <Textbox {...p} value={form.personnelNumber} onChange={set("personnelNumber")} autoComplete="off" />}
      </Field>
      <Field label={t("staff.function")} error={errors.function}>
        {(p) => <Textbox {...p} value={form.function} onChange={set("function")} />}
      </Field>
      <Field label={t("staff.fte")} description={t("staff.fteHint")} error={errors.fte}>
        {(p) => <Textbox {...p} value={form.fte} onChange={set("fte")} inputMode="decimal" />}
      </Field>
      <Field label={t("staff.transferOn")} error={errors.transferOn}>
        {(p) => <Textbox {...p} type="date" value={form.transferOn} onChange={set("transferOn")} />}
      </Field>
    </FormFrame>
  );
}

function ConsultationForm(props: {
  frameworkId: string;
  parties: { value: string; label: string }[];
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [form, setForm] = useState({
    organisationId: props.parties[0]?.value ?? "",
    body: "works_council",
    requestedOn: new Date().toISOString().slice(0, 10),
    adviceDueOn: "",
    advisedOn: "",
    outcome: "pending",
    note: "",
  });
  const set = (field: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setForm({ ...form, [field]: e.target.value });
  const { errors, failed, submit } = useFormSubmit(async () => {
    await api(`/frameworks/${props.frameworkId}/consultations`, {
      method: "POST",
      body: {
        organisationId: form.organisationId,
        body: form.body,
        requestedOn: form.requestedOn,
        adviceDueOn: form.adviceDueOn || null,
        advisedOn: form.advisedOn || null,
        outcome: form.outcome,
        note: form.note.trim() || null,
      },
    });
    props.onDone();
  });
  return (
    <FormFrame
      id="new-consultation"
      title={t("staff.addConsultation")}
      failed={failed}
      submitLabel={t("staff.save")}
      onSubmit={submit}
      onCancel={props.onCancel}
    >
      <ChoiceField
        label={t("staff.consultedOrganisation")}
        value={form.organisationId}
        onChange={(organisationId) => setForm({ ...form, organisationId })}
        options={props.parties}
      />
      <ChoiceField
        label={t("staff.body")}
        value={form.body}
        onChange={(body) => setForm({ ...form, body })}
        options={consultationBodies.map((b) => ({ value: b, label: t(`consultationBody.${b}`) }))}
      />
      <Field label={t("staff.requestedOn")} error={errors.requestedOn}>
        {(p) => <Textbox {...p} type="date" value={form.requestedOn} onChange={set("requestedOn")} />}
      </Field>
      <Field label={t("staff.adviceDueOn")} error={errors.adviceDueOn}>
        {(p) => <Textbox {...p} type="date" value={form.adviceDueOn} onChange={set("adviceDueOn")} />}
      </Field>
      <Field label={t("staff.advisedOn")} error={errors.advisedOn}>
        {(p) => <Textbox {...p} type="date" value={form.advisedOn} onChange={set("advisedOn")} />}
      </Field>
      <ChoiceField
        label={t("staff.outcome")}
        value={form.outcome}
        onChange={(outcome) => setForm({ ...form, outcome })}
        options={consultationOutcomes.map((o) => ({ value: o, label: t(`consultationOutcome.${o}`) }))}
      />
      <Field label={t("staff.note")} error={errors.note}>
        {(p) => <Textbox {...p} value={form.note} onChange={set("note")} />}
      </Field>
    </FormFrame>
  );
}
