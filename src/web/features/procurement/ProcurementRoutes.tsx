import { Button, Heading1, Paragraph, Textarea, Textbox } from "@utrecht/component-library-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../app/api.ts";
import { useFormat } from "../../app/format.ts";
import { AppLink, matchPath, useLocation } from "../../app/router.tsx";
import { useSession } from "../../app/session.tsx";
import { useApi } from "../../app/use-api.ts";
import { useFormSubmit } from "../../app/use-form-submit.ts";
import { Field } from "../../components/Field.tsx";
import { FormFrame } from "../../components/FormFrame.tsx";
import { ChoiceField } from "../../components/Selects.tsx";
import { EmptyState, ErrorState, Loading } from "../../components/states.tsx";
import { BundlePage } from "./BundlePage.tsx";
import { DashboardPage, OrganisationSavingsPage } from "./SavingsPages.tsx";
import { type BundleSummary, bundleStatuses, leadRoles, purchaseSubjects } from "./types.ts";

/** Joint procurement: the list, a new bundle, one bundle, an organisation's savings, the lead buyer's dashboard. */
export default function ProcurementRoutes() {
  const { path } = useLocation();
  if (matchPath("/gezamenlijke-aankoop/besparingen", path)) return <OrganisationSavingsPage />;
  if (matchPath("/gezamenlijke-aankoop/overzicht", path)) return <DashboardPage />;
  const bundle = matchPath("/gezamenlijke-aankoop/:id", path);
  if (bundle?.id) return <BundlePage key={bundle.id} id={bundle.id} />;
  return <BundleListPage />;
}

function BundleListPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const { date } = useFormat();
  const [status, setStatus] = useState("");
  const list = useApi<{ items: BundleSummary[] }>(`/purchase-bundles${status ? `?status=${status}` : ""}`);
  const [opening, setOpening] = useState(false);
  const own = session?.activeOrganisation?.id;
  const leads = list.data?.items.some((b) => b.leadBuyer.id === own);
  return (
    <>
      <Heading1>{t("module.procurement.name")}</Heading1>
      <Paragraph lead>{t("procurement.intro")}</Paragraph>
      <div className="samen-actions">
        {session?.abilities.openBundle && !opening ? (
          <Button appearance="secondary-action-button" onClick={() => setOpening(true)}>
            {t("procurement.new")}
          </Button>
        ) : null}
        {own ? (
          <AppLink href="/gezamenlijke-aankoop/besparingen" className="utrecht-link">
            {t("procurement.savings.ours")}
          </AppLink>
        ) : null}
        {leads ? (
          <AppLink href="/gezamenlijke-aankoop/overzicht" className="utrecht-link">
            {t("procurement.dashboard.title")}
          </AppLink>
        ) : null}
      </div>
      {opening ? <NewBundleForm onCancel={() => setOpening(false)} /> : null}
      <ChoiceField
        label={t("procurement.status")}
        value={status}
        onChange={setStatus}
        empty={t("procurement.allStatuses")}
        options={bundleStatuses.map((s) => ({ value: s, label: t(`bundleStatus.${s}`) }))}
      />
      {list.loading ? <Loading /> : null}
      {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
      {list.data && !list.data.items.length ? (
        <EmptyState>
          <Paragraph>{t("procurement.none")}</Paragraph>
        </EmptyState>
      ) : null}
      <ul className="samen-cards">
        {list.data?.items.map((b) => (
          <li key={b.id} className="samen-card">
            <AppLink href={`/gezamenlijke-aankoop/${b.id}`} className="samen-card__link">
              {b.title}
            </AppLink>
            <p className="samen-result__meta">
              <span className="samen-badge">{t(`bundleStatus.${b.status}`)}</span>
              <span>{t(`purchaseSubject.${b.subject}`)}</span>
              <span>{b.leadBuyer.name}</span>
              <span>{t("procurement.window", { from: date(b.demandOpensOn), to: date(b.demandClosesOn) })}</span>
              <span>{t("procurement.participantCount", { count: b.participants })}</span>
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}

function NewBundleForm({ onCancel }: { onCancel: () => void }) {
  const { t } = useTranslation();
  const { navigate } = useLocation();
  const [title, setTitle] = useState("");
  const [subject, setSubject] = useState("energy");
  const [leadRole, setLeadRole] = useState("procuringEntity");
  const [description, setDescription] = useState("");
  const [demandOpensOn, setOpens] = useState("");
  const [demandClosesOn, setCloses] = useState("");
  const { errors, failed, submit } = useFormSubmit(async () => {
    const { data } = await api<{ id: string }>("/purchase-bundles", {
      method: "POST",
      body: { title, subject, leadRole, description, demandOpensOn, demandClosesOn },
    });
    navigate(`/gezamenlijke-aankoop/${data.id}`);
  });
  return (
    <FormFrame
      id="new-bundle"
      title={t("procurement.new")}
      failed={failed}
      submitLabel={t("procurement.open")}
      onSubmit={submit}
      onCancel={onCancel}
    >
      <Field label={t("procurement.title")} error={errors.title}>
        {(p) => <Textbox {...p} value={title} onChange={(e) => setTitle(e.target.value)} />}
      </Field>
      <ChoiceField
        label={t("procurement.subject")}
        value={subject}
        onChange={setSubject}
        error={errors.subject}
        options={purchaseSubjects.map((s) => ({ value: s, label: t(`purchaseSubject.${s}`) }))}
      />
      <ChoiceField
        label={t("procurement.leadRole")}
        value={leadRole}
        onChange={setLeadRole}
        error={errors.leadRole}
        options={leadRoles.map((r) => ({ value: r, label: t(`leadRole.${r}`) }))}
      />
      <Field label={t("procurement.description")} error={errors.description}>
        {(p) => <Textarea {...p} rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />}
      </Field>
      <Field label={t("procurement.opensOn")} error={errors.demandOpensOn}>
        {(p) => <Textbox {...p} type="date" value={demandOpensOn} onChange={(e) => setOpens(e.target.value)} />}
      </Field>
      <Field label={t("procurement.closesOn")} error={errors.demandClosesOn}>
        {(p) => <Textbox {...p} type="date" value={demandClosesOn} onChange={(e) => setCloses(e.target.value)} />}
      </Field>
    </FormFrame>
  );
}
