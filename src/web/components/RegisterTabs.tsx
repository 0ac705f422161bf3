import { useTranslation } from "react-i18next";
import { AppLink } from "../app/router.tsx";
import { useSession } from "../app/session.tsx";

/** The register has two lists: organisations and the collaborations between them. */
export function RegisterTabs() {
  const { t } = useTranslation();
  const { session } = useSession();
  return (
    <nav aria-label={t("register.tabs")} className="samen-tabs">
      <AppLink href="/organisaties" className="samen-tabs__link">
        {t("register.organisations")}
      </AppLink>
      <AppLink href="/samenwerkingen" className="samen-tabs__link">
        {t("register.collaborations")}
      </AppLink>
      <AppLink href="/kaart" className="samen-tabs__link">
        {t("register.map")}
      </AppLink>
      <AppLink href="/netwerk" className="samen-tabs__link">
        {t("register.network")}
      </AppLink>
      {session?.abilities.importRegister ? (
        <AppLink href="/importeren" className="samen-tabs__link">
          {t("register.import")}
        </AppLink>
      ) : null}
    </nav>
  );
}
