import { PageFooter, Paragraph, SkipLink } from "@utrecht/component-library-react";
import { lazy, Suspense, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { ErrorState, Loading } from "../components/states.tsx";
import { InvitationPage } from "../features/auth/InvitationPage.tsx";
import { ForgotPasswordPage, ResetPasswordPage } from "../features/auth/PasswordPages.tsx";
import { SignInPage } from "../features/auth/SignInPage.tsx";
import { CollaborationListPage } from "../features/collaborations/CollaborationListPage.tsx";
import { CollaborationPage } from "../features/collaborations/CollaborationPage.tsx";
import { HomePage } from "../features/home/HomePage.tsx";
import { OrganisationListPage } from "../features/organisations/OrganisationListPage.tsx";
import { OrganisationPage } from "../features/organisations/OrganisationPage.tsx";
import { OutboxPage } from "../features/outbox/OutboxPage.tsx";
import { ImportPage } from "../features/transfer/ImportPage.tsx";
import { useFormat } from "./format.ts";
import { Header } from "./Header.tsx";
import { AppLink, matchPath, useLocation } from "./router.tsx";
import { useSession } from "./session.tsx";

// The map and the network load with their pages, not with the shell.
const MapPage = lazy(() => import("../features/map/MapPage.tsx"));
const NetworkPage = lazy(() => import("../features/network/NetworkPage.tsx"));
// The partner catalogue and the front office load with their Markdown renderer.
const CatalogueRoutes = lazy(() => import("../features/catalogue/CatalogueRoutes.tsx"));
const AgreementRoutes = lazy(() => import("../features/agreements/AgreementRoutes.tsx"));
const SurveyRoutes = lazy(() => import("../features/surveys/SurveyRoutes.tsx"));
const ScanRoutes = lazy(() => import("../features/scan/ScanRoutes.tsx"));
const ProjectRoutes = lazy(() => import("../features/projects/ProjectRoutes.tsx"));
const NewsletterRoutes = lazy(() => import("../features/newsletter/NewsletterRoutes.tsx"));
const ProcurementRoutes = lazy(() => import("../features/procurement/ProcurementRoutes.tsx"));
const OpportunityRoutes = lazy(() => import("../features/opportunities/OpportunityRoutes.tsx"));

const publicPaths = ["/aanmelden", "/wachtwoord-vergeten", "/wachtwoord-herstellen", "/uitnodiging"];
/** A provider's catalogue and its entries can be public: they open without signing in (the API decides). */
const openCataloguePath = /^\/partnercatalogus\/(aanbieder\/[0-9a-f-]{36}|[0-9a-f-]{36})$/;
/** A newsletter's archive, confirming and unsubscribing open without signing in: they are reached from a mail. */
const openNewsletterPath = /^\/nieuwsbrief\/(bevestigen|afmelden|archief\/[0-9a-f-]{36}|aanbieder\/[0-9a-f-]{36})$/;
/** A municipality's public page opens without signing in (the API shows only what it published). */
const openMunicipalityPath = /^\/publiek\/gemeenten\/[0-9a-f-]{36}$/;

function Routes() {
  const { path } = useLocation();
  const { t } = useTranslation();
  if (matchPath("/importeren", path)) return <ImportPage />;
  if (path.startsWith("/samenwerkingsscan")) {
    return (
      <Suspense fallback={<Loading />}>
        <ScanRoutes />
      </Suspense>
    );
  }
  if (path.startsWith("/nieuwsbrief")) {
    return (
      <Suspense fallback={<Loading />}>
        <NewsletterRoutes />
      </Suspense>
    );
  }
  if (path.startsWith("/kansen") || path.startsWith("/publiek/")) {
    return (
      <Suspense fallback={<Loading />}>
        <OpportunityRoutes />
      </Suspense>
    );
  }
  if (path.startsWith("/gezamenlijke-aankoop")) {
    return (
      <Suspense fallback={<Loading />}>
        <ProcurementRoutes />
      </Suspense>
    );
  }
  if (path.startsWith("/partnerprojecten")) {
    return (
      <Suspense fallback={<Loading />}>
        <ProjectRoutes />
      </Suspense>
    );
  }
  if (path.startsWith("/enquetes")) {
    return (
      <Suspense fallback={<Loading />}>
        <SurveyRoutes />
      </Suspense>
    );
  }
  if (path.startsWith("/gedeelde-diensten")) {
    return (
      <Suspense fallback={<Loading />}>
        <AgreementRoutes />
      </Suspense>
    );
  }
  if (path.startsWith("/partnercatalogus") || path.startsWith("/frontoffice")) {
    return (
      <Suspense fallback={<Loading />}>
        <CatalogueRoutes />
      </Suspense>
    );
  }
  if (matchPath("/netwerk", path)) {
    return (
      <Suspense fallback={<Loading />}>
        <NetworkPage />
      </Suspense>
    );
  }
  if (matchPath("/kaart", path)) {
    return (
      <Suspense fallback={<Loading />}>
        <MapPage />
      </Suspense>
    );
  }
  const collaboration = matchPath("/samenwerkingen/:id", path);
  if (collaboration?.id) return <CollaborationPage id={collaboration.id} />;
  if (matchPath("/samenwerkingen", path)) return <CollaborationListPage />;
  const organisation = matchPath("/organisaties/:id", path);
  if (organisation?.id) return <OrganisationPage id={organisation.id} />;
  if (matchPath("/organisaties", path)) return <OrganisationListPage />;
  if (matchPath("/berichten", path)) return <OutboxPage />;
  if (matchPath("/", path)) return <HomePage />;
  return (
    <>
      <h1 className="utrecht-heading-1">{t("notFound.title")}</h1>
      <Paragraph>{t("notFound.body")}</Paragraph>
      <AppLink href="/" className="utrecht-link">
        {t("notFound.home")}
      </AppLink>
    </>
  );
}

/** Moves focus to the main heading after client-side navigation, as a page load would for screen readers. */
function useFocusOnNavigate(ref: React.RefObject<HTMLElement | null>) {
  const { path } = useLocation();
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the path is the trigger; focus moves on every navigation
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    ref.current?.focus({ preventScroll: true });
  }, [path, ref]);
}

export function App() {
  const { t } = useTranslation();
  const { session, loading, error } = useSession();
  const { path, navigate } = useLocation();
  const main = useRef<HTMLElement>(null);
  useFocusOnNavigate(main);
  const pathname = path.split("?")[0] ?? "/";
  const openCatalogue =
    openCataloguePath.test(pathname) || openNewsletterPath.test(pathname) || openMunicipalityPath.test(pathname);
  const isPublic = publicPaths.includes(pathname) || openCatalogue;

  useEffect(() => {
    if (!loading && !session && !isPublic && !error) navigate(`/aanmelden?terug=${encodeURIComponent(path)}`);
  }, [loading, session, isPublic, error, path, navigate]);

  let content: React.ReactNode;
  if (pathname === "/aanmelden") content = <SignInPage />;
  else if (pathname === "/wachtwoord-vergeten") content = <ForgotPasswordPage />;
  else if (pathname === "/wachtwoord-herstellen") content = <ResetPasswordPage />;
  else if (pathname === "/uitnodiging") content = <InvitationPage />;
  else if (loading) content = <Loading />;
  else if (error) content = <ErrorState error={error} onRetry={() => window.location.reload()} />;
  else if (!session && openCatalogue) content = <Routes />;
  else if (!session) content = <Loading />;
  else content = <Routes />;

  return (
    <div className="samen-app">
      <SkipLink href="#main">{t("shell.skipToContent")}</SkipLink>
      <Header />
      <PrintHeader />
      <main id="main" ref={main} tabIndex={-1} className="samen-main">
        {content}
      </main>
      <PageFooter className="samen-footer">
        <Paragraph>
          {t("shell.footer")} ·{" "}
          <a href="/api/docs" className="utrecht-link">
            {t("shell.apiDocs")}
          </a>
        </Paragraph>
      </PageFooter>
    </div>
  );
}

/**
 * On paper only: where the page comes from (Samen, the organisation one acts for) and the day it was printed; the
 * page's own heading follows as its title. Screens never show it (styles.css).
 */
function PrintHeader() {
  const { t } = useTranslation();
  const { session } = useSession();
  const format = useFormat();
  const today = new Date().toISOString().slice(0, 10);
  return (
    <p className="samen-print-header" aria-hidden="true">
      {t("shell.printedFrom", {
        organisation: session?.activeOrganisation?.name ?? "Samen",
        date: format.date(today),
      })}
    </p>
  );
}
