import { Button, Heading1, Heading2, Paragraph, Textarea, Textbox } from "@utrecht/component-library-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { teamRoles } from "../../../platform/vocabulary.ts";
import { api } from "../../app/api.ts";
import { useFormat } from "../../app/format.ts";
import { AppLink, matchPath, useLocation } from "../../app/router.tsx";
import { useSession } from "../../app/session.tsx";
import { useApi } from "../../app/use-api.ts";
import { useFormSubmit } from "../../app/use-form-submit.ts";
import { DataTable } from "../../components/DataTable.tsx";
import { Field } from "../../components/Field.tsx";
import { FormFrame } from "../../components/FormFrame.tsx";
import { OrganisationPicker } from "../../components/OrganisationPicker.tsx";
import { ChoiceField } from "../../components/Selects.tsx";
import { EmptyState, ErrorState, Loading } from "../../components/states.tsx";
import { DashboardPage } from "./DashboardPage.tsx";
import { DeploymentsPage, FeedButton, useDuration } from "./DeploymentsPage.tsx";
import { DocumentsSection } from "./DocumentsSection.tsx";
import { ParticipantPage } from "./ParticipantPage.tsx";
import { type Project, type ProjectHours, type ProjectSummary, projectStatuses } from "./types.ts";
import { UpdatesSection } from "./UpdatesSection.tsx";

/** Partner projects: the list, a new project, one project, a participant's track, the coordinator's dashboard. */
export default function ProjectRoutes() {
  const { path } = useLocation();
  if (matchPath("/partnerprojecten/overzicht", path)) return <DashboardPage />;
  if (matchPath("/partnerprojecten/inzet", path)) return <DeploymentsPage />;
  const participant = matchPath("/partnerprojecten/deelnemer/:id", path);
  if (participant?.id) return <ParticipantPage key={participant.id} id={participant.id} />;
  const project = matchPath("/partnerprojecten/:id", path);
  if (project?.id) return <ProjectPage key={project.id} id={project.id} />;
  return <ProjectListPage />;
}

/** A project's term in words. */
export function useTerm() {
  const { t } = useTranslation();
  const { date } = useFormat();
  return (p: { startsOn: string; endsOn: string | null }) =>
    p.endsOn
      ? t("projects.term", { from: date(p.startsOn), to: date(p.endsOn) })
      : t("projects.termOpen", { from: date(p.startsOn) });
}

function ProjectListPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const term = useTerm();
  const [status, setStatus] = useState("");
  const list = useApi<{ items: ProjectSummary[] }>(`/projects${status ? `?status=${status}` : ""}`);
  const [creating, setCreating] = useState(false);
  const own = session?.activeOrganisation?.id;
  const provides = list.data?.items.some((p) => p.provider.id === own);
  return (
    <>
      <Heading1>{t("module.projects.name")}</Heading1>
      <Paragraph lead>{t("projects.intro")}</Paragraph>
      <div className="samen-actions">
        {session?.abilities.createProject && !creating ? (
          <Button appearance="secondary-action-button" onClick={() => setCreating(true)}>
            {t("projects.new")}
          </Button>
        ) : null}
        {provides ? (
          <AppLink href="/partnerprojecten/overzicht" className="utrecht-link">
            {t("projects.dashboard")}
          </AppLink>
        ) : null}
        <AppLink href="/partnerprojecten/inzet" className="utrecht-link">
          {t("deployments.title")}
        </AppLink>
      </div>
      {creating ? <NewProjectForm onCancel={() => setCreating(false)} /> : null}
      <ChoiceField
        label={t("projects.status")}
        value={status}
        onChange={setStatus}
        empty={t("projects.allStatuses")}
        options={projectStatuses.map((s) => ({ value: s, label: t(`projectStatus.${s}`) }))}
      />
      {list.loading ? <Loading /> : null}
      {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
      {list.data && !list.data.items.length ? (
        <EmptyState>
          <Paragraph>{t("projects.none")}</Paragraph>
        </EmptyState>
      ) : null}
      <ul className="samen-cards">
        {list.data?.items.map((p) => (
          <li key={p.id} className="samen-card">
            <AppLink href={`/partnerprojecten/${p.id}`} className="samen-card__link">
              {p.title}
            </AppLink>
            <p className="samen-result__meta">
              <span className="samen-badge">{t(`projectStatus.${p.status}`)}</span>
              <span>{p.provider.name}</span>
              <span>{term(p)}</span>
              <span>{t("projects.participantCount", { count: p.confirmedParticipants })}</span>
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}

function NewProjectForm({ onCancel }: { onCancel: () => void }) {
  const { t } = useTranslation();
  const { navigate } = useLocation();
  const [title, setTitle] = useState("");
  const [goal, setGoal] = useState("");
  const [startsOn, setStartsOn] = useState("");
  const [endsOn, setEndsOn] = useState("");
  const { errors, failed, submit } = useFormSubmit(async () => {
    const { data } = await api<{ id: string }>("/projects", {
      method: "POST",
      body: { title, goal, startsOn, endsOn: endsOn || null, status: "planned" },
    });
    navigate(`/partnerprojecten/${data.id}`);
  });
  return (
    <FormFrame
      id="new-project"
      title={t("projects.new")}
      failed={failed}
      submitLabel={t("projects.start")}
      onSubmit={submit}
      onCancel={onCancel}
    >
      <Field label={t("projects.title")} error={errors.title}>
        {(p) => <Textbox {...p} value={title} onChange={(e) => setTitle(e.target.value)} />}
      </Field>
      <Field label={t("projects.goal")} error={errors.goal}>
        {(p) => <Textarea {...p} rows={4} value={goal} onChange={(e) => setGoal(e.target.value)} />}
      </Field>
      <Field label={t("projects.startsOn")} error={errors.startsOn}>
        {(p) => <Textbox {...p} type="date" value={startsOn} onChange={(e) => setStartsOn(e.target.value)} />}
      </Field>
      <Field label={t("projects.endsOn")} error={errors.endsOn}>
        {(p) => <Textbox {...p} type="date" value={endsOn} onChange={(e) => setEndsOn(e.target.value)} />}
      </Field>
    </FormFrame>
  );
}

function ProjectPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const { date } = useFormat();
  const term = useTerm();
  const project = useApi<Project>(`/projects/${id}`);
  const [inviting, setInviting] = useState(false);
  const [adding, setAdding] = useState(false);
  const [busy, setBusy] = useState(false);
  const act = async (action: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await action();
    } finally {
      setBusy(false);
      project.reload();
    }
  };
  if (project.loading && !project.data) return <Loading />;
  if (project.error || !project.data) return <ErrorState error={project.error} onRetry={project.reload} />;
  const p = project.data;
  const own = session?.activeOrganisation?.id;
  return (
    <>
      <p className="samen-breadcrumb">
        <AppLink href="/partnerprojecten">{t("module.projects.name")}</AppLink>
      </p>
      <Heading1>{p.title}</Heading1>
      <p className="samen-result__meta">
        <span className="samen-badge">{t(`projectStatus.${p.status}`)}</span>
        <span>{p.provider.name}</span>
        <span>{term(p)}</span>
        {p.domain ? <span>{p.domain.name}</span> : null}
      </p>
      <Paragraph lead>{p.goal}</Paragraph>
      {p.catalogueEntry ? (
        <Paragraph>
          {t("projects.fromOffer")}{" "}
          <AppLink href={`/partnercatalogus/${p.catalogueEntry.id}`}>{p.catalogueEntry.name}</AppLink>
        </Paragraph>
      ) : null}
      {p.ticket ? (
        <Paragraph>
          {t("projects.fromTicket")}{" "}
          <AppLink href={`/frontoffice/${p.ticket.id}`}>
            #{p.ticket.number} {p.ticket.subject}
          </AppLink>
        </Paragraph>
      ) : null}
      <TeamSection project={p} onChange={project.reload} />
      {p.abilities.enrol && own ? (
        <Button
          appearance="primary-action-button"
          disabled={busy}
          onClick={() =>
            act(() => api(`/projects/${p.id}/participants`, { method: "POST", body: { organisationId: own } }))
          }
        >
          {t("projects.enrol", { organisation: session?.activeOrganisation?.name })}
        </Button>
      ) : null}

      <section aria-labelledby="participants">
        <Heading2 id="participants">{t("projects.participants")}</Heading2>
        {p.abilities.invite && !inviting ? (
          <Button appearance="secondary-action-button" onClick={() => setInviting(true)}>
            {t("projects.invite")}
          </Button>
        ) : null}
        {inviting ? (
          <InviteForm
            projectId={p.id}
            onDone={() => {
              setInviting(false);
              project.reload();
            }}
          />
        ) : null}
        <DataTable
          rows={p.participantList}
          rowKey={(m) => m.id}
          empty={t("projects.noParticipants")}
          columns={[
            {
              title: t("projects.organisation"),
              cell: (m) =>
                m.abilities.readTrack ? (
                  <AppLink href={`/partnerprojecten/deelnemer/${m.id}`}>{m.organisation.name}</AppLink>
                ) : (
                  m.organisation.name
                ),
            },
            {
              title: t("projects.stage"),
              cell: (m) => (
                <>
                  {m.stage ? t(`projectStage.${m.stage}`) : "—"}
                  {m.behind ? <span className="samen-badge samen-badge--late">{t("projects.behind")}</span> : null}
                </>
              ),
            },
            {
              title: t("projects.participation"),
              cell: (m) => (
                <>
                  {m.confirmed ? t("projects.confirmed") : t("projects.awaiting")}
                  {m.abilities.confirm ? (
                    <Button
                      appearance="subtle-button"
                      disabled={busy}
                      onClick={() => act(() => api(`/project-participants/${m.id}/confirm`, { method: "POST" }))}
                    >
                      {t("projects.confirm")}
                    </Button>
                  ) : null}
                </>
              ),
            },
          ]}
        />
      </section>

      <section aria-labelledby="milestones">
        <Heading2 id="milestones">{t("projects.milestones")}</Heading2>
        {p.abilities.manageMilestones && !adding ? (
          <Button appearance="secondary-action-button" onClick={() => setAdding(true)}>
            {t("projects.addMilestone")}
          </Button>
        ) : null}
        {adding ? (
          <MilestoneForm
            projectId={p.id}
            onDone={() => {
              setAdding(false);
              project.reload();
            }}
          />
        ) : null}
        <DataTable
          rows={p.milestones}
          rowKey={(m) => m.id}
          empty={t("projects.noMilestones")}
          columns={[
            { title: t("projects.milestone"), cell: (m) => m.title },
            {
              title: t("projects.dueOn"),
              cell: (m) => (
                <>
                  {date(m.dueOn)}
                  {m.overdue ? <span className="samen-badge samen-badge--late">{t("projects.overdue")}</span> : null}
                </>
              ),
            },
            {
              title: t("projects.doneOn"),
              cell: (m) => (
                <>
                  {m.doneOn ? date(m.doneOn) : "—"}
                  {!m.doneOn && p.abilities.manageMilestones ? (
                    <Button
                      appearance="subtle-button"
                      disabled={busy}
                      onClick={() =>
                        act(() =>
                          api(`/project-milestones/${m.id}`, {
                            method: "PATCH",
                            body: { doneOn: new Date().toISOString().slice(0, 10) },
                            ifMatch: `"v${m.version}"`,
                          }),
                        )
                      }
                    >
                      {t("projects.markDone")}
                    </Button>
                  ) : null}
                </>
              ),
            },
          ]}
        />
      </section>
      <UpdatesSection projectId={p.id} mayPost={p.abilities.postUpdate} />
      <DocumentsSection projectId={p.id} mayAttach={p.abilities.postUpdate} />
      {p.abilities.readHours ? <HoursSection projectId={p.id} /> : null}
      <FeedButton kind="project" subjectId={p.id} label={t("deployments.projectFeed")} />
    </>
  );
}

/** The provider's people on the project, and (for its editors) adding one. */
function TeamSection({ project, onChange }: { project: Project; onChange: () => void }) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  return (
    <section aria-labelledby="team">
      <Heading2 id="team">{t("projects.team")}</Heading2>
      {project.team.length ? (
        <ul>
          {project.team.map((m) => (
            <li key={m.id}>
              {m.name} · {t(`teamRole.${m.role}`)}
              {project.abilities.manageTeam ? (
                <Button
                  appearance="subtle-button"
                  onClick={() => api(`/projects/${project.id}/team/${m.id}`, { method: "DELETE" }).then(onChange)}
                >
                  {t("projects.removeFromTeam", { name: m.name })}
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <Paragraph>{t("projects.noTeam")}</Paragraph>
      )}
      {project.abilities.manageTeam && !adding ? (
        <Button appearance="secondary-action-button" onClick={() => setAdding(true)}>
          {t("projects.addToTeam")}
        </Button>
      ) : null}
      {adding ? (
        <TeamForm
          projectId={project.id}
          onDone={() => {
            setAdding(false);
            onChange();
          }}
        />
      ) : null}
    </section>
  );
}

function TeamForm({ projectId, onDone }: { projectId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const staff = useApi<{ items: { id: string; name: string }[] }>("/deployments/staff");
  const [userId, setUserId] = useState("");
  const [role, setRole] = useState("member");
  const { errors, failed, submit } = useFormSubmit(async () => {
    await api(`/projects/${projectId}/team/${userId}`, { method: "PUT", body: { role } });
    onDone();
  });
  return (
    <FormFrame
      id="team-form"
      title={t("projects.addToTeam")}
      failed={failed}
      submitLabel={t("projects.add")}
      onSubmit={submit}
      onCancel={onDone}
      submitDisabled={!userId}
    >
      <ChoiceField
        label={t("deployments.who")}
        value={userId}
        onChange={setUserId}
        empty={t("deployments.choose")}
        options={(staff.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
        error={errors.userId}
      />
      <ChoiceField
        label={t("projects.teamRole")}
        value={role}
        onChange={setRole}
        options={teamRoles.map((r) => ({ value: r, label: t(`teamRole.${r}`) }))}
      />
    </FormFrame>
  );
}

/** Hours on site per participant, planned against done. */
function HoursSection({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const duration = useDuration();
  const hours = useApi<ProjectHours>(`/projects/${projectId}/hours`);
  return (
    <section aria-labelledby="hours">
      <Heading2 id="hours">{t("deployments.hours")}</Heading2>
      {hours.loading && !hours.data ? <Loading /> : null}
      {hours.error ? <ErrorState error={hours.error} onRetry={hours.reload} /> : null}
      {hours.data ? (
        <DataTable
          rows={hours.data.participants}
          rowKey={(h) => h.id}
          empty={t("deployments.noHours")}
          columns={[
            { title: t("projects.organisation"), cell: (h) => h.name },
            { title: t("deployments.planned"), numeric: true, cell: (h) => duration(h.plannedMinutes) },
            { title: t("deployments.done"), numeric: true, cell: (h) => duration(h.doneMinutes) },
          ]}
        />
      ) : null}
    </section>
  );
}

function InviteForm({ projectId, onDone }: { projectId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<{ id: string; name: string }[]>([]);
  const { errors, failed, submit } = useFormSubmit(async () => {
    for (const organisation of chosen)
      await api(`/projects/${projectId}/participants`, { method: "POST", body: { organisationId: organisation.id } });
    onDone();
  });
  return (
    <FormFrame
      id="invite"
      title={t("projects.invite")}
      failed={failed}
      submitLabel={t("projects.sendInvitation")}
      onSubmit={submit}
      onCancel={onDone}
    >
      <OrganisationPicker
        label={t("projects.organisations")}
        description={t("projects.inviteHint")}
        chosen={chosen}
        onChange={setChosen}
        error={errors.organisationId}
      />
    </FormFrame>
  );
}

function MilestoneForm({ projectId, onDone }: { projectId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState("");
  const [dueOn, setDueOn] = useState("");
  const { errors, failed, submit } = useFormSubmit(async () => {
    await api(`/projects/${projectId}/milestones`, { method: "POST", body: { title, dueOn } });
    onDone();
  });
  return (
    <FormFrame
      id="milestone"
      title={t("projects.addMilestone")}
      failed={failed}
      submitLabel={t("projects.add")}
      onSubmit={submit}
      onCancel={onDone}
    >
      <Field label={t("projects.milestone")} error={errors.title}>
        {(p) => <Textbox {...p} value={title} onChange={(e) => setTitle(e.target.value)} />}
      </Field>
      <Field label={t("projects.dueOn")} error={errors.dueOn}>
        {(p) => <Textbox {...p} type="date" value={dueOn} onChange={(e) => setDueOn(e.target.value)} />}
      </Field>
    </FormFrame>
  );
}
