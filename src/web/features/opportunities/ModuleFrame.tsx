import { Heading1, Paragraph } from "@utrecht/component-library-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { AppLink } from "../../app/router.tsx";
import { useSession } from "../../app/session.tsx";
import { EmptyState } from "../../components/states.tsx";

type Part = "opportunities" | "council" | "chapter";
const parts: { part: Part; href: string }[] = [
  { part: "opportunities", href: "/kansen" },
  { part: "council", href: "/kansen/raad" },
  { part: "chapter", href: "/kansen/hoofdstuk" },
];

/** A part's name: its heading without an organisation, and its link. */
function useNameOf() {
  const { t } = useTranslation();
  return (part: Part) =>
    part === "council" ? t("council.title") : part === "chapter" ? t("chapter.title") : t("opportunities.title");
}

/**
 * A page of the module for the organisation one acts for: its heading and lead, links to the other parts (and
 * `extra` ones), or, acting for no organisation, the request to choose one.
 */
export function ModuleFrame({
  part,
  title,
  intro,
  extra,
  children,
}: {
  part: Part;
  title: (organisation: string) => string;
  intro: string;
  extra?: ReactNode;
  children: (own: { id: string; name: string }) => ReactNode;
}) {
  const { t } = useTranslation();
  const { session } = useSession();
  const own = session?.activeOrganisation;
  const nameOf = useNameOf();
  if (!own) {
    return (
      <>
        <Heading1>{nameOf(part)}</Heading1>
        <EmptyState>
          <Paragraph>{t("opportunities.chooseOrganisation")}</Paragraph>
        </EmptyState>
      </>
    );
  }
  return (
    <>
      <Heading1>{title(own.name)}</Heading1>
      <Paragraph lead>{intro}</Paragraph>
      <nav aria-label={t("opportunities.sections")} className="samen-no-print">
        <ul className="samen-plain-list samen-inline-list">
          {parts
            .filter((p) => p.part !== part)
            .map((p) => (
              <li key={p.part}>
                <AppLink className="utrecht-link" href={p.href}>
                  {nameOf(p.part)}
                </AppLink>
              </li>
            ))}
          {extra}
        </ul>
      </nav>
      {children(own)}
    </>
  );
}
