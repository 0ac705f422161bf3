import { matchPath, useLocation } from "../../app/router.tsx";
import { ChapterPage } from "./ChapterPage.tsx";
import { CouncilPage } from "./CouncilPage.tsx";
import { OpportunitiesPage } from "./OpportunitiesPage.tsx";
import { PublicMunicipalityPage } from "./PublicMunicipalityPage.tsx";

/** Opportunities: what one could join, the council's view, the chapter, and a municipality's public page. */
export default function OpportunityRoutes() {
  const { path } = useLocation();
  const open = matchPath("/publiek/gemeenten/:id", path);
  if (open?.id) return <PublicMunicipalityPage key={open.id} id={open.id} />;
  if (matchPath("/kansen/raad", path)) return <CouncilPage />;
  if (matchPath("/kansen/hoofdstuk", path)) return <ChapterPage />;
  return <OpportunitiesPage />;
}
