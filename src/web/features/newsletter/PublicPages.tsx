import { Button, Heading1, Paragraph, Textbox } from "@utrecht/component-library-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api } from "../../app/api.ts";
import { useFormat } from "../../app/format.ts";
import { AppLink } from "../../app/router.tsx";
import { useApi } from "../../app/use-api.ts";
import { useFormSubmit } from "../../app/use-form-submit.ts";
import { DataTable } from "../../components/DataTable.tsx";
import { Field } from "../../components/Field.tsx";
import { FormFrame } from "../../components/FormFrame.tsx";
import { ErrorState, Loading } from "../../components/states.tsx";

/** The subscriber and token from a link in a mail (`#s=…&t=…`): in the fragment, so they never reach a log. */
const fromLink = () => {
  const params = new URLSearchParams(window.location.hash.slice(1));
  return { id: params.get("s") ?? "", token: params.get("t") ?? "" };
};

function LinkAction({ kind }: { kind: "confirm" | "unsubscribe" }) {
  const { t } = useTranslation();
  const words =
    kind === "confirm"
      ? {
          title: t("newsletter.confirmTitle"),
          lead: t("newsletter.confirmLead"),
          button: t("newsletter.confirmButton"),
          done: t("newsletter.confirmDone"),
          invalid: t("newsletter.confirmInvalid"),
          failed: t("newsletter.confirmFailed"),
        }
      : {
          title: t("newsletter.unsubscribeTitle"),
          lead: t("newsletter.unsubscribeLead"),
          button: t("newsletter.unsubscribeButton"),
          done: t("newsletter.unsubscribeDone"),
          invalid: t("newsletter.unsubscribeInvalid"),
          failed: t("newsletter.unsubscribeFailed"),
        };
  const [state, setState] = useState<"ready" | "done" | "invalid" | "failed">("ready");
  const [busy, setBusy] = useState(false);
  const { id, token } = fromLink();
  const act = async () => {
    setBusy(true);
    try {
      if (kind === "confirm") await api(`/newsletter-subscriptions/${id}/confirm`, { method: "POST", body: { token } });
      else await api(`/newsletter-subscriptions/${id}/unsubscribe?t=${encodeURIComponent(token)}`, { method: "POST" });
      setState("done");
    } catch (error) {
      setState(error instanceof ApiError && (error.status === 404 || error.status === 400) ? "invalid" : "failed");
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Heading1>{words.title}</Heading1>
      {state === "ready" ? (
        <>
          <Paragraph>{words.lead}</Paragraph>
          <Button appearance="primary-action-button" disabled={busy || !id || !token} onClick={act}>
            {words.button}
          </Button>
        </>
      ) : (
        <p role="status" className="utrecht-paragraph">
          {words[state]}
        </p>
      )}
    </>
  );
}

export const ConfirmPage = () => <LinkAction kind="confirm" />;
export const UnsubscribePage = () => <LinkAction kind="unsubscribe" />;

/** A provider's sent issues, and a form to subscribe: open to anyone. */
export function ArchivePage({ providerId }: { providerId: string }) {
  const { t } = useTranslation();
  const { date } = useFormat();
  const archive = useApi<{
    provider: { id: string; name: string };
    items: { id: string; subject: string; sentAt: string }[];
  }>(`/newsletters/${providerId}/archive`);
  if (archive.loading && !archive.data) return <Loading />;
  if (archive.error || !archive.data) return <ErrorState error={archive.error} onRetry={archive.reload} />;
  return (
    <>
      <Heading1>{t("newsletter.archiveTitle", { provider: archive.data.provider.name })}</Heading1>
      <p>
        <a className="utrecht-link" href={`/api/newsletters/${providerId}/feed.atom`}>
          {t("newsletter.feed")}
        </a>
      </p>
      <DataTable
        rows={archive.data.items}
        rowKey={(i) => i.id}
        empty={t("newsletter.noArchive")}
        columns={[
          {
            title: t("newsletter.subject"),
            cell: (i) => <AppLink href={`/nieuwsbrief/archief/${i.id}`}>{i.subject}</AppLink>,
          },
          { title: t("newsletter.sentAt"), cell: (i) => date(i.sentAt.slice(0, 10)) },
        ]}
      />
      <SubscribeForm providerId={providerId} />
    </>
  );
}

function SubscribeForm({ providerId }: { providerId: string }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState("");
  const [done, setDone] = useState(false);
  const { errors, failed, submit } = useFormSubmit(async () => {
    await api(`/newsletters/${providerId}/subscribe`, { method: "POST", body: { email, name: null } });
    setDone(true);
  });
  if (done)
    return (
      <p role="status" className="utrecht-paragraph">
        {t("newsletter.subscribeDone")}
      </p>
    );
  return (
    <FormFrame
      id="subscribe"
      title={t("newsletter.subscribe")}
      failed={failed}
      submitLabel={t("newsletter.subscribeButton")}
      onSubmit={submit}
      onCancel={() => setEmail("")}
    >
      <Field label={t("newsletter.email")} error={errors.email}>
        {(p) => (
          <Textbox {...p} type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} />
        )}
      </Field>
    </FormFrame>
  );
}

/** A sent issue as it was mailed, without anyone's personal links. */
export function ArchiveIssuePage({ id }: { id: string }) {
  const { t } = useTranslation();
  const { date } = useFormat();
  const issue = useApi<{ provider: { id: string; name: string }; subject: string; sentAt: string; html: string }>(
    `/newsletter-archive/${id}`,
  );
  if (issue.loading && !issue.data) return <Loading />;
  if (issue.error || !issue.data) return <ErrorState error={issue.error} onRetry={issue.reload} />;
  return (
    <>
      <p className="samen-breadcrumb">
        <AppLink href={`/nieuwsbrief/aanbieder/${issue.data.provider.id}`}>
          {t("newsletter.archiveTitle", { provider: issue.data.provider.name })}
        </AppLink>
      </p>
      <Heading1>{issue.data.subject}</Heading1>
      <p className="samen-hint">{date(issue.data.sentAt.slice(0, 10))}</p>
      <iframe title={issue.data.subject} className="samen-mail-preview" sandbox="" srcDoc={issue.data.html} />
    </>
  );
}
