import { Alert, Button, Heading1, Paragraph, Textbox } from "@utrecht/component-library-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api } from "../../app/api.ts";
import { AppLink } from "../../app/router.tsx";
import { Field } from "../../components/Field.tsx";

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [email, setEmail] = useState("");
  const [state, setState] = useState<"idle" | "busy" | "sent" | "error">("idle");
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setState("busy");
    try {
      await api("/auth/password-reset", { method: "POST", body: { email } });
      setState("sent");
    } catch {
      setState("error");
    }
  };
  return (
    <div className="samen-narrow">
      <Heading1>{t("forgot.title")}</Heading1>
      {state === "sent" ? (
        <Alert type="ok" role="status">
          <Paragraph>{t("forgot.sent")}</Paragraph>
        </Alert>
      ) : (
        <form onSubmit={submit} noValidate>
          <Paragraph>{t("forgot.intro")}</Paragraph>
          {state === "error" ? (
            <Alert type="error" role="alert">
              <Paragraph>{t("forgot.error")}</Paragraph>
            </Alert>
          ) : null}
          <Field label={t("signIn.email")}>
            {(props) => (
              <Textbox
                {...props}
                type="email"
                autoComplete="username"
                required
                value={email}
                onChange={(e) => setEmail(e.target.value)}
              />
            )}
          </Field>
          <div className="samen-actions">
            <Button type="submit" appearance="primary-action-button" disabled={state === "busy"}>
              {t("forgot.submit")}
            </Button>
          </div>
        </form>
      )}
      <Paragraph>
        <AppLink href="/aanmelden" className="utrecht-link">
          {t("forgot.back")}
        </AppLink>
      </Paragraph>
    </div>
  );
}

export function ResetPasswordPage() {
  const { t } = useTranslation();
  const token = new URLSearchParams(window.location.hash.slice(1)).get("token") ?? "";
  const [password, setPassword] = useState("");
  const [state, setState] = useState<"idle" | "busy" | "done">("idle");
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setState("busy");
    setError(null);
    try {
      await api("/auth/password-reset/confirm", { method: "POST", body: { token, password } });
      setState("done");
    } catch (e) {
      const field = e instanceof ApiError ? e.fields[0]?.field : undefined;
      setError(field?.endsWith("password") ? t("reset.tooShort") : t("reset.invalidLink"));
      setState("idle");
    }
  };
  return (
    <div className="samen-narrow">
      <Heading1>{t("reset.title")}</Heading1>
      {state === "done" ? (
        <Alert type="ok" role="status">
          <Paragraph>
            {t("reset.done")}{" "}
            <AppLink href="/aanmelden" className="utrecht-link">
              {t("reset.signIn")}
            </AppLink>
          </Paragraph>
        </Alert>
      ) : (
        <form onSubmit={submit} noValidate>
          {error ? (
            <Alert type="error" role="alert">
              <Paragraph>{error}</Paragraph>
            </Alert>
          ) : null}
          <Field label={t("reset.password")} description={t("reset.rule")}>
            {(props) => (
              <Textbox
                {...props}
                type="password"
                autoComplete="new-password"
                required
                minLength={12}
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            )}
          </Field>
          <div className="samen-actions">
            <Button type="submit" appearance="primary-action-button" disabled={state === "busy" || !token}>
              {t("reset.submit")}
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
