import { Heading1, Heading2, Paragraph, Textarea, Textbox } from "@utrecht/component-library-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../app/api.ts";
import { useFormat } from "../../app/format.ts";
import { AppLink } from "../../app/router.tsx";
import { useApi } from "../../app/use-api.ts";
import { useFormSubmit } from "../../app/use-form-submit.ts";
import { DataTable } from "../../components/DataTable.tsx";
import { Field } from "../../components/Field.tsx";
import { FormFrame } from "../../components/FormFrame.tsx";
import { ChoiceField } from "../../components/Selects.tsx";
import { ErrorState, Loading } from "../../components/states.tsx";
import { type Participant, projectStages } from "./types.ts";

/** A participant's own track in a project: where it stands, what the schedule expects, every step with its note. */
export function ParticipantPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const { date } = useFormat();
  const participant = useApi<Participant>(`/project-participants/${id}`);
  const [recording, setRecording] = useState(false);
  if (participant.loading && !participant.data) return <Loading />;
  if (participant.error || !participant.data)
    return <ErrorState error={participant.error} onRetry={participant.reload} />;
  const p = participant.data;
  return (
    <>
      <p className="samen-breadcrumb">
        <AppLink href="/partnerprojecten">{t("module.projects.name")}</AppLink> ·{" "}
        <AppLink href={`/partnerprojecten/${p.project.id}`}>{p.project.name}</AppLink>
      </p>
      <Heading1>{p.organisation.name}</Heading1>
      <Paragraph lead>
        {p.stage ? t("projects.standsAt", { stage: t(`projectStage.${p.stage}`) }) : null}{" "}
        {t("projects.expects", { stage: t(`projectStage.${p.expectedStage}`) })}
        {p.behind ? <span className="samen-badge samen-badge--late">{t("projects.behind")}</span> : null}
      </Paragraph>
      <ol className="samen-track" aria-label={t("projects.track")}>
        {projectStages.map((stage) => (
          <li
            key={stage}
            aria-current={stage === p.stage ? "step" : undefined}
            className={
              p.stage && projectStages.indexOf(stage) <= projectStages.indexOf(p.stage) ? "samen-track--done" : ""
            }
          >
            {t(`projectStage.${stage}`)}
          </li>
        ))}
      </ol>
      <section aria-labelledby="steps">
        <Heading2 id="steps">{t("projects.steps")}</Heading2>
        {p.abilities.recordStep && !recording ? (
          <button
            type="button"
            className="utrecht-button utrecht-button--secondary-action"
            onClick={() => setRecording(true)}
          >
            {t("projects.recordStep")}
          </button>
        ) : null}
        {recording ? (
          <StepForm
            participant={p}
            onDone={(updated) => {
              setRecording(false);
              if (updated) participant.replace(updated, null);
            }}
          />
        ) : null}
        <DataTable
          rows={p.steps}
          rowKey={(s) => s.id}
          empty={t("projects.noSteps")}
          columns={[
            { title: t("projects.reachedOn"), cell: (s) => date(s.reachedOn) },
            { title: t("projects.stage"), cell: (s) => t(`projectStage.${s.stage}`) },
            {
              title: t("projects.note"),
              cell: (s) => (
                <>
                  {s.note ?? "—"}
                  {s.recordedBy ? <span className="samen-hint"> · {s.recordedBy}</span> : null}
                </>
              ),
            },
          ]}
        />
      </section>
    </>
  );
}

function StepForm({ participant, onDone }: { participant: Participant; onDone: (updated?: Participant) => void }) {
  const { t } = useTranslation();
  const [stage, setStage] = useState<string>(participant.stage ?? "intake");
  const [reachedOn, setReachedOn] = useState(new Date().toISOString().slice(0, 10));
  const [note, setNote] = useState("");
  const { errors, failed, submit } = useFormSubmit(async () => {
    const { data } = await api<Participant>(`/project-participants/${participant.id}/steps`, {
      method: "POST",
      body: { stage, reachedOn, note: note.trim() || null },
    });
    onDone(data);
  });
  return (
    <FormFrame
      id="record-step"
      title={t("projects.recordStep")}
      failed={failed}
      submitLabel={t("projects.record")}
      onSubmit={submit}
      onCancel={() => onDone()}
    >
      <ChoiceField
        label={t("projects.stage")}
        value={stage}
        onChange={setStage}
        options={projectStages.map((s) => ({ value: s, label: t(`projectStage.${s}`) }))}
      />
      <Field label={t("projects.reachedOn")} error={errors.reachedOn}>
        {(p) => <Textbox {...p} type="date" value={reachedOn} onChange={(e) => setReachedOn(e.target.value)} />}
      </Field>
      <Field label={t("projects.note")} error={errors.note}>
        {(p) => <Textarea {...p} rows={3} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
    </FormFrame>
  );
}
