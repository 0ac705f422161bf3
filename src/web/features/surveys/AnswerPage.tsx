import { Alert, Button, Heading1, Heading2, Paragraph } from "@utrecht/component-library-react";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Model, settings } from "survey-core";
import "survey-core/i18n/dutch";
// Without the web font it would fetch from a third party (refused by the Content-Security-Policy): the page font.
import "survey-core/survey-core.fontless.css";
import { Survey as SurveyForm } from "survey-react-ui";
import { surveyLocale } from "../../../platform/survey-locale.ts";
import { ApiError, api } from "../../app/api.ts";
import { useFormat } from "../../app/format.ts";
import { AppLink, useLocation } from "../../app/router.tsx";
import { useSession } from "../../app/session.tsx";
import { useApi } from "../../app/use-api.ts";
import { ErrorState, Loading } from "../../components/states.tsx";
import { showHtmlAsText, textOfHtml } from "./plain-html-question.ts";
import { samenSurveyTheme } from "./survey-theme.ts";
import type { ResponseState, Survey } from "./types.ts";

showHtmlAsText();

/**
 * An invited organisation's answer: officials draft it together (each change is saved, and a colleague's change
 * in between is noticed, not overwritten), an administrator approves and submits it. Loaded with the survey
 * library only on this page.
 */
export default function AnswerPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const { path } = useLocation();
  const { session, switchOrganisation } = useSession();
  // The invitation's link names the organisation it is for: a person who acts for several answers as that one.
  const forId = new URLSearchParams(path.split("?")[1] ?? "").get("voor");
  const invitedAs = forId ? session?.organisations.find((o) => o.id === forId) : undefined;
  const mustSwitch = !!invitedAs && session?.activeOrganisation?.id !== invitedAs.id;
  const [switchFailed, setSwitchFailed] = useState(false);
  useEffect(() => {
    if (mustSwitch && invitedAs) switchOrganisation(invitedAs.id).catch(() => setSwitchFailed(true));
  }, [mustSwitch, invitedAs, switchOrganisation]);
  if (switchFailed) return <ErrorState error={new Error(t("answer.switchFailed"))} />;
  if (mustSwitch) return <Loading />;
  if (forId && !invitedAs && session && !session.user.isPlatformAdmin) {
    return (
      <Alert type="warning">
        <Paragraph>{t("answer.notYourOrganisation")}</Paragraph>
      </Alert>
    );
  }
  return <Answer id={id} organisation={session?.activeOrganisation?.name ?? ""} />;
}

function Answer({ id, organisation }: { id: string; organisation: string }) {
  const { t } = useTranslation();
  const survey = useApi<Survey>(`/surveys/${id}`);
  const response = useApi<ResponseState>(`/surveys/${id}/response`);
  if ((survey.loading && !survey.data) || (response.loading && !response.data)) return <Loading />;
  if (survey.error || !survey.data) return <ErrorState error={survey.error} onRetry={survey.reload} />;
  if (response.error || !response.data) return <ErrorState error={response.error} onRetry={response.reload} />;
  return (
    <>
      <p className="samen-breadcrumb">
        <AppLink href="/enquetes" className="utrecht-link">
          {t("module.surveys.name")}
        </AppLink>
      </p>
      <Heading1>{survey.data.title}</Heading1>
      <Paragraph lead>{t("answer.answeringFor", { organisation })}</Paragraph>
      <WhatIsKept survey={survey.data} />
      <AnswerForm key={response.data.status} survey={survey.data} initial={response.data} onChanged={response.reload} />
    </>
  );
}

function WhatIsKept({ survey }: { survey: Survey }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section aria-labelledby="kept" className="samen-hint-box">
      <Heading2 id="kept">{t("answer.whatIsKept")}</Heading2>
      <Paragraph>{t("answer.onePerOrganisation")}</Paragraph>
      <Paragraph>
        {survey.anonymous
          ? t("answer.anonymous", { n: survey.minGroupSize })
          : t("answer.notAnonymous", { n: survey.minGroupSize })}
      </Paragraph>
      {survey.deadline ? <Paragraph>{t("answer.deadline", { date: format.date(survey.deadline) })}</Paragraph> : null}
    </section>
  );
}

// Questions that appear and disappear do so without movement for whoever asked their system for less motion.
if (typeof window !== "undefined" && window.matchMedia?.("(prefers-reduced-motion: reduce)").matches)
  settings.animationEnabled = false;

function AnswerForm({ survey, initial, onChanged }: { survey: Survey; initial: ResponseState; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const version = useRef(initial.version);
  const [state, setState] = useState<"idle" | "saving" | "saved" | "conflict" | "failed">("idle");
  const [problems, setProblems] = useState<{ field: string; message: string }[]>([]);
  const [submitted, setSubmitted] = useState(initial.status === "submitted");
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const [onLastPage, setOnLastPage] = useState(true);
  const model = useMemo(() => {
    const m = new Model(survey.definition);
    m.applyTheme(samenSurveyTheme);
    m.locale = surveyLocale(survey.locales, i18n.language === "en" ? "en" : "nl");
    m.data = initial.data;
    m.checkErrorsMode = "onComplete";
    // Text is the form's as it is typed (saved once typing pauses), not only when the field is left: what is typed
    // just before "approve and submit" is part of what is submitted.
    m.textUpdateMode = "onTyping";
    m.showCompleteButton = false;
    m.showCompletedPage = false;
    // Any other HTML the definition carries (completed and loading pages) is shown as its text, escaped.
    m.onProcessHtml.add((_, options) => {
      const text = textOfHtml(options.html);
      options.html = text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
    });
    m.mode = initial.status === "submitted" || !initial.abilities.draft ? "display" : "edit";
    return m;
  }, [survey.definition, survey.locales, initial, i18n.language]);

  // What the server holds, and the save on its way there: submitting waits for it and sends what is newer.
  const savedData = useRef(JSON.stringify(initial.data ?? {}));
  const saving = useRef<Promise<boolean> | null>(null);
  const save = async (): Promise<boolean> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (saving.current) await saving.current;
    const data = model.data;
    setState("saving");
    const request = (async () => {
      try {
        const { data: saved } = await api<{ version: number }>(`/surveys/${survey.id}/response`, {
          method: "PUT",
          body: { data },
          ifMatch: `"v${version.current}"`,
        });
        version.current = saved.version;
        savedData.current = JSON.stringify(data);
        setState("saved");
        return true;
      } catch (error) {
        setState(error instanceof ApiError && error.status === 412 ? "conflict" : "failed");
        return false;
      }
    })();
    saving.current = request;
    try {
      return await request;
    } finally {
      if (saving.current === request) saving.current = null;
    }
  };

  // Approving and submitting is offered where the answers end: on the last page.
  useEffect(() => {
    const paged = () => setOnLastPage(model.isLastPage || model.visiblePages.length <= 1);
    paged();
    model.onCurrentPageChanged.add(paged);
    return () => model.onCurrentPageChanged.remove(paged);
  }, [model]);

  /** A problem's question by its title, as the form shows it ("office[2].desks": the repeat's title, then the question's). */
  const titleOf = (field: string) =>
    field
      .split(".")
      .map((part) => {
        const [name = part, index] = part.split(/\[|\]/);
        const title = model.getQuestionByName(name)?.processedTitle ?? name;
        return index ? `${title} ${index}` : title;
      })
      .join(" › ");

  // Each change is saved once typing pauses. Registered once per form: a re-render never drops a pending save.
  const latestSave = useRef(save);
  latestSave.current = save;
  useEffect(() => {
    const changed = () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void latestSave.current(), 800);
    };
    model.onValueChanged.add(changed);
    return () => {
      model.onValueChanged.remove(changed);
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    };
  }, [model]);

  const submit = async () => {
    setProblems([]);
    // What is not saved yet (text is the form's as it is typed) is saved first.
    if (saving.current) await saving.current;
    // As the survey library does when a form is completed: answers to questions no longer asked are taken away
    // (the server refuses them rather than drop them unsaid).
    for (const question of model.getAllQuestions()) question.clearValueIfInvisible("onComplete");
    if ((timer.current || JSON.stringify(model.data) !== savedData.current) && !(await save())) return;
    try {
      await api(`/surveys/${survey.id}/response/submit`, { method: "POST", ifMatch: `"v${version.current}"` });
      setSubmitted(true);
      onChanged();
    } catch (error) {
      if (error instanceof ApiError && error.fields.length) {
        setProblems(error.fields);
        for (const f of error.fields) model.getQuestionByName(f.field)?.addError(f.message);
      } else setState("failed");
    }
  };

  const reopen = async () => {
    await api(`/surveys/${survey.id}/response/reopen`, { method: "POST", ifMatch: `"v${version.current}"` });
    onChanged();
  };

  return (
    <section aria-labelledby="answer">
      <Heading2 id="answer">{t("answer.title")}</Heading2>
      <p className="samen-hint" aria-live="polite">
        {submitted
          ? t("answer.submitted", { by: initial.submittedBy ?? "" })
          : state === "saving"
            ? t("answer.saving")
            : state === "saved"
              ? t("answer.saved")
              : initial.lastEditedBy
                ? t("answer.lastEdited", { by: initial.lastEditedBy })
                : t("answer.notStarted")}
      </p>
      {state === "conflict" ? (
        <Alert type="warning" role="alert">
          <Paragraph>{t("answer.conflict")}</Paragraph>
          <Button appearance="secondary-action-button" onClick={onChanged}>
            {t("answer.loadTheirs")}
          </Button>
        </Alert>
      ) : null}
      {state === "failed" ? (
        <Alert type="error" role="alert">
          <Paragraph>{t("answer.failed")}</Paragraph>
        </Alert>
      ) : null}
      {problems.length ? (
        <Alert type="error" role="alert">
          <Paragraph>{t("answer.problems", { count: problems.length })}</Paragraph>
          <ul>
            {problems.map((p) => (
              <li key={`${p.field}-${p.message}`}>
                {titleOf(p.field)}: {p.message}
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
      <SurveyForm model={model} />
      <div className="samen-actions">
        {!submitted && initial.abilities.draft ? (
          <Button appearance="secondary-action-button" onClick={() => void save()}>
            {t("answer.saveNow")}
          </Button>
        ) : null}
        {!submitted && initial.abilities.submit && onLastPage ? (
          <Button appearance="primary-action-button" onClick={() => void submit()}>
            {t("answer.submit")}
          </Button>
        ) : null}
        {!submitted && initial.abilities.submit && !onLastPage ? (
          <Paragraph className="samen-hint">{t("answer.submitAtEnd")}</Paragraph>
        ) : null}
        {!submitted && initial.abilities.draft && !initial.abilities.submit ? (
          <Paragraph className="samen-hint">{t("answer.adminSubmits")}</Paragraph>
        ) : null}
        {submitted ? (
          <AppLink href={`/enquetes/${survey.id}/vergelijking`} className="utrecht-link">
            {t("benchmark.link")}
          </AppLink>
        ) : null}
        {submitted && initial.abilities.reopen ? (
          <Button appearance="secondary-action-button" onClick={() => void reopen()}>
            {t("answer.reopen")}
          </Button>
        ) : null}
      </div>
    </section>
  );
}
