import { Alert, Button, Heading1, Paragraph, Textbox } from "@utrecht/component-library-react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api, fieldErrors } from "../../app/api.ts";
import { useFormat } from "../../app/format.ts";
import { useLocation } from "../../app/router.tsx";
import { type Session, useSession } from "../../app/session.tsx";
import { Field } from "../../components/Field.tsx";
import { Loading } from "../../components/states.tsx";

interface Invitation {
  organisation: string;
  organisationId: string;
  email: string;
  role: string;
  hasAccount: boolean;
  singleSignOn: boolean;
  expiresAt: string;
}

/**
 * Accepting an invitation from its mail: the token is in the link's fragment (never sent to a server in a URL); a
 * new colleague chooses a name and password, someone with an account confirms with theirs; then they are signed in.
 */
export function InvitationPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { setSession } = useSession();
  const { navigate } = useLocation();
  const [token] = useState(() => new URLSearchParams(window.location.hash.slice(1)).get("token") ?? "");
  const [invitation, setInvitation] = useState<Invitation | null>(null);
  const [invalid, setInvalid] = useState(false);
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!token) {
      setInvalid(true);
      return;
    }
    api<Invitation>("/auth/invitation", { method: "POST", body: { token } })
      .then(({ data }) => setInvitation(data))
      .catch(() => setInvalid(true));
  }, [token]);
  const accept = async (event: React.FormEvent) => {
    event.preventDefault();
    setErrors({});
    setFailed(false);
    try {
      const { data } = await api<Session>("/auth/invitation/accept", {
        method: "POST",
        body: invitation?.hasAccount ? { token, password } : { token, name, password },
      });
      window.history.replaceState(null, "", "/");
      setSession(data);
      navigate("/");
    } catch (error) {
      setErrors(fieldErrors(error));
      setFailed(!(error instanceof ApiError && error.fields.length));
    }
  };
  return (
    <div className="samen-narrow">
      <Heading1>{t("invitation.title")}</Heading1>
      {invalid ? (
        <Alert type="error" role="alert">
          <Paragraph>{t("invitation.invalid")}</Paragraph>
        </Alert>
      ) : !invitation ? (
        <Loading />
      ) : (
        <form onSubmit={accept} noValidate>
          <Paragraph>
            {t("invitation.intro", {
              organisation: invitation.organisation,
              role: t(`role.${invitation.role}`),
              date: format.date(invitation.expiresAt.slice(0, 10)),
            })}
          </Paragraph>
          <Paragraph>
            {invitation.hasAccount
              ? t("invitation.hasAccount", { email: invitation.email })
              : t("invitation.newAccount", { email: invitation.email })}
          </Paragraph>
          {failed ? (
            <Alert type="error" role="alert">
              <Paragraph>{t("state.error.generic")}</Paragraph>
            </Alert>
          ) : null}
          {errors.token ? (
            <Alert type="error" role="alert">
              <Paragraph>{errors.token}</Paragraph>
            </Alert>
          ) : null}
          {invitation.singleSignOn ? (
            <div className="samen-sso">
              <a
                className="utrecht-button utrecht-button--primary-action samen-button-link"
                href={`/api/auth/oidc/organisations/${invitation.organisationId}/start?invitation=${encodeURIComponent(token)}`}
              >
                {t("invitation.viaOrganisation", { organisation: invitation.organisation })}
              </a>
              <Paragraph>{t("invitation.orPassword")}</Paragraph>
            </div>
          ) : null}
          {invitation.hasAccount ? null : (
            <Field label={t("invitation.name")} error={errors.name}>
              {(props) => (
                <Textbox {...props} autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} />
              )}
            </Field>
          )}
          <Field
            label={invitation.hasAccount ? t("invitation.yourPassword") : t("invitation.newPassword")}
            description={invitation.hasAccount ? undefined : t("invitation.passwordHint")}
            error={errors.password}
          >
            {(props) => (
              <Textbox
                {...props}
                type="password"
                autoComplete={invitation.hasAccount ? "current-password" : "new-password"}
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            )}
          </Field>
          <div className="samen-actions">
            <Button type="submit" appearance="primary-action-button">
              {t("invitation.accept")}
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
