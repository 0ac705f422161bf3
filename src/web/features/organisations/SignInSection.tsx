import { Alert, Button, Heading2, Paragraph, Textbox } from "@utrecht/component-library-react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../app/api.ts";
import { useApi } from "../../app/use-api.ts";
import { useFormSubmit } from "../../app/use-form-submit.ts";
import { Field } from "../../components/Field.tsx";
import { ErrorState, Loading } from "../../components/states.tsx";

interface SignInSetup {
  configured: boolean;
  issuer: string | null;
  clientId: string | null;
  enabled: boolean;
  version: number;
  callbackUrl: string;
  abilities: { configure: boolean };
}

/**
 * The organisation's own sign-in through its identity provider (OpenID Connect): its administrators see whether it
 * is on; a platform administrator sets it up here. The client secret is written, never shown.
 */
export function SignInSection({ organisationId }: { organisationId: string }) {
  const { t } = useTranslation();
  const setup = useApi<SignInSetup>(`/organisations/${organisationId}/sign-in`);
  const [issuer, setIssuer] = useState("");
  const [clientId, setClientId] = useState("");
  const [clientSecret, setClientSecret] = useState("");
  const [enabled, setEnabled] = useState(true);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (!setup.data) return;
    setIssuer(setup.data.issuer ?? "");
    setClientId(setup.data.clientId ?? "");
    setEnabled(setup.data.configured ? setup.data.enabled : true);
  }, [setup.data]);
  const { errors, failed, submit } = useFormSubmit(async () => {
    setSaved(false);
    await api(`/organisations/${organisationId}/sign-in`, {
      method: "PUT",
      ifMatch: `"v${setup.data?.version ?? 0}"`,
      body: { issuer, clientId, enabled, ...(clientSecret ? { clientSecret } : {}) },
    });
    setClientSecret("");
    setSaved(true);
    setup.reload();
  });
  if (setup.loading && !setup.data) return <Loading />;
  if (setup.error || !setup.data) return <ErrorState error={setup.error} onRetry={setup.reload} />;
  const s = setup.data;
  return (
    <section aria-labelledby="sign-in-setup">
      <Heading2 id="sign-in-setup">{t("signInSetup.title")}</Heading2>
      <Paragraph>
        {s.configured
          ? s.enabled
            ? t("signInSetup.on", { issuer: s.issuer })
            : t("signInSetup.off", { issuer: s.issuer })
          : t("signInSetup.none")}
      </Paragraph>
      {s.abilities.configure ? (
        <form onSubmit={submit} noValidate className="samen-form" aria-labelledby="sign-in-setup">
          <Paragraph>{t("signInSetup.callback", { url: s.callbackUrl })}</Paragraph>
          {failed ? (
            <Alert type="error" role="alert">
              <Paragraph>{t("state.error.generic")}</Paragraph>
            </Alert>
          ) : null}
          <Field label={t("signInSetup.issuer")} description={t("signInSetup.issuerHelp")} error={errors.issuer}>
            {(props) => <Textbox {...props} type="url" value={issuer} onChange={(e) => setIssuer(e.target.value)} />}
          </Field>
          <Field label={t("signInSetup.clientId")} error={errors.clientId}>
            {(props) => <Textbox {...props} value={clientId} onChange={(e) => setClientId(e.target.value)} />}
          </Field>
          <Field
            label={t("signInSetup.clientSecret")}
            description={s.configured ? t("signInSetup.secretKept") : undefined}
            error={errors.clientSecret}
          >
            {(props) => (
              <Textbox
                {...props}
                type="password"
                autoComplete="off"
                value={clientSecret}
                onChange={(e) => setClientSecret(e.target.value)}
              />
            )}
          </Field>
          <label className="samen-checkbox">
            <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />{" "}
            {t("signInSetup.enabled")}
          </label>
          <div className="samen-actions">
            <Button type="submit" appearance="primary-action-button">
              {t("signInSetup.save")}
            </Button>
          </div>
          {saved ? <Paragraph role="status">{t("signInSetup.saved")}</Paragraph> : null}
        </form>
      ) : null}
    </section>
  );
}
