import { useState } from "react";
import { ApiError, fieldErrors } from "./api.ts";

/**
 * The submit of a form that sends one request: the field errors the API names, and whether it failed otherwise
 * (then the form says so in words). The action throws what `api` throws.
 */
export function useFormSubmit(action: () => Promise<void>) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failed, setFailed] = useState(false);
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setErrors({});
    setFailed(false);
    try {
      await action();
    } catch (error) {
      setErrors(fieldErrors(error));
      setFailed(!(error instanceof ApiError && error.fields.length));
    }
  };
  return { errors, failed, submit };
}
