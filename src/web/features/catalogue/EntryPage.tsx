import {
  Button,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading1,
  Heading2,
  Paragraph,
} from "@utrecht/component-library-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../app/format.ts";
import { AppLink, useLocation } from "../../app/router.tsx";
import { useApi } from "../../app/use-api.ts";
import { Markdown } from "../../components/Markdown.tsx";
import { ErrorState, Loading } from "../../components/states.tsx";
import { EntryForm } from "./EntryForm.tsx";
import type { Entry, Revision } from "./types.ts";

/** A new entry, for the provider named in the address. */
export function NewEntryPage() {
  const { navigate } = useLocation();
  const providerId = new URLSearchParams(window.location.search).get("aanbieder") ?? "";
  return <EntryForm providerId={providerId} onCancel={() => navigate("/partnercatalogus")} />;
}

/** One catalogue entry: the question, the answer, the offer behind it; coordinators edit and read its history. */
export function EntryPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const entry = useApi<Entry>(`/catalogue-entries/${id}`);
  const [editing, setEditing] = useState(false);
  if (entry.loading && !entry.data) return <Loading />;
  if (entry.error || !entry.data) return <ErrorState error={entry.error} onRetry={entry.reload} />;
  const e = entry.data;
  const offer: [string, string | null][] = [
    [t("entry.service"), e.service],
    [t("entry.conditions"), e.conditions],
    [t("entry.price"), e.price],
    [t("entry.contact"), e.contact],
    [t("entry.offeredBy"), e.offeredBy?.name ?? e.provider.name],
  ];
  return (
    <>
      <p className="samen-breadcrumb">
        <AppLink href={`/partnercatalogus/aanbieder/${e.providerId}`} className="utrecht-link">
          {t("module.catalogue.name")}: {e.provider.name}
        </AppLink>
      </p>
      <Heading1>{e.question}</Heading1>
      <p className="samen-result__meta">
        <span className="samen-badge">{e.theme}</span>
        {e.status !== "published" ? (
          <span className="samen-badge samen-badge--status">{t(`entryStatus.${e.status}`)}</span>
        ) : null}
        {e.isDemo ? <span className="samen-badge">{t("catalogue.demo")}</span> : null}
      </p>
      {editing ? (
        <EntryForm
          providerId={e.providerId}
          entry={e}
          etag={entry.etag}
          onSaved={(saved, etag) => {
            entry.replace(saved, etag);
            setEditing(false);
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <>
          {e.abilities.update ? (
            <Button appearance="secondary-action-button" onClick={() => setEditing(true)}>
              {t("entry.edit")}
            </Button>
          ) : null}
          <Markdown>{e.answer}</Markdown>
          <section aria-labelledby="offer">
            <Heading2 id="offer">{t("entry.offer")}</Heading2>
            <DataList>
              {offer
                .filter(([, value]) => value)
                .map(([key, value]) => (
                  <DataListItem key={key}>
                    <DataListKey>{key}</DataListKey>
                    <DataListValue>{value}</DataListValue>
                  </DataListItem>
                ))}
              {e.domains.length ? (
                <DataListItem>
                  <DataListKey>{t("collaborations.domain")}</DataListKey>
                  <DataListValue>{e.domains.map((d) => d.name).join(", ")}</DataListValue>
                </DataListItem>
              ) : null}
              {e.tags.length ? (
                <DataListItem>
                  <DataListKey>{t("entry.tags")}</DataListKey>
                  <DataListValue>{e.tags.join(", ")}</DataListValue>
                </DataListItem>
              ) : null}
              {e.publishedAt ? (
                <DataListItem>
                  <DataListKey>{t("entry.published")}</DataListKey>
                  <DataListValue>{format.date(e.publishedAt.slice(0, 10))}</DataListValue>
                </DataListItem>
              ) : null}
            </DataList>
          </section>
          {e.related.length ? (
            <section aria-labelledby="related">
              <Heading2 id="related">{t("entry.related")}</Heading2>
              <ul>
                {e.related.map((r) => (
                  <li key={r.id}>
                    <AppLink href={`/partnercatalogus/${r.id}`} className="utrecht-link">
                      {r.question}
                    </AppLink>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <Paragraph>
            {t("entry.notAnswered")}{" "}
            <AppLink href={`/frontoffice/nieuw?aanbieder=${e.providerId}`} className="utrecht-link">
              {t("catalogue.askDesk")}
            </AppLink>
          </Paragraph>
          {e.abilities.readHistory ? <EntryHistory id={e.id} version={e.version} /> : null}
        </>
      )}
    </>
  );
}

const listFields = new Set(["tags", "synonyms", "relatedKeys", "domainIds"]);

/** The revisions of an entry, newest first, each with what it changed: removed words struck, added ones marked. */
function EntryHistory({ id, version }: { id: string; version: number }) {
  const { t } = useTranslation();
  const history = useApi<{ items: Revision[] }>(`/catalogue-entries/${id}/revisions?v=${version}`);
  const { moment } = useFormat();
  return (
    <section aria-labelledby="entry-history">
      <Heading2 id="entry-history">{t("history.title")}</Heading2>
      {history.loading ? <Loading /> : null}
      {history.error ? <ErrorState error={history.error} onRetry={history.reload} /> : null}
      <ol className="samen-revisions">
        {history.data?.items.map((r) => (
          <li key={r.version}>
            <p>
              <strong>{t("entry.version", { version: r.version })}</strong> · {moment(r.at)} · {r.author}
            </p>
            <dl className="samen-diff">
              {r.changes.map((c) => (
                <div key={c.field}>
                  <dt>{t(`entry.field.${c.field}`)}</dt>
                  <dd className={listFields.has(c.field) ? "samen-diff__list" : undefined}>
                    {c.parts.map((p, i) =>
                      p.kind === "added" ? (
                        // biome-ignore lint/suspicious/noArrayIndexKey: parts have no identity but their order
                        <ins key={i}>{p.text}</ins>
                      ) : p.kind === "removed" ? (
                        // biome-ignore lint/suspicious/noArrayIndexKey: parts have no identity but their order
                        <del key={i}>{p.text}</del>
                      ) : (
                        // biome-ignore lint/suspicious/noArrayIndexKey: parts have no identity but their order
                        <span key={i}>{p.text}</span>
                      ),
                    )}
                  </dd>
                </div>
              ))}
            </dl>
          </li>
        ))}
      </ol>
    </section>
  );
}
