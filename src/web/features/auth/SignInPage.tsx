import { Alert, Button, Heading1, Paragraph, Textbox } from "@utrecht/component-library-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api } from "../../app/api.ts";
import { AppLink, useLocation } from "../../app/router.tsx";
import { type Session, useSession } from "../../app/session.tsx";
import { useApi } from "../../app/use-api.ts";
import { Field } from "../../components/Field.tsx";

export function SignInPage() {
  const { t, i18n } = useTranslation();
  const { setSession } = useSession();
  const { navigate, path } = useLocation();
  const providers = useApi<{
    password: boolean;
    oidc: boolean;
    organisations: { id: string; name: string }[];
    demo: boolean;
    demoAccounts: { email: string; persona: { nl: string; en: string } }[];
  }>("/auth/providers");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const params = new URLSearchParams(path.split("?")[1] ?? "");
  const back = params.get("terug");
  const ssoFailed = params.get("fout") === "sso";
  const ssoWithoutRole = params.get("fout") === "sso-geen-rol";

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { data } = await api<Session>("/auth/sign-in", { method: "POST", body: { email, password } });
      setSession(data);
      navigate(back?.startsWith("/") && !back.startsWith("//") ? back : "/");
    } catch (e) {
      setError(
        e instanceof ApiError && e.status === 429
          ? t("signIn.tooMany")
          : e instanceof ApiError && (e.status === 401 || e.status === 400)
            ? t("signIn.invalid")
            : t("state.error.generic"),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="samen-narrow">
      <Heading1>{t("signIn.title")}</Heading1>
      <Paragraph lead>{t("signIn.intro")}</Paragraph>
      {ssoFailed ? (
        <Alert type="error" role="alert">
          <Paragraph>{t("signIn.ssoFailed")}</Paragraph>
        </Alert>
      ) : null}
      {ssoWithoutRole ? (
        <Alert type="error" role="alert">
          <Paragraph>{t("signIn.ssoWithoutRole")}</Paragraph>
        </Alert>
      ) : null}
      {error ? (
        <Alert type="error" role="alert">
          <Paragraph>{error}</Paragraph>
        </Alert>
      ) : null}
      <form onSubmit={submit} noValidate>
        <Field label={t("signIn.email")}>
          {(props) => (
            <Textbox
              {...props}
              type="email"
              name="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          )}
        </Field>
        <Field label={t("signIn.password")}>
          {(props) => (
            <Textbox
              {...props}
              type="password"
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        <div className="samen-actions">
          <Button type="submit" appearance="primary-action-button" disabled={busy} aria-busy={busy}>
            {busy ? t("signIn.busy") : t("signIn.submit")}
          </Button>
          <AppLink href="/wachtwoord-vergeten" className="utrecht-link">
            {t("signIn.forgot")}
          </AppLink>
        </div>
      </form>
      {providers.data?.oidc ? (
        <div className="samen-sso">
          <Paragraph>{t("signIn.orSso")}</Paragraph>
          <a className="utrecht-button utrecht-button--secondary-action samen-button-link" href="/api/auth/oidc/start">
            {t("signIn.sso")}
          </a>
        </div>
      ) : null}
      {providers.data?.organisations.length ? (
        <div className="samen-sso">
          <Paragraph>{t("signIn.orOrganisation")}</Paragraph>
          <ul className="samen-plain-list">
            {providers.data.organisations.map((o) => (
              <li key={o.id}>
                <a
                  className="utrecht-button utrecht-button--secondary-action samen-button-link"
                  href={`/api/auth/oidc/organisations/${o.id}/start`}
                >
                  {t("signIn.viaOrganisation", { organisation: o.name })}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {providers.data?.demo ? (
        <Alert type="info">
          <Paragraph>{t("signIn.demo")}</Paragraph>
          <ul className="samen-demo-accounts">
            {providers.data.demoAccounts.map((a) => (
              <li key={a.email}>
                <code>{a.email}</code>: {i18n.language === "en" ? a.persona.en : a.persona.nl}
              </li>
            ))}
          </ul>
          <Paragraph>
            {t("signIn.demoPassword")} <code>samen-demo-2026</code>
          </Paragraph>
        </Alert>
      ) : null}
    </div>
  );
}
