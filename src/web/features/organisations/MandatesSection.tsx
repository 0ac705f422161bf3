import { Alert, Button, Heading2, Paragraph, Textbox } from "@utrecht/component-library-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type MandateScope, mandateScopes as scopes } from "../../../platform/vocabulary.ts";
import { api } from "../../app/api.ts";
import { useFormat } from "../../app/format.ts";
import { useApi } from "../../app/use-api.ts";
import { useFormSubmit } from "../../app/use-form-submit.ts";
import { Field } from "../../components/Field.tsx";
import { OrganisationPicker } from "../../components/OrganisationPicker.tsx";
import { EmptyState, ErrorState, Loading } from "../../components/states.tsx";

interface Mandate {
  id: string;
  grantor: { id: string; name: string };
  receiver: { id: string; name: string };
  scopes: MandateScope[];
  startsOn: string;
  endsOn: string | null;
  note: string | null;
  status: "offered" | "accepted" | "declined" | "revoked";
  current: boolean;
  abilities: { answer: boolean; revoke: boolean };
}

interface MandateList {
  given: Mandate[];
  received: Mandate[];
  abilities: { grant: boolean };
}

interface Action {
  id: number;
  at: string;
  actor: string | null;
  entityType: string;
  action: string;
}

/**
 * Mandates, for the organisation's administrators: whom it lets act for it (within which tasks, for how long),
 * who lets it act for them, answering an offered mandate, ending one, and what was done under each.
 */
export function MandatesSection({ organisationId }: { organisationId: string }) {
  const { t } = useTranslation();
  const list = useApi<MandateList>(`/organisations/${organisationId}/mandates`);
  const [problem, setProblem] = useState<string | null>(null);
  const act = async (path: string, body: unknown) => {
    setProblem(null);
    try {
      await api(path, { method: "POST", body });
      list.reload();
    } catch (error) {
      setProblem((error as Error).message);
    }
  };
  return (
    <section aria-labelledby="mandates">
      <Heading2 id="mandates">{t("mandates.title")}</Heading2>
      <Paragraph>{t("mandates.intro")}</Paragraph>
      {list.loading ? <Loading /> : null}
      {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
      {problem ? (
        <Alert type="error" role="alert">
          <Paragraph>{problem}</Paragraph>
        </Alert>
      ) : null}
      {list.data ? (
        <>
          <h3 className="utrecht-heading-3">{t("mandates.given")}</h3>
          <MandateItems items={list.data.given} side="given" act={act} />
          <h3 className="utrecht-heading-3">{t("mandates.received")}</h3>
          <MandateItems items={list.data.received} side="received" act={act} />
          {list.data.abilities.grant ? <GrantForm organisationId={organisationId} onDone={list.reload} /> : null}
        </>
      ) : null}
    </section>
  );
}

function MandateItems({
  items,
  side,
  act,
}: {
  items: Mandate[];
  side: "given" | "received";
  act: (path: string, body: unknown) => Promise<void>;
}) {
  const { t } = useTranslation();
  const { date } = useFormat();
  if (!items.length) {
    return (
      <EmptyState>
        <Paragraph>{side === "given" ? t("mandates.noneGiven") : t("mandates.noneReceived")}</Paragraph>
      </EmptyState>
    );
  }
  return (
    <ul className="samen-plain-list samen-mandates">
      {items.map((m) => {
        const other = side === "given" ? m.receiver.name : m.grantor.name;
        return (
          <li key={m.id}>
            <Paragraph>
              <strong>
                {side === "given" ? t("mandates.givenTo", { other }) : t("mandates.receivedFrom", { other })}
              </strong>
              {" · "}
              {m.scopes.map((s) => t(`mandates.scope.${s}`)).join(", ")}
              {" · "}
              {m.endsOn
                ? t("mandates.period", { from: date(m.startsOn), until: date(m.endsOn) })
                : t("mandates.from", { from: date(m.startsOn) })}
              {" · "}
              {t(`mandates.status.${m.current ? "current" : m.status}`)}
            </Paragraph>
            {m.note ? <Paragraph>{m.note}</Paragraph> : null}
            <div className="samen-actions">
              {m.abilities.answer ? (
                <>
                  <Button
                    appearance="primary-action-button"
                    onClick={() => act(`/mandates/${m.id}/answer`, { accept: true })}
                  >
                    {t("mandates.accept", { other })}
                  </Button>
                  <Button
                    appearance="secondary-action-button"
                    onClick={() => act(`/mandates/${m.id}/answer`, { accept: false })}
                  >
                    {t("mandates.decline", { other })}
                  </Button>
                </>
              ) : null}
              {m.abilities.revoke ? (
                <Button appearance="subtle-button" onClick={() => act(`/mandates/${m.id}/revoke`, {})}>
                  {side === "given" ? t("mandates.revoke", { other }) : t("mandates.giveBack", { other })}
                </Button>
              ) : null}
            </div>
            {m.status !== "offered" && m.status !== "declined" ? <MandateActions mandate={m} /> : null}
          </li>
        );
      })}
    </ul>
  );
}

/** What the receiver's people did for the grantor under the mandate, on request. */
function MandateActions({ mandate }: { mandate: Mandate }) {
  const { t } = useTranslation();
  const { moment } = useFormat();
  const [open, setOpen] = useState(false);
  const actions = useApi<{ items: Action[] }>(open ? `/mandates/${mandate.id}/actions` : null);
  const who = t("mandates.actorFor", { receiver: mandate.receiver.name, grantor: mandate.grantor.name });
  return (
    <details onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>{t("mandates.actions")}</summary>
      {actions.loading ? <Loading /> : null}
      {actions.error ? <ErrorState error={actions.error} onRetry={actions.reload} /> : null}
      {actions.data && actions.data.items.length === 0 ? <Paragraph>{t("mandates.noActions")}</Paragraph> : null}
      {actions.data?.items.length ? (
        <ul className="samen-plain-list">
          {actions.data.items.map((a) => (
            <li key={a.id}>
              {moment(a.at)}: {a.actor ?? "—"} ({who}) ·{" "}
              {t(`mandates.entity.${a.entityType}`, { defaultValue: a.entityType })}
              {" · "}
              {t(`history.action.${a.action}`, { defaultValue: a.action })}
            </li>
          ))}
        </ul>
      ) : null}
    </details>
  );
}

function GrantForm({ organisationId, onDone }: { organisationId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [receiver, setReceiver] = useState<{ id: string; name: string }[]>([]);
  const [chosen, setChosen] = useState<string[]>(["surveys"]);
  const [endsOn, setEndsOn] = useState("");
  const [note, setNote] = useState("");
  const [sent, setSent] = useState<string | null>(null);
  const { errors, failed, submit } = useFormSubmit(async () => {
    await api(`/organisations/${organisationId}/mandates`, {
      method: "POST",
      body: {
        receiverId: receiver[0]?.id ?? "",
        scopes: chosen,
        ...(endsOn ? { endsOn } : {}),
        ...(note.trim() ? { note } : {}),
      },
    });
    setSent(receiver[0]?.name ?? "");
    setReceiver([]);
    setNote("");
    onDone();
  });
  return (
    <form onSubmit={submit} noValidate className="samen-form" aria-labelledby="grant-mandate">
      <h3 id="grant-mandate" className="utrecht-heading-3">
        {t("mandates.grant")}
      </h3>
      {failed ? (
        <Alert type="error" role="alert">
          <Paragraph>{t("state.error.generic")}</Paragraph>
        </Alert>
      ) : null}
      <OrganisationPicker
        label={t("mandates.receiver")}
        description={t("mandates.receiverHelp")}
        chosen={receiver}
        onChange={setReceiver}
        error={errors.receiverId}
        single
      />
      <fieldset className="samen-fieldset">
        <legend>{t("mandates.scopes")}</legend>
        {errors.scopes ? <Paragraph role="alert">{errors.scopes}</Paragraph> : null}
        {scopes.map((s) => (
          <label key={s} className="samen-checkbox">
            <input
              type="checkbox"
              checked={chosen.includes(s)}
              onChange={(e) => setChosen(e.target.checked ? [...chosen, s] : chosen.filter((c) => c !== s))}
            />{" "}
            {t(`mandates.scope.${s}`)}
          </label>
        ))}
      </fieldset>
      <Field label={t("mandates.endsOn")} description={t("mandates.endsOnHelp")} error={errors.endsOn}>
        {(props) => <Textbox {...props} type="date" value={endsOn} onChange={(e) => setEndsOn(e.target.value)} />}
      </Field>
      <Field label={t("mandates.note")} error={errors.note}>
        {(props) => <Textbox {...props} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      <div className="samen-actions">
        <Button type="submit" appearance="primary-action-button">
          {t("mandates.offer")}
        </Button>
      </div>
      {sent ? <Paragraph role="status">{t("mandates.offered", { other: sent })}</Paragraph> : null}
    </form>
  );
}
