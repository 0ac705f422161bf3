import { FormField, FormFieldDescription, FormFieldErrorMessage, FormLabel } from "@utrecht/component-library-react";
import { useId } from "react";

/** A labelled form field with an optional description and an error tied to the input for screen readers. */
export function Field({
  label,
  description,
  error,
  children,
}: {
  label: string;
  description?: string | undefined;
  error?: string | undefined;
  children: (props: { id: string; "aria-describedby"?: string; "aria-invalid"?: true }) => React.ReactNode;
}) {
  const id = useId();
  const describedBy = [description ? `${id}-description` : null, error ? `${id}-error` : null]
    .filter(Boolean)
    .join(" ");
  return (
    <FormField invalid={Boolean(error)} className="samen-field">
      <div className="utrecht-form-field__label">
        <FormLabel htmlFor={id}>{label}</FormLabel>
      </div>
      {description ? <FormFieldDescription id={`${id}-description`}>{description}</FormFieldDescription> : null}
      {error ? <FormFieldErrorMessage id={`${id}-error`}>{error}</FormFieldErrorMessage> : null}
      <div className="utrecht-form-field__input">
        {children({
          id,
          ...(describedBy ? { "aria-describedby": describedBy } : {}),
          ...(error ? { "aria-invalid": true as const } : {}),
        })}
      </div>
    </FormField>
  );
}
