import { Alert, Button, Heading1, Paragraph } from "@utrecht/component-library-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { transferKinds } from "../../../platform/vocabulary.ts";
import { useSession } from "../../app/session.tsx";
import { Field } from "../../components/Field.tsx";
import { RegisterTabs } from "../../components/RegisterTabs.tsx";
import { FileField, ProblemTable, uploadFile } from "../../components/Upload.tsx";

interface Report {
  rows: number;
  valid: number;
  written: number;
  skipped: number;
  dryRun: boolean;
  problems: { line: number; field: string; message: string }[];
}

/** Upload a CSV or JSON file into the register: checked whole first, written only when valid (or as chosen). */
export function ImportPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const [kind, setKind] = useState<string>("organisations");
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(true);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<Report | null>(null);
  const [refusal, setRefusal] = useState<{ detail: string; errors: { field: string; message: string }[] } | null>(null);

  if (!session?.abilities.importRegister) {
    return (
      <>
        <RegisterTabs />
        <Heading1>{t("import.title")}</Heading1>
        <Paragraph>{t("import.onlyAdmins")}</Paragraph>
      </>
    );
  }

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setReport(null);
    setRefusal(null);
    try {
      const response = await uploadFile(`/api/imports/${kind}?dryRun=${dryRun}&skipInvalid=${skipInvalid}`, file);
      const body = response.body;
      if (response.ok) setReport(body as Report);
      else
        setRefusal({
          detail: response.status === 422 ? t("import.refused") : t("state.error.generic"),
          errors: body.errors ?? [],
        });
    } catch {
      setRefusal({ detail: t("state.error.network"), errors: [] });
    } finally {
      setBusy(false);
    }
  };

  const problems =
    report?.problems ?? refusal?.errors.map((e) => ({ line: 0, field: e.field, message: e.message })) ?? [];
  return (
    <>
      <RegisterTabs />
      <Heading1>{t("import.title")}</Heading1>
      <Paragraph lead>{t("import.intro")}</Paragraph>
      <Paragraph>
        <a className="utrecht-link" href={`/api/exports/${kind}`}>
          {t("import.template")}
        </a>
      </Paragraph>
      <form onSubmit={submit} className="samen-form">
        <Field label={t("import.kind")}>
          {(props) => (
            <select
              {...props}
              className="utrecht-select utrecht-select--html-select"
              value={kind}
              onChange={(e) => setKind(e.target.value)}
            >
              {transferKinds.map((k) => (
                <option key={k} value={k}>
                  {t(`import.kind.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <FileField label={t("import.file")} description={t("import.fileHint")} onChange={setFile} />
        <label className="samen-checkbox">
          <input type="checkbox" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} /> {t("import.dryRun")}
        </label>
        <label className="samen-checkbox">
          <input type="checkbox" checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)} />{" "}
          {t("import.skipInvalid")}
        </label>
        <div className="samen-actions">
          <Button type="submit" appearance="primary-action-button" disabled={!file || busy} aria-busy={busy}>
            {dryRun ? t("import.check") : t("import.import")}
          </Button>
        </div>
      </form>
      <div aria-live="polite">
        {report ? (
          <Alert type={report.problems.length ? "warning" : "ok"}>
            <Paragraph>
              {report.dryRun
                ? t("import.checked", { rows: report.rows, valid: report.valid })
                : t("import.done", { written: report.written, skipped: report.skipped })}
            </Paragraph>
          </Alert>
        ) : null}
        {refusal ? (
          <Alert type="error" role="alert">
            <Paragraph>{refusal.detail}</Paragraph>
          </Alert>
        ) : null}
        <ProblemTable problems={problems} />
      </div>
    </>
  );
}
