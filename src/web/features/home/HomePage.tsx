import { Heading1, Heading2, Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { modules } from "../../app/modules.ts";
import { AppLink } from "../../app/router.tsx";
import { useSession } from "../../app/session.tsx";
import { OwnSessions } from "./OwnSessions.tsx";

export function HomePage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const active = session?.activeOrganisation;
  return (
    <>
      <Heading1>{t("home.title", { name: session?.user.name ?? "" })}</Heading1>
      <Paragraph lead>
        {active ? t("home.actingFor", { organisation: active.name }) : t("home.noOrganisation")}
      </Paragraph>
      {active ? (
        <Paragraph>
          <AppLink href={`/organisaties/${active.id}`} className="utrecht-link">
            {t("home.ownPage", { organisation: active.name })}
          </AppLink>
        </Paragraph>
      ) : null}
      {active?.role === "admin" ? (
        <Paragraph>
          <a href={`/organisaties/${active.id}#people`} className="utrecht-link">
            {t("home.managePeople", { organisation: active.name })}
          </a>
        </Paragraph>
      ) : null}
      <Heading2>{t("home.modules")}</Heading2>
      <ul className="samen-cards">
        {modules.map((m) => (
          <li key={m.key} className="samen-card">
            <AppLink href={m.path} className="samen-card__link">
              {t(`module.${m.key}.name`)}
            </AppLink>
            <p className="samen-card__text">{t(`module.${m.key}.summary`)}</p>
          </li>
        ))}
      </ul>
      {session?.via === "session" ? <OwnSessions /> : null}
    </>
  );
}
