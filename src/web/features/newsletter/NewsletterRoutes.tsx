import { Button, Heading1, Heading2, Paragraph, Textbox } from "@utrecht/component-library-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../app/api.ts";
import { useFormat } from "../../app/format.ts";
import { AppLink, matchPath, useLocation } from "../../app/router.tsx";
import { useSession } from "../../app/session.tsx";
import { useApi } from "../../app/use-api.ts";
import { useFormSubmit } from "../../app/use-form-submit.ts";
import { DataTable } from "../../components/DataTable.tsx";
import { Field } from "../../components/Field.tsx";
import { FormFrame } from "../../components/FormFrame.tsx";
import { EmptyState, ErrorState, Loading } from "../../components/states.tsx";
import { IssuePage } from "./IssuePage.tsx";
import { ArchiveIssuePage, ArchivePage, ConfirmPage, UnsubscribePage } from "./PublicPages.tsx";
import type { Issue, Subscriber } from "./types.ts";

/** The newsletter: the provider's own page, an issue being made, and the pages reached from a mail. */
export default function NewsletterRoutes() {
  const { path } = useLocation();
  if (matchPath("/nieuwsbrief/bevestigen", path)) return <ConfirmPage />;
  if (matchPath("/nieuwsbrief/afmelden", path)) return <UnsubscribePage />;
  const archived = matchPath("/nieuwsbrief/archief/:id", path);
  if (archived?.id) return <ArchiveIssuePage key={archived.id} id={archived.id} />;
  const archive = matchPath("/nieuwsbrief/aanbieder/:id", path);
  if (archive?.id) return <ArchivePage key={archive.id} providerId={archive.id} />;
  const issue = matchPath("/nieuwsbrief/nummer/:id", path);
  if (issue?.id) return <IssuePage key={issue.id} id={issue.id} />;
  return <NewsletterPage />;
}

function NewsletterPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const { date } = useFormat();
  const providerId = session?.activeOrganisation?.id ?? null;
  const issues = useApi<{ items: Issue[] }>(providerId ? `/newsletters/${providerId}/issues` : null);
  const subscribers = useApi<{ items: Subscriber[]; counts: Record<string, number> }>(
    providerId ? `/newsletters/${providerId}/subscribers` : null,
  );
  const [adding, setAdding] = useState(false);
  const [composing, setComposing] = useState(false);
  const mayManage = session?.activeOrganisation?.role === "editor" || session?.activeOrganisation?.role === "admin";
  if (!providerId)
    return (
      <>
        <Heading1>{t("module.newsletter.name")}</Heading1>
        <EmptyState>
          <Paragraph>{t("newsletter.chooseOrganisation")}</Paragraph>
        </EmptyState>
      </>
    );
  return (
    <>
      <Heading1>{t("module.newsletter.name")}</Heading1>
      <Paragraph lead>{t("newsletter.intro")}</Paragraph>
      <p>
        <AppLink href={`/nieuwsbrief/aanbieder/${providerId}`}>{t("newsletter.archiveLink")}</AppLink>
      </p>
      <section aria-labelledby="issues">
        <Heading2 id="issues">{t("newsletter.issues")}</Heading2>
        {mayManage && !composing ? (
          <Button appearance="secondary-action-button" onClick={() => setComposing(true)}>
            {t("newsletter.compose")}
          </Button>
        ) : null}
        {composing ? <ComposeForm providerId={providerId} onCancel={() => setComposing(false)} /> : null}
        {issues.loading && !issues.data ? <Loading /> : null}
        {issues.error ? <ErrorState error={issues.error} onRetry={issues.reload} /> : null}
        {issues.data ? (
          <DataTable
            rows={issues.data.items}
            rowKey={(i) => i.id}
            empty={t("newsletter.noIssues")}
            columns={[
              {
                title: t("newsletter.subject"),
                cell: (i) => <AppLink href={`/nieuwsbrief/nummer/${i.id}`}>{i.subject}</AppLink>,
              },
              { title: t("newsletter.status"), cell: (i) => t(`issueStatus.${i.status}`) },
              { title: t("newsletter.sentAt"), cell: (i) => (i.sentAt ? date(i.sentAt.slice(0, 10)) : "—") },
            ]}
          />
        ) : null}
      </section>
      <section aria-labelledby="subscribers">
        <Heading2 id="subscribers">{t("newsletter.subscribers")}</Heading2>
        {subscribers.data ? (
          <Paragraph>
            {t("newsletter.counts", {
              confirmed: subscribers.data.counts.confirmed ?? 0,
              unconfirmed: subscribers.data.counts.unconfirmed ?? 0,
              unsubscribed: subscribers.data.counts.unsubscribed ?? 0,
            })}
          </Paragraph>
        ) : null}
        {mayManage && !adding ? (
          <Button appearance="secondary-action-button" onClick={() => setAdding(true)}>
            {t("newsletter.addSubscriber")}
          </Button>
        ) : null}
        {adding ? (
          <AddSubscriberForm
            providerId={providerId}
            onDone={() => {
              setAdding(false);
              subscribers.reload();
            }}
          />
        ) : null}
        {subscribers.loading && !subscribers.data ? <Loading /> : null}
        {subscribers.error ? <ErrorState error={subscribers.error} onRetry={subscribers.reload} /> : null}
        {subscribers.data ? (
          <DataTable
            rows={subscribers.data.items}
            rowKey={(s) => s.id}
            empty={t("newsletter.noSubscribers")}
            columns={[
              { title: t("newsletter.email"), cell: (s) => s.email },
              { title: t("newsletter.name"), cell: (s) => s.name ?? "—" },
              { title: t("newsletter.organisation"), cell: (s) => s.organisation?.name ?? "—" },
              { title: t("newsletter.status"), cell: (s) => t(`subscriberStatus.${s.status}`) },
            ]}
          />
        ) : null}
      </section>
    </>
  );
}

function ComposeForm({ providerId, onCancel }: { providerId: string; onCancel: () => void }) {
  const { t } = useTranslation();
  const { navigate } = useLocation();
  const [month, setMonth] = useState(new Date().toISOString().slice(0, 7));
  const { errors, failed, submit } = useFormSubmit(async () => {
    const { data } = await api<Issue>(`/newsletters/${providerId}/issues`, { method: "POST", body: { month } });
    navigate(`/nieuwsbrief/nummer/${data.id}`);
  });
  return (
    <FormFrame
      id="compose"
      title={t("newsletter.compose")}
      failed={failed}
      submitLabel={t("newsletter.composeSubmit")}
      onSubmit={submit}
      onCancel={onCancel}
    >
      <Field label={t("newsletter.month")} description={t("newsletter.monthHint")} error={errors.month}>
        {(p) => <Textbox {...p} type="month" value={month} onChange={(e) => setMonth(e.target.value)} />}
      </Field>
    </FormFrame>
  );
}

function AddSubscriberForm({ providerId, onDone }: { providerId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const { errors, failed, submit } = useFormSubmit(async () => {
    await api(`/newsletters/${providerId}/subscribers`, {
      method: "POST",
      body: { email, name: name.trim() || null },
    });
    onDone();
  });
  return (
    <FormFrame
      id="add-subscriber"
      title={t("newsletter.addSubscriber")}
      failed={failed}
      submitLabel={t("newsletter.add")}
      onSubmit={submit}
      onCancel={onDone}
    >
      <Paragraph>{t("newsletter.addHint")}</Paragraph>
      <Field label={t("newsletter.email")} error={errors.email}>
        {(p) => (
          <Textbox {...p} type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} />
        )}
      </Field>
      <Field label={t("newsletter.nameOptional")} error={errors.name}>
        {(p) => <Textbox {...p} value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
    </FormFrame>
  );
}
