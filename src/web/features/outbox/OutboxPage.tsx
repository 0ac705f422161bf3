import { Heading1, Heading2, Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../app/format.ts";
import { useApi } from "../../app/use-api.ts";
import { EmptyState, ErrorState, Loading } from "../../components/states.tsx";

interface Mail {
  id: string;
  to: string;
  subject: string;
  text: string;
  createdAt: string;
  sentAt: string | null;
}

/** The outbox: in the demo, the mails that would have been sent to you. */
export function OutboxPage() {
  const { t } = useTranslation();
  const mails = useApi<{ items: Mail[] }>("/mails?limit=50");
  const { moment } = useFormat();
  return (
    <>
      <Heading1>{t("outbox.title")}</Heading1>
      <Paragraph lead>{t("outbox.intro")}</Paragraph>
      {mails.loading ? <Loading /> : null}
      {mails.error ? <ErrorState error={mails.error} onRetry={mails.reload} /> : null}
      {mails.data && mails.data.items.length === 0 ? (
        <EmptyState>
          <Paragraph>{t("outbox.none")}</Paragraph>
        </EmptyState>
      ) : null}
      {mails.data?.items.map((mail) => (
        <article key={mail.id} className="samen-mail">
          <Heading2>{mail.subject}</Heading2>
          <Paragraph>
            {t("outbox.to", { to: mail.to })} · {moment(mail.createdAt)}
          </Paragraph>
          <pre className="samen-mail__text">{mail.text}</pre>
        </article>
      ))}
    </>
  );
}
