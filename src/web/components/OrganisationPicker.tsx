import { Button, Textbox } from "@utrecht/component-library-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useApi } from "../app/use-api.ts";
import { useDebounced } from "../app/use-paged-list.ts";
import type { OrganisationSummary } from "../features/organisations/types.ts";
import { Field } from "./Field.tsx";

/** Choose organisations (or collaborations) by name from the register: type, then add. */
export function OrganisationPicker({
  label,
  description,
  chosen,
  onChange,
  error,
  single = false,
  from = "organisations",
}: {
  label: string;
  description: string;
  chosen: { id: string; name: string }[];
  onChange: (chosen: { id: string; name: string }[]) => void;
  error?: string | undefined;
  /** One organisation at most: adding another replaces it. */
  single?: boolean;
  /** What is chosen from: organisations of the register (the default) or its collaborations. */
  from?: "organisations" | "collaborations";
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState("");
  const debounced = useDebounced(q.trim(), 250);
  const found = useApi<{ items: OrganisationSummary[] }>(
    debounced.length >= 2
      ? from === "organisations"
        ? `/organisations?q=${encodeURIComponent(debounced)}&status=active&limit=6`
        : `/collaborations?q=${encodeURIComponent(debounced)}&limit=6`
      : null,
  );
  return (
    <div className="samen-picker">
      <Field label={label} description={description} error={error}>
        {(props) => (
          <Textbox {...props} type="search" value={q} autoComplete="off" onChange={(e) => setQ(e.target.value)} />
        )}
      </Field>
      <ul className="samen-picker__found" aria-live="polite">
        {(found.data?.items ?? [])
          .filter((o) => !chosen.some((c) => c.id === o.id))
          .map((o) => (
            <li key={o.id}>
              <Button
                appearance="subtle-button"
                onClick={() =>
                  onChange(single ? [{ id: o.id, name: o.name }] : [...chosen, { id: o.id, name: o.name }])
                }
              >
                {t("agreements.add", { name: o.name })}
              </Button>
            </li>
          ))}
      </ul>
      {chosen.length ? (
        <ul className="samen-picker__chosen" aria-label={t("agreements.chosen", { label })}>
          {chosen.map((c) => (
            <li key={c.id}>
              {c.name}{" "}
              <Button appearance="subtle-button" onClick={() => onChange(chosen.filter((x) => x.id !== c.id))}>
                {t("agreements.remove", { name: c.name })}
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
