import { Button, Heading1, Heading2, Paragraph, Textbox } from "@utrecht/component-library-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../app/api.ts";
import { AppLink, matchPath, useLocation } from "../../app/router.tsx";
import { useSession } from "../../app/session.tsx";
import { useApi } from "../../app/use-api.ts";
import { useFormSubmit } from "../../app/use-form-submit.ts";
import { Field } from "../../components/Field.tsx";
import { FormFrame } from "../../components/FormFrame.tsx";
import { OrganisationPicker } from "../../components/OrganisationPicker.tsx";
import { EmptyState, ErrorState, Loading } from "../../components/states.tsx";
import { ScanPage } from "./ScanPage.tsx";

/** The readiness scan: the scans the organisation takes part in, a new one, and one scan's result. */
export default function ScanRoutes() {
  const { path } = useLocation();
  const scan = matchPath("/samenwerkingsscan/:id", path);
  if (scan?.id) return <ScanPage key={scan.id} id={scan.id} />;
  return <ScanListPage />;
}

function ScanListPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const list = useApi<{ items: { id: string; title: string; status: string; wave: string | null }[] }>("/scans");
  const [creating, setCreating] = useState(false);
  const mayCreate = Boolean(session?.abilities.startScan);
  return (
    <>
      <Heading1>{t("module.scan.name")}</Heading1>
      <Paragraph lead>{t("scan.intro")}</Paragraph>
      {mayCreate && !creating ? (
        <Button appearance="secondary-action-button" onClick={() => setCreating(true)}>
          {t("scan.new")}
        </Button>
      ) : null}
      {creating ? <NewScanForm onCancel={() => setCreating(false)} /> : null}
      <Heading2>{t("scan.yours")}</Heading2>
      {list.loading ? <Loading /> : null}
      {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
      {list.data && !list.data.items.length ? (
        <EmptyState>
          <Paragraph>{t("scan.none")}</Paragraph>
        </EmptyState>
      ) : null}
      <ul className="samen-cards">
        {list.data?.items.map((s) => (
          <li key={s.id} className="samen-card">
            <AppLink href={`/samenwerkingsscan/${s.id}`} className="samen-card__link">
              {s.title}
            </AppLink>
            <p className="samen-result__meta">
              <span className="samen-badge">{t(`surveyStatus.${s.status}`)}</span>
              {s.wave ? <span>{s.wave}</span> : null}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}

function NewScanForm({ onCancel }: { onCancel: () => void }) {
  const { t } = useTranslation();
  const { navigate } = useLocation();
  const [title, setTitle] = useState("");
  const [partners, setPartners] = useState<{ id: string; name: string }[]>([]);
  const { errors, failed, submit } = useFormSubmit(async () => {
    const { data } = await api<{ id: string }>("/scans", {
      method: "POST",
      body: { title, partnerIds: partners.map((p) => p.id) },
    });
    navigate(`/samenwerkingsscan/${data.id}`);
  });
  return (
    <FormFrame
      id="new-scan"
      title={t("scan.new")}
      failed={failed}
      submitLabel={t("scan.start")}
      onSubmit={submit}
      onCancel={onCancel}
    >
      <Field label={t("surveys.title")} error={errors.title}>
        {(p) => <Textbox {...p} value={title} onChange={(e) => setTitle(e.target.value)} />}
      </Field>
      <OrganisationPicker
        label={t("scan.partners")}
        description={t("scan.partnersHint")}
        chosen={partners}
        onChange={setPartners}
        error={errors.partnerIds}
      />
    </FormFrame>
  );
}
