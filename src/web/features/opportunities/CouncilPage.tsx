import { Button, Heading2, Paragraph, Textbox } from "@utrecht/component-library-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api } from "../../app/api.ts";
import { parseEuro, useFormat } from "../../app/format.ts";
import { AppLink } from "../../app/router.tsx";
import { useSession } from "../../app/session.tsx";
import { useApi } from "../../app/use-api.ts";
import { useFormSubmit } from "../../app/use-form-submit.ts";
import { DataTable } from "../../components/DataTable.tsx";
import { Field } from "../../components/Field.tsx";
import { FormFrame } from "../../components/FormFrame.tsx";
import { ChoiceField } from "../../components/Selects.tsx";
import { ErrorState, Loading } from "../../components/states.tsx";
import { CollaborationsSection, DeadlinesSection, PurchasesSection, TotalsSection } from "./CouncilSections.tsx";
import { ModuleFrame } from "./ModuleFrame.tsx";
import {
  type CouncilView,
  type PublicSection,
  publicSections,
  type Representative,
  representativeBodies,
} from "./types.ts";

/**
 * The council's view of the organisation one acts for: what it pays into each collaboration and where each figure
 * comes from, who represents it, the council's deadlines; its editors keep representatives, contributions and the
 * public page here.
 */
export function CouncilPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const own = session?.activeOrganisation;
  const view = useApi<CouncilView>(own ? `/organisations/${own.id}/council` : null);
  const data = view.data;
  return (
    <ModuleFrame
      part="council"
      title={(organisation) => t("council.titleOf", { organisation })}
      intro={t("council.intro")}
      extra={
        own ? (
          <li>
            <AppLink className="utrecht-link" href={`/publiek/gemeenten/${own.id}`}>
              {t("council.publicPage.open")}
            </AppLink>
          </li>
        ) : null
      }
    >
      {() => (
        <>
          {view.loading && !data ? <Loading /> : null}
          {view.error ? <ErrorState error={view.error} onRetry={view.reload} /> : null}
          {data ? (
            <>
              <TotalsSection totals={data.totals} />
              <DeadlinesSection deadlines={data.deadlines} linked />
              <CollaborationsSection rows={data.collaborations} linked />
              <PurchasesSection rows={data.purchases} linked />
              {data.abilities.keep ? (
                <>
                  <RepresentativesSection view={data} onChange={view.reload} />
                  <ContributionSection view={data} onChange={view.reload} />
                  <PublicPageSettings view={data} etag={view.etag} onChange={view.reload} />
                </>
              ) : (
                <Paragraph className="samen-muted">{t("council.readOnly")}</Paragraph>
              )}
            </>
          ) : null}
        </>
      )}
    </ModuleFrame>
  );
}

/** One of the collaborations the organisation is in. */
function CollaborationChoice(props: {
  view: CouncilView;
  value: string;
  onChange: (id: string) => void;
  error: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <ChoiceField
      label={t("council.collaboration")}
      value={props.value}
      onChange={props.onChange}
      empty={t("council.choose")}
      error={props.error}
      options={props.view.collaborations.map((c) => ({ value: c.collaboration.id, label: c.collaboration.name }))}
    />
  );
}

function RepresentativesSection({ view, onChange }: { view: CouncilView; onChange: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [adding, setAdding] = useState(false);
  const people = view.collaborations.flatMap((c) =>
    (c.representatives ?? []).map((r) => ({ ...(r as Representative), collaboration: c.collaboration })),
  );
  const remove = async (id: string) => {
    await api(`/representatives/${id}`, { method: "DELETE" });
    onChange();
  };
  return (
    <section aria-labelledby="council-people" className="samen-no-print">
      <Heading2 id="council-people">{t("council.people.title")}</Heading2>
      <DataTable
        label={t("council.people.title")}
        rows={people}
        rowKey={(p) => p.id}
        empty={t("council.people.none")}
        columns={[
          { title: t("council.people.name"), cell: (p) => `${p.name}${p.office ? `, ${p.office}` : ""}` },
          { title: t("council.collaboration"), cell: (p) => p.collaboration.name },
          { title: t("council.people.body"), cell: (p) => t(`council.body.${p.body}`) },
          {
            title: t("council.people.term"),
            cell: (p) =>
              [p.since ? format.date(p.since) : "", p.until ? format.date(p.until) : ""].filter(Boolean).join(" – ") ||
              "—",
          },
          {
            title: t("council.actions"),
            cell: (p) => (
              <Button appearance="subtle-button" onClick={() => remove(p.id)}>
                {t("council.people.remove", { name: p.name })}
              </Button>
            ),
          },
        ]}
      />
      {adding ? (
        <RepresentativeForm
          view={view}
          onDone={() => {
            setAdding(false);
            onChange();
          }}
          onCancel={() => setAdding(false)}
        />
      ) : (
        <Button appearance="secondary-action-button" onClick={() => setAdding(true)}>
          {t("council.people.add")}
        </Button>
      )}
    </section>
  );
}

function RepresentativeForm({
  view,
  onDone,
  onCancel,
}: {
  view: CouncilView;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [collaborationId, setCollaboration] = useState("");
  const [body, setBody] = useState<string>("generalMeeting");
  const [name, setName] = useState("");
  const [office, setOffice] = useState("");
  const [since, setSince] = useState("");
  const { errors, failed, submit } = useFormSubmit(async () => {
    await api(`/organisations/${view.organisation.id}/representatives`, {
      method: "POST",
      body: { collaborationId, body, name, office: office || null, since: since || null },
    });
    onDone();
  });
  return (
    <FormFrame
      id="representative-form"
      title={t("council.people.add")}
      failed={failed}
      submitLabel={t("council.save")}
      onSubmit={submit}
      onCancel={onCancel}
    >
      <CollaborationChoice
        view={view}
        value={collaborationId}
        onChange={setCollaboration}
        error={errors.collaborationId}
      />
      <ChoiceField
        label={t("council.people.body")}
        value={body}
        onChange={setBody}
        error={errors.body}
        options={representativeBodies.map((b) => ({ value: b, label: t(`council.body.${b}`) }))}
      />
      <Field label={t("council.people.name")} error={errors.name}>
        {(p) => <Textbox {...p} value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />}
      </Field>
      <Field label={t("council.people.office")} description={t("council.people.officeHint")} error={errors.office}>
        {(p) => <Textbox {...p} value={office} onChange={(e) => setOffice(e.target.value)} />}
      </Field>
      <Field label={t("council.people.since")} error={errors.since}>
        {(p) => <Textbox {...p} type="date" value={since} onChange={(e) => setSince(e.target.value)} />}
      </Field>
    </FormFrame>
  );
}

/** What the organisation pays into a collaboration in a year, entered with its source. */
function ContributionSection({ view, onChange }: { view: CouncilView; onChange: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [collaborationId, setCollaboration] = useState("");
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [amount, setAmount] = useState("");
  const [source, setSource] = useState("");
  const { errors, failed, submit } = useFormSubmit(async () => {
    if (!collaborationId) {
      throw new ApiError(400, "validation_failed", t("council.chooseCollaboration"), [
        { field: "collaborationId", message: t("council.chooseCollaboration") },
      ]);
    }
    const cents = parseEuro(amount);
    if (cents === null) {
      throw new ApiError(400, "validation_failed", t("council.contribution.notAnAmount"), [
        { field: "amountCents", message: t("council.contribution.notAnAmount") },
      ]);
    }
    const existing = view.collaborations
      .find((c) => c.collaboration.id === collaborationId)
      ?.payments?.find((p) => p.year === Number(year) && p.source.kind === "contribution");
    await api(`/organisations/${view.organisation.id}/contributions/${collaborationId || "-"}/${year}`, {
      method: "PUT",
      body: { amountCents: cents, source },
      // Replacing a figure: the council view shows the current one, which was read with the page.
      ifMatch: existing?.source.kind === "contribution" ? `"v${existing.source.version}"` : null,
    });
    setOpen(false);
    onChange();
  });
  return (
    <section aria-labelledby="council-contribution" className="samen-no-print">
      <Heading2 id="council-contribution">{t("council.contribution.title")}</Heading2>
      <Paragraph>{t("council.contribution.intro")}</Paragraph>
      {open ? (
        <FormFrame
          id="contribution-form"
          title={t("council.contribution.title")}
          failed={failed}
          submitLabel={t("council.save")}
          onSubmit={submit}
          onCancel={() => setOpen(false)}
        >
          <CollaborationChoice
            view={view}
            value={collaborationId}
            onChange={setCollaboration}
            error={errors.collaborationId}
          />
          <Field label={t("council.year")} error={errors.year}>
            {(p) => <Textbox {...p} inputMode="numeric" value={year} onChange={(e) => setYear(e.target.value)} />}
          </Field>
          <Field label={t("council.contribution.amount")} error={errors.amountCents}>
            {(p) => <Textbox {...p} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />}
          </Field>
          <Field
            label={t("council.contribution.source")}
            description={t("council.contribution.sourceHint")}
            error={errors.source}
          >
            {(p) => <Textbox {...p} value={source} onChange={(e) => setSource(e.target.value)} />}
          </Field>
        </FormFrame>
      ) : (
        <Button appearance="secondary-action-button" onClick={() => setOpen(true)}>
          {t("council.contribution.add")}
        </Button>
      )}
    </section>
  );
}

/** What the public page shows, chosen section by section, and whether it is published. */
function PublicPageSettings({
  view,
  etag,
  onChange,
}: {
  view: CouncilView;
  etag: string | null;
  onChange: () => void;
}) {
  const { t } = useTranslation();
  const [published, setPublished] = useState(view.publicPage.published);
  const [sections, setSections] = useState<PublicSection[]>(view.publicPage.sections);
  const [saved, setSaved] = useState(false);
  const { errors, failed, submit } = useFormSubmit(async () => {
    await api(`/organisations/${view.organisation.id}/public-page`, {
      method: "PUT",
      body: { published, sections },
      ifMatch: etag,
    });
    setSaved(true);
    onChange();
  });
  const toggle = (section: PublicSection, on: boolean) =>
    setSections((s) => (on ? [...s, section] : s.filter((x) => x !== section)));
  return (
    <section aria-labelledby="council-public" className="samen-no-print">
      <Heading2 id="council-public">{t("council.publicPage.title")}</Heading2>
      <Paragraph>{t("council.publicPage.intro")}</Paragraph>
      <form onSubmit={submit} noValidate className="samen-form" aria-labelledby="council-public">
        {failed ? <Paragraph role="alert">{t("state.error.generic")}</Paragraph> : null}
        <fieldset className="samen-fieldset">
          <legend>{t("council.publicPage.sections")}</legend>
          {errors.sections ? <Paragraph role="alert">{errors.sections}</Paragraph> : null}
          {publicSections.map((section) => (
            <label key={section} className="samen-checkbox">
              <input
                type="checkbox"
                checked={sections.includes(section)}
                onChange={(e) => toggle(section, e.target.checked)}
              />{" "}
              {t(`council.publicPage.section.${section}`)}
            </label>
          ))}
        </fieldset>
        <label className="samen-checkbox">
          <input type="checkbox" checked={published} onChange={(e) => setPublished(e.target.checked)} />{" "}
          {t("council.publicPage.published")}
        </label>
        <div className="samen-actions">
          <Button type="submit" appearance="primary-action-button">
            {t("council.save")}
          </Button>
        </div>
        {saved ? <Paragraph role="status">{t("council.publicPage.saved")}</Paragraph> : null}
      </form>
    </section>
  );
}
