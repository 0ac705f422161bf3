import {
  Button,
  Heading1,
  Paragraph,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Textbox,
} from "@utrecht/component-library-react";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { collaborationForms, countries } from "../../../platform/vocabulary.ts";
import { useFormat } from "../../app/format.ts";
import { AppLink, useLocation } from "../../app/router.tsx";
import { useDebounced, usePagedList } from "../../app/use-paged-list.ts";
import { Field } from "../../components/Field.tsx";
import { RegisterTabs } from "../../components/RegisterTabs.tsx";
import { ChoiceField, ProvinceField } from "../../components/Selects.tsx";
import { EmptyState, ErrorState, Loading } from "../../components/states.tsx";
import { mainCode, type OrganisationSummary, organisationKinds } from "./types.ts";

/** The register: search by name (typos allowed) or code, filter by kind, country and province. */
export function OrganisationListPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { path, navigate } = useLocation();
  const initial = new URLSearchParams(path.split("?")[1] ?? "");
  const [q, setQ] = useState(initial.get("q") ?? "");
  const debounced = useDebounced(q.trim());
  const [kind, setKind] = useState(initial.get("kind") ?? "");
  const [country, setCountry] = useState(initial.get("country") ?? "");
  const [province, setProvince] = useState(initial.get("province") ?? "");
  const [form, setForm] = useState(initial.get("form") ?? "");
  const [asOf, setAsOf] = useState(initial.get("asOf") ?? "");

  const query = useMemo(() => {
    const params = new URLSearchParams();
    if (debounced) params.set("q", debounced);
    if (kind) params.set("kind", kind);
    if (country) params.set("country", country);
    if (province) params.set("province", province);
    if (form) params.set("form", form);
    if (asOf) params.set("asOf", asOf);
    return params.toString();
  }, [debounced, kind, country, province, form, asOf]);

  // Keep the search in the address, so it can be shared and survives a reload.
  useEffect(() => {
    const target = `/organisaties${query ? `?${query}` : ""}`;
    if (target !== path) window.history.replaceState(null, "", target);
  }, [query, path]);

  const list = usePagedList<OrganisationSummary>(`/organisations?${query}${query ? "&" : ""}limit=50`);
  const { rows } = list;

  return (
    <>
      <RegisterTabs />
      <Heading1>{t("organisations.title")}</Heading1>
      <Paragraph lead>{t("organisations.intro")}</Paragraph>
      <search className="samen-filters" aria-label={t("organisations.filters")}>
        <Field label={t("organisations.search")} description={t("organisations.searchHint")}>
          {(props) => <Textbox {...props} type="search" value={q} onChange={(e) => setQ(e.target.value)} />}
        </Field>
        <ChoiceField
          label={t("organisations.kind")}
          value={kind}
          onChange={setKind}
          empty={t("organisations.allKinds")}
          options={organisationKinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
        />
        <ChoiceField
          label={t("organisations.country")}
          value={country}
          onChange={(value: string) => {
            setCountry(value);
            setProvince("");
          }}
          empty={t("organisations.allCountries")}
          options={countries.map((c) => ({ value: c, label: t(`country.${c}`) }))}
        />
        <ProvinceField
          label={t("organisations.province")}
          value={province}
          onChange={setProvince}
          country={country}
          empty={t("organisations.allProvinces")}
        />
        <ChoiceField
          label={t("organisations.form")}
          value={form}
          onChange={setForm}
          empty={t("collaborations.allForms")}
          options={collaborationForms.map((f) => ({ value: f, label: t(`form.${f}`) }))}
        />
        <Field label={t("portfolio.asOf")} description={t("portfolio.asOfHint")}>
          {(props) => <Textbox {...props} type="date" value={asOf} onChange={(e) => setAsOf(e.target.value)} />}
        </Field>
      </search>

      <div aria-live="polite" className="samen-results">
        {list.loading && !list.loaded ? <Loading /> : null}
        {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
        {list.loaded && rows.length === 0 ? (
          <EmptyState>
            <Paragraph>{t("organisations.none")}</Paragraph>
            <Button
              appearance="secondary-action-button"
              onClick={() => {
                setQ("");
                setKind("");
                setCountry("");
                setProvince("");
                setForm("");
                setAsOf("");
                navigate("/organisaties");
              }}
            >
              {t("organisations.clear")}
            </Button>
          </EmptyState>
        ) : null}
        {rows.length > 0 ? (
          <>
            <p className="samen-count">
              {list.hasMore
                ? t("organisations.countMore", { count: rows.length })
                : t("organisations.count", { count: rows.length })}
            </p>
            <Table className="samen-table">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t("organisations.name")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("organisations.kind")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("organisations.code")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("organisations.province")}</TableHeaderCell>
                  <TableHeaderCell scope="col" className="samen-number">
                    {t("organisations.population")}
                  </TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {rows.map((o) => (
                  <TableRow key={o.id}>
                    <TableCell>
                      <AppLink href={`/organisaties/${o.id}`} className="utrecht-link">
                        {o.name}
                      </AppLink>
                      {o.status === "active" ? null : (
                        <span className="samen-badge samen-badge--status">{t(`status.${o.status}`)}</span>
                      )}
                    </TableCell>
                    <TableCell>{t(`kind.${o.kind}`)}</TableCell>
                    <TableCell>
                      <code>{mainCode(o)}</code>
                    </TableCell>
                    <TableCell>{o.province?.name ?? "—"}</TableCell>
                    <TableCell className="samen-number">
                      {o.population === null ? "—" : format.number(o.population)}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            {list.hasMore ? (
              <Button
                appearance="secondary-action-button"
                onClick={() => void list.loadMore()}
                disabled={list.loadingMore}
                aria-busy={list.loadingMore}
              >
                {list.loadingMore ? t("state.loading") : t("organisations.more")}
              </Button>
            ) : null}
          </>
        ) : null}
      </div>
    </>
  );
}
