import { useTranslation } from "react-i18next";
import { useApi } from "../app/use-api.ts";
import { Field } from "./Field.tsx";

interface ChoiceFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: readonly { value: string; label: string }[];
  /** The first option, meaning "no choice" (all, none). */
  empty?: string;
  description?: string;
  error?: string | undefined;
}

/** A labelled select over a fixed list: the one way the interface offers a choice. */
export function ChoiceField({ label, value, onChange, options, empty, description, error }: ChoiceFieldProps) {
  return (
    <Field label={label} description={description} error={error}>
      {(props) => (
        <select
          {...props}
          className="utrecht-select utrecht-select--html-select"
          value={value}
          onChange={(e) => onChange(e.target.value)}
        >
          {empty !== undefined ? <option value="">{empty}</option> : null}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** The top-level policy domains of both official lists. */
export function DomainField({
  value,
  onChange,
  empty,
}: {
  value: string;
  onChange: (value: string) => void;
  empty?: string;
}) {
  const { t } = useTranslation();
  const domains = useApi<{ items: { id: string; name: string; scheme: string; level: number }[] }>("/policy-domains");
  const options = (domains.data?.items ?? [])
    .filter((d) => d.level === 1)
    .map((d) => ({ value: d.id, label: `${d.scheme === "bbc" ? "BBC" : "Iv3"} ${d.name}` }));
  return (
    <ChoiceField
      label={t("collaborations.domain")}
      value={value}
      onChange={onChange}
      options={options}
      {...(empty !== undefined ? { empty } : {})}
    />
  );
}

export interface ProvinceOption {
  id: string;
  name: string;
  country: "BE" | "NL";
}

/** The provinces of both countries (or one), named with their country: Limburg is in both. */
export function ProvinceField({
  label,
  value,
  onChange,
  country,
  empty,
  extra = [],
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  country?: string;
  empty?: string;
  extra?: { value: string; label: string }[];
}) {
  const { t } = useTranslation();
  const provinces = useApi<{ items: ProvinceOption[] }>(
    `/organisations?kind=province&limit=50${country ? `&country=${country}` : ""}`,
  );
  const options = [
    ...extra,
    ...(provinces.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name} (${t(`country.${p.country}`)})` })),
  ];
  return (
    <ChoiceField
      label={label}
      value={value}
      onChange={onChange}
      options={options}
      {...(empty !== undefined ? { empty } : {})}
    />
  );
}

/**
 * Several policy domains at once: the Flemish subdomains and the Dutch taakvelden, grouped under their top level.
 * A native multiple select: the keyboard and screen readers know it.
 */
export function DomainsField({
  value,
  onChange,
  error,
}: {
  value: string[];
  onChange: (value: string[]) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const domains = useApi<{
    items: { id: string; name: string; scheme: string; level: number; parentId: string | null }[];
  }>("/policy-domains");
  const items = domains.data?.items ?? [];
  const groups = items
    .filter((d) => d.level === 1)
    .map((top) => ({ top, children: items.filter((d) => d.level === 2 && d.parentId === top.id) }))
    .filter((g) => g.children.length);
  return (
    <Field label={t("entry.domains")} description={t("entry.domainsHint")} error={error}>
      {(props) => (
        <select
          {...props}
          multiple
          size={8}
          className="utrecht-select utrecht-select--html-select samen-multiselect"
          value={value}
          onChange={(e) => onChange([...e.target.selectedOptions].map((o) => o.value))}
        >
          {groups.map((g) => (
            <optgroup key={g.top.id} label={`${g.top.scheme === "bbc" ? "BBC" : "Iv3"} ${g.top.name}`}>
              {g.children.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      )}
    </Field>
  );
}
