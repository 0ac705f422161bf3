import { readdirSync, readFileSync } from "node:fs";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";

/**
 * A validator of OCDS 1.1 packages against the standard's own schema (JSON Schema draft 4), kept in
 * `data/ocds/schema/` with its licence. Every schema is added under its own id, so the packages' references resolve.
 */
const dir = new URL("../../data/ocds/schema/", import.meta.url);

export function ocdsValidator() {
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: true });
  addFormats(ajv);
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json")))
    ajv.addSchema(JSON.parse(readFileSync(new URL(file, dir), "utf8")));
  const check = (id: string) => (data: unknown) => {
    const validate = ajv.getSchema(id);
    if (!validate) throw new Error(`no schema ${id}`);
    return validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  };
  return {
    releasePackage: check("https://standard.open-contracting.org/schema/1__1__5/release-package-schema.json"),
    recordPackage: check("https://standard.open-contracting.org/schema/1__1__5/record-package-schema.json"),
  };
}
