import { Alert, Button, Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";

/**
 * A form that sends one request: its heading, the failure in words (field errors stand at their fields), the
 * fields, and submit and cancel.
 */
export function FormFrame(props: {
  id: string;
  title: string;
  failed: boolean;
  submitLabel: string;
  onSubmit: (event: React.FormEvent) => void;
  onCancel: () => void;
  submitDisabled?: boolean;
  children: React.ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <form onSubmit={props.onSubmit} noValidate className="samen-form" aria-labelledby={props.id}>
      <h3 id={props.id} className="utrecht-heading-3">
        {props.title}
      </h3>
      {props.failed ? (
        <Alert type="error" role="alert">
          <Paragraph>{t("state.error.generic")}</Paragraph>
        </Alert>
      ) : null}
      {props.children}
      <div className="samen-actions">
        <Button type="submit" appearance="primary-action-button" disabled={props.submitDisabled}>
          {props.submitLabel}
        </Button>
        <Button appearance="subtle-button" onClick={props.onCancel}>
          {t("organisation.cancel")}
        </Button>
      </div>
    </form>
  );
}
