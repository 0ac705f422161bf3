import { Heading1, Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import type { ModuleKey } from "../../app/modules.ts";
import { AppLink } from "../../app/router.tsx";

/** A module that is planned but not built yet: what it will do, and where to go meanwhile. */
export function ModulePreviewPage({ moduleKey }: { moduleKey: ModuleKey }) {
  const { t } = useTranslation();
  return (
    <>
      <Heading1>{t(`module.${moduleKey}.name`)}</Heading1>
      <Paragraph lead>{t(`module.${moduleKey}.summary`)}</Paragraph>
      <Paragraph>{t("module.planned")}</Paragraph>
      <AppLink href="/organisaties" className="utrecht-link">
        {t("module.toRegister")}
      </AppLink>
    </>
  );
}
