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
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { collaborationForms, countries } from "../../../platform/vocabulary.ts";
import { useFormat } from "../../app/format.ts";
import { AppLink } from "../../app/router.tsx";
import { useSession } from "../../app/session.tsx";
import { useDebounced, usePagedList } from "../../app/use-paged-list.ts";
import { Field } from "../../components/Field.tsx";
import { RegisterTabs } from "../../components/RegisterTabs.tsx";
import { ChoiceField, DomainField } from "../../components/Selects.tsx";
import { EmptyState, ErrorState, Loading } from "../../components/states.tsx";
import { CreateCollaborationForm } from "./CollaborationForms.tsx";
import type { CollaborationSummary } from "./types.ts";

export function CollaborationListPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { session } = useSession();
  const [q, setQ] = useState("");
  const [form, setForm] = useState("");
  const [country, setCountry] = useState("");
  const [domain, setDomain] = useState("");
  const [creating, setCreating] = useState(false);

  const debounced = useDebounced(q.trim());
  const query = useMemo(() => {
    const params = new URLSearchParams();
    if (debounced) params.set("q", debounced);
    if (form) params.set("form", form);
    if (country) params.set("country", country);
    if (domain) params.set("domain", domain);
    params.set("limit", "50");
    return params.toString();
  }, [debounced, form, country, domain]);
  const list = usePagedList<CollaborationSummary>(`/collaborations?${query}`);
  const { rows } = list;
  const mayCreate = Boolean(session?.abilities.createCollaboration);

  return (
    <>
      <RegisterTabs />
      <Heading1>{t("collaborations.title")}</Heading1>
      <Paragraph lead>{t("collaborations.intro")}</Paragraph>
      {mayCreate && !creating ? (
        <Button appearance="secondary-action-button" onClick={() => setCreating(true)}>
          {t("collaborations.new")}
        </Button>
      ) : null}
      {creating ? <CreateCollaborationForm onCancel={() => setCreating(false)} /> : null}
      <search className="samen-filters" aria-label={t("organisations.filters")}>
        <Field label={t("collaborations.search")} description={t("collaborations.searchHint")}>
          {(props) => <Textbox {...props} type="search" value={q} onChange={(e) => setQ(e.target.value)} />}
        </Field>
        <ChoiceField
          label={t("collaborations.form")}
          value={form}
          onChange={setForm}
          empty={t("collaborations.allForms")}
          options={collaborationForms.map((f) => ({ value: f, label: t(`form.${f}`) }))}
        />
        <ChoiceField
          label={t("organisations.country")}
          value={country}
          onChange={setCountry}
          empty={t("organisations.allCountries")}
          options={countries.map((c) => ({ value: c, label: t(`country.${c}`) }))}
        />
        <DomainField value={domain} onChange={setDomain} empty={t("collaborations.allDomains")} />
      </search>
      <div aria-live="polite">
        {list.loading && !list.loaded ? <Loading /> : null}
        {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
        {list.loaded && rows.length === 0 ? (
          <EmptyState>
            <Paragraph>{t("collaborations.none")}</Paragraph>
          </EmptyState>
        ) : null}
        {rows.length ? (
          <Table className="samen-table">
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t("organisations.name")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("collaborations.form")}</TableHeaderCell>
                <TableHeaderCell scope="col" className="samen-number">
                  {t("collaborations.members")}
                </TableHeaderCell>
                <TableHeaderCell scope="col">{t("collaborations.source")}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((c) => (
                <TableRow key={c.id}>
                  <TableCell>
                    <AppLink href={`/samenwerkingen/${c.id}`} className="utrecht-link">
                      {c.name}
                    </AppLink>
                    {c.status === "active" ? null : (
                      <span className="samen-badge samen-badge--status">{t(`collaborationStatus.${c.status}`)}</span>
                    )}
                  </TableCell>
                  <TableCell>{t(`form.${c.form}`)}</TableCell>
                  <TableCell className="samen-number">{format.number(c.memberCount)}</TableCell>
                  <TableCell>{c.sourceDate ? format.date(c.sourceDate) : "—"}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ) : null}
        {list.hasMore ? (
          <Button appearance="secondary-action-button" onClick={() => void list.loadMore()}>
            {t("organisations.more")}
          </Button>
        ) : null}
      </div>
    </>
  );
}
