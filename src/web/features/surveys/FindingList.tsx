import { Alert, Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import type { Finding } from "./types.ts";

/** The linter's findings in words: errors first (they stop the survey), then what is kept but not analysed. */
export function FindingList({ findings }: { findings: Finding[] }) {
  const { t } = useTranslation();
  if (!findings.length) {
    return (
      <Alert type="ok" role="status">
        <Paragraph>{t("surveys.noFindings")}</Paragraph>
      </Alert>
    );
  }
  const errors = findings.filter((f) => f.severity === "error");
  const warnings = findings.filter((f) => f.severity === "warning");
  return (
    <Alert type={errors.length ? "error" : "warning"} role={errors.length ? "alert" : "status"}>
      <Paragraph>{t("surveys.findings", { errors: errors.length, warnings: warnings.length })}</Paragraph>
      <ul>
        {[...errors, ...warnings].map((f) => (
          <li key={`${f.severity}-${f.where}-${f.message}`}>
            <strong>{t(`finding.${f.severity}`)}</strong> {f.where}: {f.message}
          </li>
        ))}
      </ul>
    </Alert>
  );
}
