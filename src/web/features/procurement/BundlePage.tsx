import { Alert, Button, Heading1, Heading2, Paragraph } from "@utrecht/component-library-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../app/api.ts";
import { useEuro, useFormat } from "../../app/format.ts";
import { AppLink } from "../../app/router.tsx";
import { useSession } from "../../app/session.tsx";
import { useApi } from "../../app/use-api.ts";
import { DataTable } from "../../components/DataTable.tsx";
import { ErrorState, Loading } from "../../components/states.tsx";
import { AttachForm } from "../projects/DocumentsSection.tsx";
import { AwardForm, DeclareForm, EditBundleForm, InviteForm, LotForm, useDeclarationWords } from "./forms.tsx";
import { SavingsSection } from "./SavingsSection.tsx";
import type { Bundle, BundleStatus } from "./types.ts";

type Open = null | "edit" | "lot" | "declare" | "callOff" | "invite" | "award" | "attach";

/** One joint purchase: its lots and totals, who takes part and declared what, the award, savings and documents. */
export function BundlePage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const { date, number, percent } = useFormat();
  const euro = useEuro(i18n.language);
  const words = useDeclarationWords();
  const bundle = useApi<Bundle>(`/purchase-bundles/${id}`);
  const [open, setOpen] = useState<Open>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [savingsKey, setSavingsKey] = useState(0);
  if (bundle.loading && !bundle.data) return <Loading />;
  if (bundle.error || !bundle.data) return <ErrorState error={bundle.error} onRetry={bundle.reload} />;
  const b = bundle.data;
  const done = (next: Bundle, etag: string | null = null) => {
    bundle.replace(next, etag ?? bundle.etag);
    setOpen(null);
    setSavingsKey((k) => k + 1);
    if (!etag) bundle.reload();
  };
  const move = async (status: BundleStatus) => {
    setProblem(null);
    try {
      const response = await api<Bundle>(`/purchase-bundles/${b.id}/status`, { method: "POST", body: { status } });
      done(response.data, response.etag);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };
  const join = async () => {
    setProblem(null);
    try {
      const response = await api<Bundle>(`/purchase-bundles/${b.id}/participants`, {
        method: "POST",
        body: { organisationId: session?.activeOrganisation?.id },
      });
      done(response.data);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };
  const lotTitle = (lotId: string) => {
    const lot = b.lotList.find((l) => l.id === lotId);
    return lot ? `${lot.number}. ${lot.title}` : "";
  };
  return (
    <>
      <p>
        <AppLink href="/gezamenlijke-aankoop" className="utrecht-link">
          {t("procurement.back")}
        </AppLink>
      </p>
      <Heading1>{b.title}</Heading1>
      <p className="samen-result__meta">
        <span className="samen-badge">{t(`bundleStatus.${b.status}`)}</span>
        <span>{t(`purchaseSubject.${b.subject}`)}</span>
        <span>
          {b.leadBuyer.name} ({t(`leadRole.${b.leadRole}`)})
        </span>
      </p>
      {b.description ? <Paragraph lead>{b.description}</Paragraph> : null}
      <dl className="samen-terms">
        <dt>{t("procurement.demandWindow")}</dt>
        <dd>
          {t("procurement.window", { from: date(b.demandOpensOn), to: date(b.demandClosesOn) })}{" "}
          {b.windowOpen ? <span className="samen-badge">{t("procurement.windowIsOpen")}</span> : null}
        </dd>
        <dt>{t("procurement.contractTerm")}</dt>
        <dd>
          {b.contractStartsOn && b.contractEndsOn
            ? t("procurement.window", { from: date(b.contractStartsOn), to: date(b.contractEndsOn) })
            : t("procurement.termUnknown")}
        </dd>
        <dt>{t("procurement.ocid")}</dt>
        <dd>
          <code>{b.ocid}</code>
        </dd>
      </dl>
      {problem ? (
        <Alert type="error" role="alert">
          <Paragraph>{problem}</Paragraph>
        </Alert>
      ) : null}
      <div className="samen-actions">
        {b.abilities.declare ? (
          <Button appearance="primary-action-button" onClick={() => setOpen("declare")}>
            {t("procurement.declare")}
          </Button>
        ) : null}
        {b.abilities.callOff ? (
          <Button appearance="primary-action-button" onClick={() => setOpen("callOff")}>
            {t("procurement.callOff")}
          </Button>
        ) : null}
        {b.abilities.join ? (
          <Button appearance="secondary-action-button" onClick={join}>
            {t("procurement.join")}
          </Button>
        ) : null}
        {b.abilities.update ? (
          <Button appearance="secondary-action-button" onClick={() => setOpen("edit")}>
            {t("procurement.edit")}
          </Button>
        ) : null}
        {b.abilities.manageLots ? (
          <Button appearance="secondary-action-button" onClick={() => setOpen("lot")}>
            {t("procurement.addLot")}
          </Button>
        ) : null}
        {b.abilities.invite ? (
          <Button appearance="secondary-action-button" onClick={() => setOpen("invite")}>
            {t("procurement.invite")}
          </Button>
        ) : null}
        {b.abilities.award && b.lotList.length ? (
          <Button appearance="secondary-action-button" onClick={() => setOpen("award")}>
            {t("procurement.award")}
          </Button>
        ) : null}
        {b.nextStatuses.map((s) => (
          <Button key={s} appearance="subtle-button" onClick={() => move(s)}>
            {t(`procurement.moveTo.${s}`)}
          </Button>
        ))}
      </div>
      {open === "edit" ? (
        <EditBundleForm bundle={b} etag={bundle.etag} onDone={done} onCancel={() => setOpen(null)} />
      ) : null}
      {open === "lot" ? <LotForm bundleId={b.id} onDone={done} onCancel={() => setOpen(null)} /> : null}
      {open === "declare" || open === "callOff" ? (
        <DeclareForm
          bundle={b}
          kind={open === "declare" ? "declarations" : "call-offs"}
          onDone={done}
          onCancel={() => setOpen(null)}
        />
      ) : null}
      {open === "invite" ? <InviteForm bundle={b} onDone={done} onCancel={() => setOpen(null)} /> : null}
      {open === "award" ? <AwardForm bundle={b} onDone={done} onCancel={() => setOpen(null)} /> : null}

      <section aria-labelledby="lots">
        <Heading2 id="lots">{t("procurement.lots")}</Heading2>
        <DataTable
          label={t("procurement.lots")}
          rows={b.lotList}
          rowKey={(l) => l.id}
          empty={t("procurement.noLots")}
          columns={[
            { title: t("procurement.lot"), cell: (l) => `${l.number}. ${l.title}` },
            { title: t("procurement.cpvCode"), cell: (l) => l.cpvCode },
            {
              title: t("procurement.demand"),
              numeric: true,
              cell: (l) =>
                l.unit
                  ? `${number(l.totals.quantity)} ${l.unit}`
                  : t("procurement.declarationCount", { count: l.totals.declarations }),
            },
            { title: t("procurement.baseline"), numeric: true, cell: (l) => euro(l.totals.baselineCents) },
            {
              title: t("procurement.expectedDiscount"),
              numeric: true,
              cell: (l) =>
                l.totals.expectedDiscountBasisPoints === null ? "—" : percent(l.totals.expectedDiscountBasisPoints),
            },
            {
              title: t("procurement.estimatedSaving"),
              numeric: true,
              cell: (l) => euro(l.totals.estimatedSavingCents),
            },
            {
              title: t("procurement.awardColumn"),
              cell: (l) =>
                l.award
                  ? [
                      l.award.supplier.name,
                      l.award.unitPriceCents !== null
                        ? t("procurement.perUnit", { price: euro(l.award.unitPriceCents), unit: l.unit ?? "" })
                        : t("procurement.discountOnSpend", { percent: percent(l.award.spendDiscountBasisPoints ?? 0) }),
                      l.earlierAwards.length ? t("procurement.corrected", { count: l.earlierAwards.length }) : "",
                    ]
                      .filter(Boolean)
                      .join(" · ")
                  : t("procurement.notAwarded"),
            },
          ]}
        />
      </section>

      <section aria-labelledby="participants">
        <Heading2 id="participants">{t("procurement.participants")}</Heading2>
        <DataTable
          label={t("procurement.participants")}
          rows={b.participantList}
          rowKey={(p) => p.id}
          empty={t("procurement.noParticipants")}
          columns={[
            {
              title: t("procurement.organisation"),
              cell: (p) => (
                <>
                  {p.organisation.name}
                  {p.callOff ? (
                    <span className="samen-badge samen-badge--status">{t("procurement.viaCallOff")}</span>
                  ) : null}
                </>
              ),
            },
            {
              title: t("procurement.declared"),
              cell: (p) =>
                p.declarations === null ? (
                  t("procurement.declaredLots", { count: p.declaredLots })
                ) : p.declarations.length ? (
                  <ul className="samen-plain-list">
                    {p.declarations.map((d) => (
                      <li key={d.id}>
                        {lotTitle(d.lotId)}: {words(d)}
                      </li>
                    ))}
                  </ul>
                ) : (
                  t("procurement.nothingDeclared")
                ),
            },
          ]}
        />
      </section>

      <SavingsSection key={savingsKey} bundle={b} />

      <section aria-labelledby="documents">
        <Heading2 id="documents">{t("documents.title")}</Heading2>
        {b.abilities.attach && open !== "attach" ? (
          <Button appearance="secondary-action-button" onClick={() => setOpen("attach")}>
            {t("documents.attach")}
          </Button>
        ) : null}
        {open === "attach" ? (
          <AttachForm
            uploadUrl={`/api/purchase-bundles/${b.id}/documents`}
            onDone={() => {
              setOpen(null);
              bundle.reload();
            }}
          />
        ) : null}
        <DataTable
          label={t("documents.title")}
          rows={b.documents}
          rowKey={(d) => d.id}
          empty={t("documents.none")}
          columns={[
            {
              title: t("documents.document"),
              cell: (d) => (
                <a className="utrecht-link" href={`/api/purchase-documents/${d.id}`} download={d.filename}>
                  {d.title}
                </a>
              ),
            },
            {
              title: t("documents.size"),
              numeric: true,
              cell: (d) => t("documents.kilobytes", { size: number(Math.max(1, Math.round(d.size / 1024))) }),
            },
            { title: t("procurement.addedOn"), cell: (d) => date(d.createdAt.slice(0, 10)) },
          ]}
        />
      </section>
    </>
  );
}
