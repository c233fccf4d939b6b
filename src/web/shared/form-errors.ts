import { FieldError } from '../../platform/http/domain-error';

// [the API's field path (or its prefix), the id of the input or fieldset on the page, the word for its label]
export type FormField = [prefix: string, id: string, label: string];

export interface FormErrors {
  // Per input id: its message(s), or null; every id of the form is present (the views are strict).
  byField: Record<string, string | null>;
  // For the summary at the top: the field's label and a link to it, in the order the errors came.
  summary: { href: string | null; label: string; message: string }[];
}

// The API's errors placed on a page's form, so each sits next to its field and the summary names
// the field as the page labels it. An error no field owns is listed with its path.
export function formErrors(errors: FieldError[], fields: FormField[], words: Record<string, string>): FormErrors {
  const byField: Record<string, string | null> = Object.fromEntries(fields.map(([, id]) => [id, null]));
  const summary = errors.map((error) => {
    const field = fields.find(
      ([prefix]) => error.path === prefix || error.path.startsWith(`${prefix}.`) || error.path.startsWith(`${prefix}[`),
    );
    if (!field) return { href: null, label: error.path, message: error.message };
    const [, id, label] = field;
    byField[id] = byField[id] ? `${byField[id]}; ${error.message}` : error.message;
    return { href: `#${id}`, label: words[label] ?? error.path, message: error.message };
  });
  return { byField, summary };
}
