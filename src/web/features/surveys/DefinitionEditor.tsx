import { Alert, Button, Heading3, Paragraph, Textbox } from "@utrecht/component-library-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../app/api.ts";
import { useFormSubmit } from "../../app/use-form-submit.ts";
import { Field } from "../../components/Field.tsx";
import { ChoiceField } from "../../components/Selects.tsx";
import { type Localised, localised, type Survey, type SurveyDefinition, type SurveyQuestion } from "./types.ts";

/** The question types the editor offers; other elements of an imported definition are kept as they are. */
const editable = [
  "radiogroup",
  "checkbox",
  "dropdown",
  "ranking",
  "rating",
  "matrix",
  "number",
  "text",
  "comment",
  "boolean",
] as const;
type EditableType = (typeof editable)[number];

const typeOf = (q: SurveyQuestion): string => (q.type === "text" && q.inputType === "number" ? "number" : q.type);
const isEditable = (q: SurveyQuestion): boolean => (editable as readonly string[]).includes(typeOf(q));

type Item = string | number | { value: string | number; text?: Localised };
/** Choices as lines "value | Dutch text | English text". */
const linesOf = (list: Item[] | undefined) =>
  (list ?? [])
    .map((item) => {
      if (typeof item !== "object") return String(item);
      const text = item.text;
      const nl = typeof text === "string" ? text : (text?.nl ?? text?.default ?? "");
      const en = typeof text === "string" ? "" : (text?.en ?? "");
      return [String(item.value), nl, en].filter((p, i) => i === 0 || p).join(" | ");
    })
    .join("\n");
const itemsOf = (lines: string) =>
  lines
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const [value = "", nl, en] = line.split("|").map((p) => p.trim());
      return nl || en ? { value, text: { ...(nl ? { nl } : {}), ...(en ? { en } : {}) } } : { value, text: value };
    });

/** Pages of a definition, whatever form it came in (a definition with only elements is one page). */
function pagesOf(definition: SurveyDefinition) {
  if (definition.pages?.length) return definition.pages.map((p) => ({ ...p, elements: [...(p.elements ?? [])] }));
  return [{ name: "pagina1", elements: [...(definition.elements ?? [])] }];
}

/**
 * The questions of a survey, and while it is a draft an editor for the usual types: choice, multiple choice,
 * dropdown, ranking, rating, matrix, number, text, yes/no; pages, required, a condition, Dutch and English texts.
 */
export function DefinitionEditor({
  survey,
  etag,
  editable: mayEdit,
  onSaved,
}: {
  survey: Survey;
  etag: string | null;
  editable: boolean;
  onSaved: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [pages, setPages] = useState(() => pagesOf(survey.definition));
  const [open, setOpen] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const language = i18n.language === "en" ? "en" : "nl";
  const { errors, failed, submit } = useFormSubmit(async () => {
    setSaved(false);
    const { elements: _elements, ...rest } = survey.definition;
    await api(`/surveys/${survey.id}`, { method: "PATCH", ifMatch: etag, body: { definition: { ...rest, pages } } });
    setSaved(true);
    onSaved();
  });
  const update = (p: number, q: number, question: SurveyQuestion | null) =>
    setPages(
      pages.map((page, i) =>
        i !== p
          ? page
          : {
              ...page,
              elements:
                question === null
                  ? page.elements.filter((_, j) => j !== q)
                  : page.elements.map((e, j) => (j === q ? question : e)),
            },
      ),
    );
  const move = (p: number, q: number, by: number) => {
    const elements = [...(pages[p]?.elements ?? [])];
    const [item] = elements.splice(q, 1);
    if (!item) return;
    elements.splice(Math.max(0, Math.min(elements.length, q + by)), 0, item);
    setPages(pages.map((page, i) => (i === p ? { ...page, elements } : page)));
  };
  const add = (p: number) => {
    const used = new Set(pages.flatMap((page) => page.elements.map((e) => e.name)));
    let n = used.size + 1;
    while (used.has(`vraag${n}`)) n++;
    const question: SurveyQuestion = { type: "radiogroup", name: `vraag${n}`, title: { nl: "", en: "" }, choices: [] };
    setPages(pages.map((page, i) => (i === p ? { ...page, elements: [...page.elements, question] } : page)));
    setOpen(`${p}-${pages[p]?.elements.length ?? 0}`);
  };
  const problems = Object.entries(errors).filter(([field]) => field.startsWith("definition."));
  return (
    <form onSubmit={submit} noValidate aria-label={t("surveys.questions")}>
      {failed ? (
        <Alert type="error" role="alert">
          <Paragraph>{t("state.error.generic")}</Paragraph>
        </Alert>
      ) : null}
      {problems.length ? (
        <Alert type="error" role="alert">
          <ul>
            {problems.map(([field, message]) => (
              <li key={field}>
                {field.slice("definition.".length)}: {message}
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
      {saved ? (
        <Alert type="ok" role="status">
          <Paragraph>{t("surveys.saved")}</Paragraph>
        </Alert>
      ) : null}
      {pages.map((page, p) => (
        <fieldset key={page.name} className="samen-fieldset">
          <legend>{localised(page.title, language, t("surveys.page", { n: p + 1 }))}</legend>
          <ol className="samen-questions">
            {page.elements.map((q, i) => {
              const key = `${p}-${i}`;
              return (
                <li key={key}>
                  <strong>{localised(q.title, language, q.name)}</strong>{" "}
                  <span className="samen-badge">{t(`questionType.${isEditable(q) ? typeOf(q) : "other"}`)}</span>
                  {q.isRequired ? <span className="samen-badge">{t("surveys.required")}</span> : null}
                  {q.visibleIf ? (
                    <span className="samen-hint"> {t("surveys.when", { condition: q.visibleIf })}</span>
                  ) : null}
                  {mayEdit ? (
                    <span className="samen-actions samen-actions--inline">
                      {isEditable(q) ? (
                        <Button appearance="subtle-button" onClick={() => setOpen(open === key ? null : key)}>
                          {open === key ? t("surveys.doneEditing") : t("surveys.edit", { name: q.name })}
                        </Button>
                      ) : (
                        <span className="samen-hint">{t("surveys.keptAsImported")}</span>
                      )}
                      <Button
                        appearance="subtle-button"
                        onClick={() => move(p, i, -1)}
                        disabled={i === 0}
                        aria-label={t("surveys.up", { name: q.name })}
                      >
                        ↑
                      </Button>
                      <Button
                        appearance="subtle-button"
                        onClick={() => move(p, i, 1)}
                        disabled={i === page.elements.length - 1}
                        aria-label={t("surveys.down", { name: q.name })}
                      >
                        ↓
                      </Button>
                      <Button appearance="subtle-button" onClick={() => update(p, i, null)}>
                        {t("surveys.remove", { name: q.name })}
                      </Button>
                    </span>
                  ) : null}
                  {open === key ? <QuestionForm question={q} onChange={(next) => update(p, i, next)} /> : null}
                </li>
              );
            })}
          </ol>
          {mayEdit ? (
            <Button appearance="secondary-action-button" onClick={() => add(p)}>
              {t("surveys.addQuestion")}
            </Button>
          ) : null}
        </fieldset>
      ))}
      {mayEdit ? (
        <div className="samen-actions">
          <Button
            appearance="secondary-action-button"
            onClick={() => setPages([...pages, { name: `pagina${pages.length + 1}`, elements: [] }])}
          >
            {t("surveys.addPage")}
          </Button>
          <Button type="submit" appearance="primary-action-button">
            {t("surveys.saveQuestions")}
          </Button>
        </div>
      ) : null}
    </form>
  );
}

function QuestionForm({ question, onChange }: { question: SurveyQuestion; onChange: (q: SurveyQuestion) => void }) {
  const { t } = useTranslation();
  const type = typeOf(question) as EditableType;
  const title = typeof question.title === "object" ? question.title : { nl: question.title ?? "", en: "" };
  const set = (patch: Partial<SurveyQuestion>) => onChange({ ...question, ...patch });
  const setType = (next: string) => {
    const { inputType: _inputType, ...rest } = question;
    onChange(next === "number" ? { ...rest, type: "text", inputType: "number" } : { ...rest, type: next });
  };
  return (
    <div className="samen-form samen-question-form">
      <Heading3>{t("surveys.editQuestion", { name: question.name })}</Heading3>
      <ChoiceField
        label={t("surveys.type")}
        value={type}
        onChange={setType}
        options={editable.map((e) => ({ value: e, label: t(`questionType.${e}`) }))}
      />
      <Field label={t("surveys.name")} description={t("surveys.nameHint")}>
        {(p) => (
          <Textbox {...p} value={question.name} onChange={(e) => set({ name: e.target.value.replace(/\s/g, "_") })} />
        )}
      </Field>
      <Field label={t("surveys.titleNl")}>
        {(p) => (
          <Textbox {...p} value={title.nl ?? ""} onChange={(e) => set({ title: { ...title, nl: e.target.value } })} />
        )}
      </Field>
      <Field label={t("surveys.titleEn")}>
        {(p) => (
          <Textbox {...p} value={title.en ?? ""} onChange={(e) => set({ title: { ...title, en: e.target.value } })} />
        )}
      </Field>
      <label className="samen-checkbox">
        <input
          type="checkbox"
          checked={question.isRequired === true}
          onChange={(e) => set({ isRequired: e.target.checked })}
        />{" "}
        {t("surveys.required")}
      </label>
      <Field label={t("surveys.condition")} description={t("surveys.conditionHint")}>
        {(p) => (
          <Textbox
            {...p}
            value={question.visibleIf ?? ""}
            onChange={(e) => {
              const { visibleIf: _v, ...rest } = question;
              onChange(e.target.value ? { ...rest, visibleIf: e.target.value } : rest);
            }}
          />
        )}
      </Field>
      {["radiogroup", "checkbox", "dropdown", "ranking"].includes(type) ? (
        <ItemsField label={t("surveys.choices")} value={question.choices} onChange={(choices) => set({ choices })} />
      ) : null}
      {type === "matrix" ? (
        <>
          <ItemsField label={t("surveys.rows")} value={question.rows} onChange={(rows) => set({ rows })} />
          <ItemsField label={t("surveys.columns")} value={question.columns} onChange={(columns) => set({ columns })} />
        </>
      ) : null}
      {type === "rating" ? (
        <>
          <Field label={t("surveys.rateMin")}>
            {(p) => (
              <Textbox
                {...p}
                type="number"
                value={String(question.rateMin ?? 1)}
                onChange={(e) => set({ rateMin: Number(e.target.value) })}
              />
            )}
          </Field>
          <Field label={t("surveys.rateMax")}>
            {(p) => (
              <Textbox
                {...p}
                type="number"
                value={String(question.rateMax ?? 5)}
                onChange={(e) => set({ rateMax: Number(e.target.value) })}
              />
            )}
          </Field>
        </>
      ) : null}
    </div>
  );
}

function ItemsField({
  label,
  value,
  onChange,
}: {
  label: string;
  value: Item[] | undefined;
  onChange: (items: { value: string; text: Localised }[]) => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => linesOf(value));
  return (
    <Field label={label} description={t("surveys.itemsHint")}>
      {(p) => (
        <textarea
          {...p}
          className="utrecht-textarea utrecht-textarea--html-textarea"
          rows={4}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            onChange(itemsOf(e.target.value));
          }}
        />
      )}
    </Field>
  );
}
