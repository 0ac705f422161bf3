import { matchPath, useLocation } from "../../app/router.tsx";
import { CalendarTemplatePage } from "./CalendarTemplatePage.tsx";
import { FrameworkListPage } from "./FrameworkListPage.tsx";
import { FrameworkPage } from "./FrameworkPage.tsx";
import { SubAgreementPage } from "./SubAgreementPage.tsx";

/** Shared services: framework agreements, sub-agreements, budgets, allocations and settlements. */
export default function AgreementRoutes() {
  const { path } = useLocation();
  const sub = matchPath("/gedeelde-diensten/deelovereenkomst/:id", path);
  if (sub?.id) return <SubAgreementPage key={sub.id} id={sub.id} />;
  const template = matchPath("/gedeelde-diensten/kalender/:id", path);
  if (template?.id) return <CalendarTemplatePage key={template.id} id={template.id} />;
  const framework = matchPath("/gedeelde-diensten/:id", path);
  if (framework?.id) return <FrameworkPage key={framework.id} id={framework.id} />;
  return <FrameworkListPage />;
}
