import {
  Heading1,
  Paragraph,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@utrecht/component-library-react";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { countries } from "../../../platform/vocabulary.ts";
import { useFormat } from "../../app/format.ts";
import { useLocation } from "../../app/router.tsx";
import { useSession } from "../../app/session.tsx";
import { useApi } from "../../app/use-api.ts";
import { Field } from "../../components/Field.tsx";
import { RegisterTabs } from "../../components/RegisterTabs.tsx";
import { DomainField, ProvinceField } from "../../components/Selects.tsx";
import { ErrorState, Loading } from "../../components/states.tsx";
import type { CollaborationSummary } from "../collaborations/types.ts";
import type { OrganisationSummary } from "../organisations/types.ts";

interface Shapes {
  width: number;
  height: number;
  shapes: { id: string; name: string; code: string | null; d: string }[];
}
interface Values {
  values: { id: string; name: string; value: number }[];
}

/** A sequential scale that stays distinguishable in grey: light for few, dark for many. */
const palette = ["#eef3f7", "#c6dbe9", "#8fb8d6", "#4a8bbf", "#1f5f94", "#0b3a61"];

function bucketOf(value: number, max: number): number {
  if (value <= 0 || max <= 0) return 0;
  return Math.min(palette.length - 1, 1 + Math.floor(((value - 1) / Math.max(1, max)) * (palette.length - 1)));
}

/** The map of municipalities coloured by a measure, with the same figures as a table for screen readers. */
export default function MapPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { navigate } = useLocation();
  const { session } = useSession();
  const [region, setRegion] = useState(session?.activeOrganisation ? "" : "BE");
  const [measure, setMeasure] = useState("collaborations");
  const [collaboration, setCollaboration] = useState("");
  const [domain, setDomain] = useState("bbc:3");
  const [search, setSearch] = useState("");

  const own = useApi<OrganisationSummary>(
    session?.activeOrganisation && region === "" ? `/organisations/${session.activeOrganisation.id}` : null,
  );
  // Start where the user works: their province, or their organisation itself when it is one.
  const effectiveRegion =
    region ||
    (own.data ? (own.data.kind === "province" ? own.data.id : (own.data.province?.id ?? own.data.country)) : "");
  const shapes = useApi<Shapes>(effectiveRegion ? `/map/shapes?region=${effectiveRegion}` : null);
  const valuesPath = !effectiveRegion
    ? null
    : measure === "collaboration"
      ? collaboration
        ? `/map/values?region=${effectiveRegion}&measure=collaboration&collaboration=${collaboration}`
        : null
      : measure === "domain"
        ? `/map/values?region=${effectiveRegion}&measure=domain&domain=${domain}`
        : `/map/values?region=${effectiveRegion}&measure=collaborations`;
  const values = useApi<Values>(valuesPath);
  const candidates = useApi<{ items: CollaborationSummary[] }>(
    measure === "collaboration" && search.trim().length >= 2
      ? `/collaborations?q=${encodeURIComponent(search.trim())}&limit=20`
      : null,
  );

  const valueById = useMemo(() => new Map((values.data?.values ?? []).map((v) => [v.id, v.value])), [values.data]);
  const max = Math.max(0, ...(values.data?.values ?? []).map((v) => v.value));
  const label = (value: number) =>
    measure === "collaboration" ? (value > 0 ? t("map.member") : t("map.notMember")) : t("map.count", { count: value });

  return (
    <>
      <RegisterTabs />
      <Heading1>{t("map.title")}</Heading1>
      <Paragraph lead>{t("map.intro")}</Paragraph>
      <div className="samen-filters">
        <ProvinceField
          label={t("map.region")}
          value={effectiveRegion}
          onChange={setRegion}
          extra={countries.map((c) => ({ value: c, label: t(`country.${c}`) }))}
        />
        <Field label={t("map.measure")}>
          {(props) => (
            <select
              {...props}
              className="utrecht-select utrecht-select--html-select"
              value={measure}
              onChange={(e) => setMeasure(e.target.value)}
            >
              <option value="collaborations">{t("map.measure.collaborations")}</option>
              <option value="collaboration">{t("map.measure.collaboration")}</option>
              <option value="domain">{t("map.measure.domain")}</option>
            </select>
          )}
        </Field>
        {measure === "collaboration" ? (
          <>
            <Field label={t("members.find")}>
              {(props) => (
                <input
                  {...props}
                  className="utrecht-textbox utrecht-textbox--html-input"
                  type="search"
                  value={search}
                  onChange={(e) => setSearch(e.target.value)}
                />
              )}
            </Field>
            <Field label={t("register.collaborations")}>
              {(props) => (
                <select
                  {...props}
                  className="utrecht-select utrecht-select--html-select"
                  value={collaboration}
                  onChange={(e) => setCollaboration(e.target.value)}
                >
                  <option value="">{t("members.typeToFind")}</option>
                  {(candidates.data?.items ?? []).map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </>
        ) : null}
        {measure === "domain" ? <DomainField value={domain} onChange={setDomain} /> : null}
      </div>
      {shapes.loading || (!shapes.data && !shapes.error) ? <Loading /> : null}
      {shapes.error ? <ErrorState error={shapes.error} onRetry={shapes.reload} /> : null}
      {shapes.data ? (
        <figure className="samen-map">
          <nav aria-label={t("map.svgLabel", { count: shapes.data.shapes.length })}>
            <svg viewBox={`0 0 ${shapes.data.width} ${shapes.data.height}`}>
              <title>{t("map.svgLabel", { count: shapes.data.shapes.length })}</title>
              {shapes.data.shapes.map((s) => {
                const value = valueById.get(s.id) ?? 0;
                return (
                  <a
                    key={s.id}
                    href={`/organisaties/${s.id}`}
                    aria-label={`${s.name}: ${label(value)}`}
                    onClick={(e) => {
                      e.preventDefault();
                      navigate(`/organisaties/${s.id}`);
                    }}
                  >
                    <path d={s.d} fill={palette[bucketOf(value, max)]} className="samen-map__shape">
                      <title>{`${s.name}: ${label(value)}`}</title>
                    </path>
                  </a>
                );
              })}
            </svg>
          </nav>
          <figcaption className="samen-legend">
            {measure === "collaboration" ? (
              <>
                <span className="samen-legend__swatch" style={{ background: palette[0] }} /> {t("map.notMember")}
                <span className="samen-legend__swatch" style={{ background: palette[palette.length - 1] }} />{" "}
                {t("map.member")}
              </>
            ) : (
              <>
                <span className="samen-legend__swatch" style={{ background: palette[0] }} /> 0
                <span
                  className="samen-legend__ramp"
                  aria-hidden="true"
                  style={{ background: `linear-gradient(to right, ${palette.slice(1).join(",")})` }}
                />{" "}
                {format.number(max)}
              </>
            )}
          </figcaption>
        </figure>
      ) : null}
      {values.data ? (
        <details className="samen-details">
          <summary>{t("map.asTable")}</summary>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t("members.organisation")}</TableHeaderCell>
                <TableHeaderCell scope="col" className="samen-number">
                  {t(`map.measure.${measure}`)}
                </TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {values.data.values.map((v) => (
                <TableRow key={v.id}>
                  <TableCell>{v.name}</TableCell>
                  <TableCell className="samen-number">
                    {measure === "collaboration" ? label(v.value) : format.number(v.value)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </details>
      ) : null}
    </>
  );
}
