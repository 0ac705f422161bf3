import {
  Heading2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { languageHeader } from "../app/api.ts";
import { Field } from "./Field.tsx";

/** Sends a chosen CSV or JSON file as it is (its bytes), as the import routes take it. */
export async function uploadFile(url: string, file: File) {
  const json = file.name.toLowerCase().endsWith(".json");
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": json ? "application/json" : "text/csv", ...languageHeader() },
    body: await file.arrayBuffer(),
    credentials: "same-origin",
  });
  return { ok: response.ok, status: response.status, body: await response.json() };
}

/** A labelled file input for a CSV or JSON import. */
export function FileField({
  label,
  description,
  onChange,
}: {
  label: string;
  description: string;
  onChange: (file: File | null) => void;
}) {
  return (
    <Field label={label} description={description}>
      {(props) => (
        <input
          {...props}
          type="file"
          accept=".csv,.json,text/csv,application/json"
          onChange={(e) => onChange(e.target.files?.[0] ?? null)}
        />
      )}
    </Field>
  );
}

/** Every problem an import found, with the line and field at fault. */
export function ProblemTable({ problems }: { problems: { line: number; field: string; message: string }[] }) {
  const { t } = useTranslation();
  if (!problems.length) return null;
  return (
    <>
      <Heading2>{t("import.problems", { count: problems.length })}</Heading2>
      <Table>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t("import.where")}</TableHeaderCell>
            <TableHeaderCell scope="col">{t("import.what")}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {problems.map((p) => (
            <TableRow key={`${p.line}-${p.field}-${p.message}`}>
              <TableCell>{p.line ? `${t("import.line", { line: p.line })}: ${p.field}` : p.field}</TableCell>
              <TableCell>{p.message}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}
