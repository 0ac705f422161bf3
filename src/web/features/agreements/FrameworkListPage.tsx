import { Alert, Button, Heading1, Heading2, Paragraph, Textbox } from "@utrecht/component-library-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { frameworkStatuses, legalRegimes } from "../../../platform/vocabulary.ts";
import { api } from "../../app/api.ts";
import { AppLink, useLocation } from "../../app/router.tsx";
import { useSession } from "../../app/session.tsx";
import { useApi } from "../../app/use-api.ts";
import { useFormSubmit } from "../../app/use-form-submit.ts";
import { Field } from "../../components/Field.tsx";
import { OrganisationPicker } from "../../components/OrganisationPicker.tsx";
import { ChoiceField } from "../../components/Selects.tsx";
import { EmptyState, ErrorState, Loading } from "../../components/states.tsx";
import type { Framework } from "./types.ts";

/** The framework agreements the organisation hosts or takes services from. */
export function FrameworkListPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const list = useApi<{ items: Framework[] }>("/frameworks");
  const [creating, setCreating] = useState(false);
  const mayCreate = Boolean(session?.abilities.createFramework);
  return (
    <>
      <Heading1>{t("module.agreements.name")}</Heading1>
      <Paragraph lead>{t("agreements.intro")}</Paragraph>
      {mayCreate && !creating ? (
        <Button appearance="secondary-action-button" onClick={() => setCreating(true)}>
          {t("agreements.new")}
        </Button>
      ) : null}
      {creating ? <CreateFrameworkForm onCancel={() => setCreating(false)} /> : null}
      {list.loading ? <Loading /> : null}
      {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
      {list.data && !list.data.items.length ? (
        <EmptyState>
          <Paragraph>{t("agreements.none")}</Paragraph>
        </EmptyState>
      ) : null}
      <ul className="samen-cards">
        {list.data?.items.map((f) => (
          <li key={f.id} className="samen-card">
            <AppLink href={`/gedeelde-diensten/${f.id}`} className="samen-card__link">
              {f.name}
            </AppLink>
            <Paragraph>
              {t("agreements.hostAndClients", { host: f.host.name, clients: f.clients.map((c) => c.name).join(", ") })}
            </Paragraph>
            <p className="samen-result__meta">
              <span className="samen-badge">{t(`frameworkStatus.${f.status}`)}</span>
              {f.isDemo ? <span className="samen-badge">{t("catalogue.demo")}</span> : null}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}

function CreateFrameworkForm({ onCancel }: { onCancel: () => void }) {
  const { t } = useTranslation();
  const { navigate } = useLocation();
  const [name, setName] = useState("");
  const [clients, setClients] = useState<{ id: string; name: string }[]>([]);
  const [startsOn, setStartsOn] = useState("");
  const [endsOn, setEndsOn] = useState("");
  const [legalRegime, setLegalRegime] = useState<string>("wgr");
  const [status, setStatus] = useState<string>("draft");
  const { errors, failed, submit } = useFormSubmit(async () => {
    const { data } = await api<Framework>("/frameworks", {
      method: "POST",
      body: { name, clientIds: clients.map((c) => c.id), startsOn, endsOn: endsOn || null, legalRegime, status },
    });
    navigate(`/gedeelde-diensten/${data.id}`);
  });
  return (
    <form onSubmit={submit} noValidate className="samen-form" aria-labelledby="new-framework">
      <Heading2 id="new-framework">{t("agreements.new")}</Heading2>
      {failed ? (
        <Alert type="error" role="alert">
          <Paragraph>{t("state.error.generic")}</Paragraph>
        </Alert>
      ) : null}
      <Field label={t("organisations.name")} error={errors.name}>
        {(props) => <Textbox {...props} value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <OrganisationPicker
        label={t("agreements.clients")}
        description={t("agreements.clientsHint")}
        chosen={clients}
        onChange={setClients}
        error={errors.clientIds}
      />
      <Field label={t("agreements.startsOn")} error={errors.startsOn}>
        {(props) => <Textbox {...props} type="date" value={startsOn} onChange={(e) => setStartsOn(e.target.value)} />}
      </Field>
      <Field label={t("agreements.endsOn")} error={errors.endsOn}>
        {(props) => <Textbox {...props} type="date" value={endsOn} onChange={(e) => setEndsOn(e.target.value)} />}
      </Field>
      <ChoiceField
        label={t("agreements.legalRegime")}
        value={legalRegime}
        onChange={setLegalRegime}
        options={legalRegimes.map((r) => ({ value: r, label: t(`legalRegime.${r}`) }))}
      />
      <ChoiceField
        label={t("agreements.status")}
        value={status}
        onChange={setStatus}
        options={frameworkStatuses.map((s) => ({ value: s, label: t(`frameworkStatus.${s}`) }))}
      />
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
