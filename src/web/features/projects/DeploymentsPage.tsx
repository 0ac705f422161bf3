import { Button, Heading1, Heading2, Paragraph, Textarea, Textbox } from "@utrecht/component-library-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../app/api.ts";
import { useFormat } from "../../app/format.ts";
import { AppLink } from "../../app/router.tsx";
import { useSession } from "../../app/session.tsx";
import { useApi } from "../../app/use-api.ts";
import { useFormSubmit } from "../../app/use-form-submit.ts";
import { DataTable } from "../../components/DataTable.tsx";
import { Field } from "../../components/Field.tsx";
import { FormFrame } from "../../components/FormFrame.tsx";
import { OrganisationPicker } from "../../components/OrganisationPicker.tsx";
import { ChoiceField } from "../../components/Selects.tsx";
import { ErrorState, Loading } from "../../components/states.tsx";
import type { Deployment, ProjectSummary } from "./types.ts";

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const plusDays = (day: string, days: number) => isoDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000));

/** Hours and minutes in words: 3 u 30. */
export function useDuration() {
  const { t } = useTranslation();
  return (minutes: number) =>
    t("deployments.duration", { hours: Math.floor(minutes / 60), minutes: String(minutes % 60).padStart(2, "0") });
}

/** Makes a secret feed address for calendar apps (a person signed in only) and shows it once. */
export function FeedButton({
  kind,
  subjectId,
  label,
}: {
  kind: "staff" | "organisation" | "project";
  subjectId: string;
  label: string;
}) {
  const { t } = useTranslation();
  const { session } = useSession();
  const [feed, setFeed] = useState<string | null>(null);
  if (session?.via !== "session") return null;
  const make = async () => {
    const { data } = await api<{ url: string }>("/deployment-feeds", { method: "POST", body: { kind, subjectId } });
    setFeed(data.url);
  };
  return (
    <div className="samen-feed">
      <Button appearance="subtle-button" onClick={make}>
        {label}
      </Button>
      {feed ? (
        <Paragraph>
          {t("deployments.feedMade")} <code className="samen-secret">{feed}</code>
        </Paragraph>
      ) : null}
    </div>
  );
}

/**
 * Deployments on site: the calendar the organisation sees (its staff's, and its own as a place of work), the plan
 * form for its planners, the staff member's report, and a feed for calendar apps.
 */
export function DeploymentsPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const { date } = useFormat();
  const duration = useDuration();
  const [from, setFrom] = useState(isoDay(new Date()));
  const [mine, setMine] = useState(false);
  const [planning, setPlanning] = useState(false);
  const [busy, setBusy] = useState(false);
  const userId = session?.user.id;
  const query = `/deployments?from=${from}&to=${plusDays(from, 60)}${mine && userId ? `&staffUserId=${userId}` : ""}`;
  const list = useApi<{ items: Deployment[] }>(query);
  const report = async (d: Deployment, status: "done" | "cancelled") => {
    setBusy(true);
    try {
      await api(`/deployments/${d.id}`, { method: "PATCH", body: { status }, ifMatch: `"v${d.version}"` });
    } finally {
      setBusy(false);
      list.reload();
    }
  };
  return (
    <>
      <p className="samen-breadcrumb">
        <AppLink href="/partnerprojecten">{t("module.projects.name")}</AppLink>
      </p>
      <Heading1>{t("deployments.title")}</Heading1>
      <Paragraph lead>{t("deployments.intro")}</Paragraph>
      <div className="samen-actions">
        {session?.abilities.planDeployments && !planning ? (
          <Button appearance="secondary-action-button" onClick={() => setPlanning(true)}>
            {t("deployments.plan")}
          </Button>
        ) : null}
      </div>
      {userId ? <FeedButton kind="staff" subjectId={userId} label={t("deployments.feed")} /> : null}
      {session?.activeOrganisation ? (
        <FeedButton
          kind="organisation"
          subjectId={session.activeOrganisation.id}
          label={t("deployments.organisationFeed", { organisation: session.activeOrganisation.name })}
        />
      ) : null}
      {planning ? (
        <PlanForm
          onDone={() => {
            setPlanning(false);
            list.reload();
          }}
        />
      ) : null}
      <Heading2>{t("deployments.calendar")}</Heading2>
      <Field label={t("deployments.from")}>
        {(p) => (
          <Textbox {...p} type="date" value={from} onChange={(e) => setFrom(e.target.value || isoDay(new Date()))} />
        )}
      </Field>
      <label className="samen-checkbox">
        <input type="checkbox" checked={mine} onChange={(e) => setMine(e.target.checked)} /> {t("deployments.mine")}
      </label>
      {list.loading && !list.data ? <Loading /> : null}
      {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
      {list.data ? (
        <DataTable
          rows={list.data.items}
          rowKey={(d) => d.id}
          empty={t("deployments.none")}
          columns={[
            {
              title: t("deployments.when"),
              cell: (d) => (
                <>
                  {date(d.day)}, {d.startsAt}–{d.endsAt}
                  {d.conflicts.map((c) => (
                    <span key={c} className="samen-badge samen-badge--late">
                      {t(`deploymentConflict.${c}`)}
                    </span>
                  ))}
                </>
              ),
            },
            { title: t("deployments.who"), cell: (d) => d.staff.name },
            { title: t("deployments.where"), cell: (d) => d.organisation.name },
            {
              title: t("deployments.for"),
              cell: (d) =>
                d.project ? (
                  <AppLink href={`/partnerprojecten/${d.project.id}`}>{d.project.name}</AppLink>
                ) : (
                  (d.dossier ?? "—")
                ),
            },
            {
              title: t("deployments.status"),
              cell: (d) => (
                <>
                  {t(`deploymentStatus.${d.status}`)}
                  {d.status === "done" && d.doneMinutes !== null ? ` · ${duration(d.doneMinutes)}` : ""}
                  {d.status === "planned" && d.abilities.report && d.day <= isoDay(new Date()) ? (
                    <Button appearance="subtle-button" disabled={busy} onClick={() => report(d, "done")}>
                      {t("deployments.markDone")}
                    </Button>
                  ) : null}
                  {d.status === "planned" && d.abilities.plan ? (
                    <Button appearance="subtle-button" disabled={busy} onClick={() => report(d, "cancelled")}>
                      {t("deployments.cancel")}
                    </Button>
                  ) : null}
                </>
              ),
            },
          ]}
        />
      ) : null}
    </>
  );
}

function PlanForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const staff = useApi<{ items: { id: string; name: string }[] }>("/deployments/staff");
  const own = session?.activeOrganisation?.id;
  const projects = useApi<{ items: ProjectSummary[] }>(own ? `/projects?providerId=${own}` : null);
  const [staffUserId, setStaffUserId] = useState("");
  const [place, setPlace] = useState<{ id: string; name: string }[]>([]);
  const [projectId, setProjectId] = useState("");
  const [day, setDay] = useState("");
  const [startsAt, setStartsAt] = useState("09:00");
  const [endsAt, setEndsAt] = useState("12:00");
  const [dossier, setDossier] = useState("");
  const [note, setNote] = useState("");
  const [warning, setWarning] = useState<string | null>(null);
  const { errors, failed, submit } = useFormSubmit(async () => {
    const { data } = await api<Deployment>("/deployments", {
      method: "POST",
      body: {
        staffUserId,
        organisationId: place[0]?.id ?? "",
        projectId: projectId || null,
        dossier: dossier.trim() || null,
        day,
        startsAt,
        endsAt,
        note: note.trim() || null,
      },
    });
    if (data.conflicts.length) setWarning(data.conflicts.map((c) => t(`deploymentConflict.${c}`)).join(", "));
    else onDone();
  });
  if (warning)
    return (
      <div role="status" className="samen-form">
        <Paragraph>{t("deployments.plannedWithConflicts", { conflicts: warning })}</Paragraph>
        <Button appearance="secondary-action-button" onClick={onDone}>
          {t("deployments.understood")}
        </Button>
      </div>
    );
  return (
    <FormFrame
      id="plan-deployment"
      title={t("deployments.plan")}
      failed={failed}
      submitLabel={t("deployments.planSubmit")}
      onSubmit={submit}
      onCancel={onDone}
    >
      <ChoiceField
        label={t("deployments.who")}
        value={staffUserId}
        onChange={setStaffUserId}
        empty={t("deployments.choose")}
        options={(staff.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
        error={errors.staffUserId}
      />
      <OrganisationPicker
        label={t("deployments.where")}
        description={t("deployments.whereHint")}
        chosen={place}
        onChange={setPlace}
        single
        error={errors.organisationId}
      />
      <ChoiceField
        label={t("deployments.project")}
        value={projectId}
        onChange={setProjectId}
        empty={t("deployments.noProject")}
        options={(projects.data?.items ?? []).map((p) => ({ value: p.id, label: p.title }))}
      />
      <Field label={t("deployments.dossier")} error={errors.dossier}>
        {(p) => <Textbox {...p} value={dossier} onChange={(e) => setDossier(e.target.value)} />}
      </Field>
      <Field label={t("deployments.day")} error={errors.day}>
        {(p) => <Textbox {...p} type="date" value={day} onChange={(e) => setDay(e.target.value)} />}
      </Field>
      <Field label={t("deployments.startsAt")} error={errors.startsAt}>
        {(p) => <Textbox {...p} type="time" value={startsAt} onChange={(e) => setStartsAt(e.target.value)} />}
      </Field>
      <Field label={t("deployments.endsAt")} error={errors.endsAt}>
        {(p) => <Textbox {...p} type="time" value={endsAt} onChange={(e) => setEndsAt(e.target.value)} />}
      </Field>
      <Field label={t("projects.note")} error={errors.note}>
        {(p) => <Textarea {...p} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
    </FormFrame>
  );
}
