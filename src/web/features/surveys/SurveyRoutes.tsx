import { lazy, Suspense } from "react";
import { matchPath, useLocation } from "../../app/router.tsx";
import { Loading } from "../../components/states.tsx";
import { BenchmarkPage } from "./BenchmarkPage.tsx";
import { SurveyListPage } from "./SurveyListPage.tsx";
import { SurveyPage } from "./SurveyPage.tsx";

/** The answer form (with the survey library) and the results (with their charts) load only on their own pages. */
const AnswerPage = lazy(() => import("./AnswerPage.tsx"));
const ResultsPage = lazy(() => import("./ResultsPage.tsx"));

/** Surveys: the list, a survey as its owner runs it, an organisation's answer, the results. */
export default function SurveyRoutes() {
  const { path } = useLocation();
  const answer = matchPath("/enquetes/:id/antwoord", path);
  if (answer?.id) {
    return (
      <Suspense fallback={<Loading />}>
        <AnswerPage key={answer.id} id={answer.id} />
      </Suspense>
    );
  }
  const results = matchPath("/enquetes/:id/resultaten", path);
  if (results?.id) {
    return (
      <Suspense fallback={<Loading />}>
        <ResultsPage key={results.id} id={results.id} />
      </Suspense>
    );
  }
  const benchmark = matchPath("/enquetes/:id/vergelijking", path);
  if (benchmark?.id) return <BenchmarkPage key={benchmark.id} id={benchmark.id} />;
  const survey = matchPath("/enquetes/:id", path);
  if (survey?.id) return <SurveyPage key={survey.id} id={survey.id} />;
  return <SurveyListPage />;
}
