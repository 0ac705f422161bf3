import { Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { AppLink, matchPath, useLocation } from "../../app/router.tsx";
import { useSession } from "../../app/session.tsx";
import { AskPage } from "../frontoffice/AskPage.tsx";
import { TicketListPage } from "../frontoffice/TicketListPage.tsx";
import { TicketPage } from "../frontoffice/TicketPage.tsx";
import { CatalogueHomePage, CatalogueSearchPage } from "./CataloguePage.tsx";
import { EntryPage, NewEntryPage } from "./EntryPage.tsx";
import { ManageCataloguePage } from "./ManageCataloguePage.tsx";

/** The partner catalogue and the front office, loaded together with their Markdown renderer. */
export default function CatalogueRoutes() {
  const { path } = useLocation();
  const { session } = useSession();
  const { t } = useTranslation();
  if (!session) {
    // Signed out: only a public catalogue and its entries open here (App lets nothing else through).
    const provider = matchPath("/partnercatalogus/aanbieder/:providerId", path);
    const entry = matchPath("/partnercatalogus/:id", path);
    return (
      <>
        <Paragraph className="samen-visitor">
          {t("catalogue.visitor")}{" "}
          <AppLink href={`/aanmelden?terug=${encodeURIComponent(path)}`} className="utrecht-link">
            {t("shell.signIn")}
          </AppLink>
        </Paragraph>
        {provider?.providerId ? <CatalogueSearchPage providerId={provider.providerId} /> : null}
        {!provider && entry?.id ? <EntryPage id={entry.id} /> : null}
      </>
    );
  }
  if (matchPath("/frontoffice/nieuw", path)) return <AskPage />;
  const ticket = matchPath("/frontoffice/:id", path);
  if (ticket?.id) return <TicketPage key={ticket.id} id={ticket.id} />;
  if (matchPath("/frontoffice", path)) return <TicketListPage />;
  if (matchPath("/partnercatalogus/nieuw", path)) return <NewEntryPage />;
  const manage = matchPath("/partnercatalogus/aanbieder/:providerId/beheer", path);
  if (manage?.providerId) return <ManageCataloguePage providerId={manage.providerId} />;
  const provider = matchPath("/partnercatalogus/aanbieder/:providerId", path);
  if (provider?.providerId) return <CatalogueSearchPage key={provider.providerId} providerId={provider.providerId} />;
  const entry = matchPath("/partnercatalogus/:id", path);
  if (entry?.id) return <EntryPage key={entry.id} id={entry.id} />;
  return <CatalogueHomePage />;
}
