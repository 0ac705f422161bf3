import { Alert, Button, Paragraph, Textarea, Textbox } from "@utrecht/component-library-react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  collaborationForms,
  collaborationNatures,
  collaborationStatuses,
  countries,
  membershipRoles,
} from "../../../platform/vocabulary.ts";
import { ApiError, api, fieldErrors } from "../../app/api.ts";
import { useLocation } from "../../app/router.tsx";
import { useFormSubmit } from "../../app/use-form-submit.ts";
import { Field } from "../../components/Field.tsx";
import { ChoiceField } from "../../components/Selects.tsx";
import type { OrganisationSummary } from "../organisations/types.ts";
import type { Collaboration } from "./types.ts";

export function CreateCollaborationForm({ onCancel }: { onCancel: () => void }) {
  const { t } = useTranslation();
  const { navigate } = useLocation();
  const [name, setName] = useState("");
  const [form, setForm] = useState<string>("projectnetwerk");
  const [nature, setNature] = useState("collaboration");
  const [country, setCountry] = useState("BE");
  const [description, setDescription] = useState("");
  const { errors, failed, submit } = useFormSubmit(async () => {
    const { data } = await api<Collaboration>("/collaborations", {
      method: "POST",
      body: { name, form, nature, country, ...(description.trim() ? { description } : {}) },
    });
    navigate(`/samenwerkingen/${data.id}`);
  });
  return (
    <form onSubmit={submit} noValidate className="samen-form" aria-labelledby="new-collaboration">
      <h2 id="new-collaboration" className="utrecht-heading-3">
        {t("collaborations.new")}
      </h2>
      {failed ? (
        <Alert type="error" role="alert">
          <Paragraph>{t("state.error.generic")}</Paragraph>
        </Alert>
      ) : null}
      <Field label={t("organisations.name")} error={errors.name}>
        {(props) => <Textbox {...props} value={name} required onChange={(e) => setName(e.target.value)} />}
      </Field>
      <ChoiceField
        label={t("collaborations.form")}
        value={form}
        onChange={setForm}
        options={collaborationForms.map((f) => ({ value: f, label: t(`form.${f}`) }))}
      />
      <ChoiceField
        label={t("collaborations.nature")}
        description={t("collaborations.natureHint")}
        value={nature}
        onChange={setNature}
        options={collaborationNatures.map((n) => ({ value: n, label: t(`nature.${n}`) }))}
      />
      <ChoiceField
        label={t("organisations.country")}
        value={country}
        onChange={setCountry}
        options={countries.map((c) => ({ value: c, label: t(`country.${c}`) }))}
      />
      <Field label={t("collaborations.description")} error={errors.description}>
        {(props) => <Textarea {...props} value={description} onChange={(e) => setDescription(e.target.value)} />}
      </Field>
      <div className="samen-actions">
        <Button type="submit" appearance="primary-action-button">
          {t("collaborations.create")}
        </Button>
        <Button appearance="subtle-button" onClick={onCancel}>
          {t("organisation.cancel")}
        </Button>
      </div>
    </form>
  );
}

export function EditCollaborationForm({
  collaboration,
  etag,
  onSaved,
  onCancel,
  onReload,
}: {
  collaboration: Collaboration;
  etag: string | null;
  onSaved: (c: Collaboration, etag: string | null) => void;
  onCancel: () => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(collaboration.name);
  const [status, setStatus] = useState(collaboration.status);
  const [seat, setSeat] = useState(collaboration.seat ?? "");
  const [description, setDescription] = useState(collaboration.description ?? "");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [conflict, setConflict] = useState(false);
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setErrors({});
    setConflict(false);
    const body: Record<string, unknown> = {};
    if (name.trim() !== collaboration.name) body.name = name.trim();
    if (status !== collaboration.status) body.status = status;
    if ((seat.trim() || null) !== collaboration.seat) body.seat = seat.trim() || null;
    if ((description.trim() || null) !== collaboration.description) body.description = description.trim() || null;
    if (!Object.keys(body).length) return onCancel();
    try {
      const saved = await api<Collaboration>(`/collaborations/${collaboration.id}`, {
        method: "PATCH",
        body,
        ifMatch: etag,
      });
      onSaved(saved.data, saved.etag);
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) setConflict(true);
      else setErrors(fieldErrors(error));
    }
  };
  return (
    <form onSubmit={submit} noValidate className="samen-form" aria-labelledby="edit-collaboration">
      <h3 id="edit-collaboration" className="utrecht-heading-3">
        {t("organisation.edit")}
      </h3>
      {conflict ? (
        <Alert type="warning" role="alert">
          <Paragraph>{t("collaboration.conflict")}</Paragraph>
          <Button appearance="secondary-action-button" onClick={onReload}>
            {t("organisation.reload")}
          </Button>
        </Alert>
      ) : null}
      <Field label={t("organisations.name")} error={errors.name}>
        {(props) => <Textbox {...props} value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <ChoiceField
        label={t("organisation.status")}
        value={status}
        onChange={setStatus}
        options={collaborationStatuses.map((s) => ({ value: s, label: t(`collaborationStatus.${s}`) }))}
      />
      <Field label={t("collaboration.seat")} error={errors.seat}>
        {(props) => <Textbox {...props} value={seat} onChange={(e) => setSeat(e.target.value)} />}
      </Field>
      <Field label={t("collaborations.description")} error={errors.description}>
        {(props) => <Textarea {...props} value={description} onChange={(e) => setDescription(e.target.value)} />}
      </Field>
      <div className="samen-actions">
        <Button type="submit" appearance="primary-action-button">
          {t("organisation.save")}
        </Button>
        <Button appearance="subtle-button" onClick={onCancel}>
          {t("organisation.cancel")}
        </Button>
      </div>
    </form>
  );
}

export function AddMemberForm({
  collaborationId,
  onAdded,
}: {
  collaborationId: string;
  onAdded: (c: Collaboration) => void;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState("");
  const [options, setOptions] = useState<OrganisationSummary[]>([]);
  const [organisationId, setOrganisationId] = useState("");
  const [role, setRole] = useState("member");
  const [share, setShare] = useState("");
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (q.trim().length < 2) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api<{ items: OrganisationSummary[] }>(`/organisations?q=${encodeURIComponent(q.trim())}&status=active&limit=10`, {
        signal: controller.signal,
      })
        .then(({ data }) => {
          setOptions(data.items);
          setOrganisationId(data.items[0]?.id ?? "");
        })
        .catch(() => {});
    }, 200);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [q]);
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    const basisPoints = share.trim() ? Math.round(Number(share.replace(",", ".")) * 100) : null;
    try {
      const { data } = await api<Collaboration>(`/collaborations/${collaborationId}/members`, {
        method: "POST",
        body: { organisationId, role, ...(basisPoints !== null ? { shareBasisPoints: basisPoints } : {}) },
      });
      setQ("");
      setOptions([]);
      setShare("");
      onAdded(data);
    } catch (e) {
      setError(e instanceof ApiError && e.status === 409 ? t("members.duplicate") : t("members.addFailed"));
    }
  };
  return (
    <form onSubmit={submit} className="samen-form" aria-labelledby="add-member">
      <h3 id="add-member" className="utrecht-heading-3">
        {t("members.add")}
      </h3>
      {error ? (
        <Alert type="error" role="alert">
          <Paragraph>{error}</Paragraph>
        </Alert>
      ) : null}
      <Field label={t("members.find")}>
        {(props) => <Textbox {...props} type="search" value={q} onChange={(e) => setQ(e.target.value)} />}
      </Field>
      <Field label={t("members.organisation")}>
        {(props) => (
          <select
            {...props}
            className="utrecht-select utrecht-select--html-select"
            value={organisationId}
            onChange={(e) => setOrganisationId(e.target.value)}
          >
            {options.length === 0 ? <option value="">{t("members.typeToFind")}</option> : null}
            {options.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name} ({o.identifiers.nis ?? o.identifiers.cbs ?? t(`kind.${o.kind}`)})
              </option>
            ))}
          </select>
        )}
      </Field>
      <ChoiceField
        label={t("people.role")}
        value={role}
        onChange={setRole}
        options={membershipRoles.map((r) => ({ value: r, label: t(`membershipRole.${r}`) }))}
      />
      <Field label={t("members.share")} description={t("members.shareHint")}>
        {(props) => <Textbox {...props} inputMode="decimal" value={share} onChange={(e) => setShare(e.target.value)} />}
      </Field>
      <div className="samen-actions">
        <Button type="submit" appearance="secondary-action-button" disabled={!organisationId}>
          {t("members.add")}
        </Button>
      </div>
    </form>
  );
}
