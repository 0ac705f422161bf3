import { Alert, Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../app/api.ts";

/** Shown while data loads; announced politely to screen readers. */
export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p className="samen-loading" role="status" aria-live="polite">
      <span className="samen-spinner" aria-hidden="true" />
      {label ?? t("state.loading")}
    </p>
  );
}

/** An error in words a person can act on, never a stack trace. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  let message = t("state.error.generic");
  if (error instanceof ApiError) {
    if (error.status === 0) message = t("state.error.network");
    else if (error.status === 404) message = t("state.error.notFound");
    else if (error.status === 403) message = t("state.error.forbidden");
    else if (error.status === 401) message = t("state.error.signedOut");
  }
  return (
    <Alert type="error" role="alert">
      <Paragraph>{message}</Paragraph>
      {onRetry ? (
        <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={onRetry}>
          {t("state.retry")}
        </button>
      ) : null}
    </Alert>
  );
}

export function EmptyState({ children }: { children: React.ReactNode }) {
  return <div className="samen-empty">{children}</div>;
}
