import {
  Alert,
  Button,
  Heading1,
  Heading2,
  Paragraph,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Textbox,
} from "@utrecht/component-library-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { catalogueVisibilities } from "../../../platform/vocabulary.ts";
import { ApiError, api, fieldErrors } from "../../app/api.ts";
import { AppLink } from "../../app/router.tsx";
import { useApi } from "../../app/use-api.ts";
import { Field } from "../../components/Field.tsx";
import { ChoiceField } from "../../components/Selects.tsx";
import { EmptyState, ErrorState, Loading } from "../../components/states.tsx";
import { FileField, ProblemTable, uploadFile } from "../../components/Upload.tsx";
import type { CatalogueInfo } from "./types.ts";

/** What a coordinator keeps beside the entries: who reads, the service level, synonyms, missed searches, files. */
export function ManageCataloguePage({ providerId }: { providerId: string }) {
  const { t } = useTranslation();
  const catalogue = useApi<CatalogueInfo>(`/catalogues/${providerId}`);
  const [synonymsShown, setSynonymsShown] = useState(0);
  if (catalogue.loading && !catalogue.data) return <Loading />;
  if (catalogue.error || !catalogue.data) return <ErrorState error={catalogue.error} onRetry={catalogue.reload} />;
  const info = catalogue.data;
  return (
    <>
      <p className="samen-breadcrumb">
        <AppLink href={`/partnercatalogus/aanbieder/${providerId}`} className="utrecht-link">
          {t("module.catalogue.name")}: {info.provider.name}
        </AppLink>
      </p>
      <Heading1>{t("catalogue.manage")}</Heading1>
      {info.abilities.manage ? (
        <Settings info={info} etag={catalogue.etag} onSaved={catalogue.replace} />
      ) : (
        <Paragraph>{t("catalogue.readOnly")}</Paragraph>
      )}
      <Misses
        providerId={providerId}
        mayDismiss={info.abilities.manage}
        onSynonymAdded={() => setSynonymsShown((n) => n + 1)}
      />
      <Synonyms key={synonymsShown} providerId={providerId} mayChange={info.abilities.manage} />
      {info.abilities.manage ? <Files providerId={providerId} /> : null}
    </>
  );
}

function Settings({
  info,
  etag,
  onSaved,
}: {
  info: CatalogueInfo;
  etag: string | null;
  onSaved: (c: CatalogueInfo, etag: string | null) => void;
}) {
  const { t } = useTranslation();
  const [visibility, setVisibility] = useState<string>(info.visibility);
  const [days, setDays] = useState(String(info.serviceLevelDays));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<"saved" | "conflict" | null>(null);
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setErrors({});
    setMessage(null);
    try {
      const saved = await api<CatalogueInfo>(`/catalogues/${info.provider.id}`, {
        method: "PATCH",
        body: { visibility, serviceLevelDays: Number(days) },
        ifMatch: etag,
      });
      onSaved(saved.data, saved.etag);
      setMessage("saved");
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) setMessage("conflict");
      else setErrors(fieldErrors(error));
    }
  };
  return (
    <form onSubmit={submit} noValidate className="samen-form" aria-labelledby="catalogue-settings">
      <Heading2 id="catalogue-settings">{t("catalogue.settings")}</Heading2>
      {message === "saved" ? (
        <Alert type="ok" role="status">
          <Paragraph>{t("catalogue.saved")}</Paragraph>
        </Alert>
      ) : null}
      {message === "conflict" ? (
        <Alert type="warning" role="alert">
          <Paragraph>{t("entry.conflict")}</Paragraph>
        </Alert>
      ) : null}
      <ChoiceField
        label={t("catalogue.visibility")}
        value={visibility}
        onChange={setVisibility}
        options={catalogueVisibilities.map((v) => ({ value: v, label: t(`visibility.${v}`) }))}
      />
      <Field
        label={t("catalogue.serviceLevel")}
        description={t("catalogue.serviceLevelHint")}
        error={errors.serviceLevelDays}
      >
        {(props) => <Textbox {...props} inputMode="numeric" value={days} onChange={(e) => setDays(e.target.value)} />}
      </Field>
      <Button type="submit" appearance="primary-action-button">
        {t("entry.save")}
      </Button>
    </form>
  );
}

interface Miss {
  query: string;
  count: number;
  lastAt: string;
  ticket: { id: string; number: number; subject: string } | null;
  entry: { id: string; question: string } | null;
  proposal: string[];
}

function Misses({
  providerId,
  mayDismiss,
  onSynonymAdded,
}: {
  providerId: string;
  mayDismiss: boolean;
  onSynonymAdded: () => void;
}) {
  const { t, i18n } = useTranslation();
  const misses = useApi<{ items: Miss[] }>(`/catalogues/${providerId}/misses`);
  const [failed, setFailed] = useState<string | null>(null);
  const date = new Intl.DateTimeFormat(i18n.language === "en" ? "en-GB" : "nl-BE", { dateStyle: "medium" });
  const dismiss = async (query: string) => {
    await api(`/catalogues/${providerId}/misses?query=${encodeURIComponent(query)}`, { method: "DELETE" });
    misses.reload();
  };
  const adopt = async (miss: Miss) => {
    setFailed(null);
    try {
      await api(`/catalogues/${providerId}/synonyms`, { method: "POST", body: { terms: miss.proposal } });
      await api(`/catalogues/${providerId}/misses?query=${encodeURIComponent(miss.query)}`, { method: "DELETE" });
      onSynonymAdded();
      misses.reload();
    } catch (error) {
      setFailed(fieldErrors(error).terms ?? t("state.error.generic"));
    }
  };
  return (
    <section aria-labelledby="misses">
      <Heading2 id="misses">{t("catalogue.misses")}</Heading2>
      <Paragraph>{t("catalogue.missesIntro")}</Paragraph>
      {misses.loading ? <Loading /> : null}
      {misses.error ? <ErrorState error={misses.error} onRetry={misses.reload} /> : null}
      {misses.data && misses.data.items.length === 0 ? (
        <EmptyState>
          <Paragraph>{t("catalogue.noMisses")}</Paragraph>
        </EmptyState>
      ) : null}
      {failed ? (
        <Alert type="error" role="alert">
          <Paragraph>{failed}</Paragraph>
        </Alert>
      ) : null}
      {misses.data?.items.length ? (
        <Table className="samen-table">
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t("catalogue.query")}</TableHeaderCell>
              <TableHeaderCell scope="col" className="samen-number">
                {t("catalogue.times")}
              </TableHeaderCell>
              <TableHeaderCell scope="col">{t("catalogue.last")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("catalogue.ledTo")}</TableHeaderCell>
              {mayDismiss ? (
                <TableHeaderCell scope="col">
                  <span className="samen-visually-hidden">{t("catalogue.actions")}</span>
                </TableHeaderCell>
              ) : null}
            </TableRow>
          </TableHeader>
          <TableBody>
            {misses.data.items.map((m) => (
              <TableRow key={m.query}>
                <TableCell>{m.query}</TableCell>
                <TableCell className="samen-number">{m.count}</TableCell>
                <TableCell>{date.format(new Date(m.lastAt))}</TableCell>
                <TableCell>
                  {m.ticket ? (
                    <AppLink href={`/frontoffice/${m.ticket.id}`} className="utrecht-link">
                      {t("catalogue.ticket", { number: m.ticket.number, subject: m.ticket.subject })}
                    </AppLink>
                  ) : null}
                  {m.entry ? (
                    <>
                      {" "}
                      <AppLink href={`/partnercatalogus/${m.entry.id}`} className="utrecht-link">
                        {m.entry.question}
                      </AppLink>
                    </>
                  ) : null}
                </TableCell>
                {mayDismiss ? (
                  <TableCell>
                    {m.proposal.length ? (
                      <Button appearance="secondary-action-button" onClick={() => void adopt(m)}>
                        {t("catalogue.adoptProposal", { terms: m.proposal.join(" = ") })}
                      </Button>
                    ) : null}{" "}
                    <Button appearance="subtle-button" onClick={() => void dismiss(m.query)}>
                      {t("catalogue.dismiss", { query: m.query })}
                    </Button>
                  </TableCell>
                ) : null}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
    </section>
  );
}

function Synonyms({ providerId, mayChange }: { providerId: string; mayChange: boolean }) {
  const { t } = useTranslation();
  const synonyms = useApi<{ items: { id: string; terms: string[] }[] }>(`/catalogues/${providerId}/synonyms`);
  const [terms, setTerms] = useState("");
  const [error, setError] = useState<string | undefined>();
  const add = async (event: React.FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      await api(`/catalogues/${providerId}/synonyms`, {
        method: "POST",
        body: {
          terms: terms
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean),
        },
      });
      setTerms("");
      synonyms.reload();
    } catch (e) {
      setError(fieldErrors(e).terms ?? t("state.error.generic"));
    }
  };
  const remove = async (id: string) => {
    await api(`/catalogues/${providerId}/synonyms/${id}`, { method: "DELETE" });
    synonyms.reload();
  };
  return (
    <section aria-labelledby="synonyms">
      <Heading2 id="synonyms">{t("catalogue.synonyms")}</Heading2>
      <Paragraph>{t("catalogue.synonymsIntro")}</Paragraph>
      {synonyms.error ? <ErrorState error={synonyms.error} onRetry={synonyms.reload} /> : null}
      <ul className="samen-synonyms">
        {synonyms.data?.items.map((s) => (
          <li key={s.id}>
            {s.terms.join(" ↔ ")}{" "}
            {mayChange ? (
              <Button appearance="subtle-button" onClick={() => void remove(s.id)}>
                {t("catalogue.removeSynonyms", { terms: s.terms.join(", ") })}
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      {mayChange ? (
        <form onSubmit={add} noValidate className="samen-form samen-inline-form">
          <Field label={t("catalogue.newSynonyms")} description={t("catalogue.newSynonymsHint")} error={error}>
            {(props) => <Textbox {...props} value={terms} onChange={(e) => setTerms(e.target.value)} />}
          </Field>
          <Button type="submit" appearance="secondary-action-button">
            {t("catalogue.addSynonyms")}
          </Button>
        </form>
      ) : null}
    </section>
  );
}

interface ImportReport {
  entries: number;
  created: number;
  updated: number;
  synonyms: number;
  dryRun: boolean;
}

function Files({ providerId }: { providerId: string }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [problems, setProblems] = useState<{ line: number; field: string; message: string }[]>([]);
  const [busy, setBusy] = useState(false);
  const upload = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setReport(null);
    setProblems([]);
    try {
      const { ok, body } = await uploadFile(`/api/catalogues/${providerId}/import?dryRun=${dryRun}`, file);
      if (ok) setReport(body as ImportReport);
      else {
        const errors = (body.errors as { field: string; message: string }[] | undefined) ?? [
          { field: "file", message: body.detail as string },
        ];
        setProblems(errors.map((e) => ({ line: 0, ...e })));
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="files">
      <Heading2 id="files">{t("catalogue.files")}</Heading2>
      <Paragraph>{t("catalogue.filesIntro")}</Paragraph>
      <div className="samen-actions">
        <a className="utrecht-link" href={`/api/catalogues/${providerId}/export?format=json`} download>
          {t("catalogue.exportJson")}
        </a>
        <a className="utrecht-link" href={`/api/catalogues/${providerId}/export?format=csv&dialect=excel-nl`} download>
          {t("catalogue.exportCsv")}
        </a>
      </div>
      <FileField label={t("import.file")} description={t("catalogue.importHint")} onChange={setFile} />
      <div className="samen-actions">
        <Button appearance="secondary-action-button" disabled={!file || busy} onClick={() => void upload(true)}>
          {t("import.check")}
        </Button>
        <Button appearance="primary-action-button" disabled={!file || busy} onClick={() => void upload(false)}>
          {t("import.import")}
        </Button>
      </div>
      <div aria-live="polite">
        {report ? (
          <Alert type="ok" role="status">
            <Paragraph>
              {report.dryRun
                ? t("catalogue.importChecked", { entries: report.entries })
                : t("catalogue.imported", {
                    created: report.created,
                    updated: report.updated,
                    synonyms: report.synonyms,
                  })}
            </Paragraph>
          </Alert>
        ) : null}
        {problems.length ? (
          <Alert type="error" role="alert">
            <Paragraph>{t("catalogue.importRefused")}</Paragraph>
          </Alert>
        ) : null}
        <ProblemTable problems={problems} />
      </div>
    </section>
  );
}
