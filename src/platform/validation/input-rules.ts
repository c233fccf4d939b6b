import { FieldError } from '../http/domain-error';

// One rule for every string that enters the system (API bodies and queries, web forms, CLI options):
// no NUL and no lone UTF-16 surrogate. PostgreSQL cannot store NUL in text or jsonb, and a lone
// surrogate has no UTF-8 form: the driver would write U+FFFD, so what was stored (and hashed into the
// audit chain) would differ from what was sent. Such text is refused with a 400 naming the field,
// never silently changed: the sender learns that the text did not arrive as written.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// eslint-disable-next-line no-control-regex -- NUL is exactly what this rule refuses
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const UNSTORABLE_TEXT_MESSAGE = 'contains a character that cannot be stored (NUL or an unpaired UTF-16 surrogate)';

export function isStorableText(value: string): boolean {
  return !UNSTORABLE.test(value);
}

// Deeper input than this is refused before anything walks it (class-transformer recurses).
export const MAX_INPUT_DEPTH = 32;

// Every string in the value (keys included), by its dotted path: "contact.name", "nature.types.1".
export function unstorableTextProblems(value: unknown, path = '', depth = 0): FieldError[] {
  if (typeof value === 'string') return isStorableText(value) ? [] : [{ path, message: UNSTORABLE_TEXT_MESSAGE }];
  if (value === null || typeof value !== 'object' || depth > MAX_INPUT_DEPTH) return [];
  const problems: FieldError[] = [];
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value as Record<string, unknown>);
  for (const [key, item] of entries) {
    const at = path ? `${path}.${key}` : key;
    // eslint-disable-next-line no-control-regex -- a NUL in a key is shown as U+FFFD in the field path
    if (!isStorableText(key)) problems.push({ path: wellFormed(at).replace(/\u0000/g, '\uFFFD'), message: UNSTORABLE_TEXT_MESSAGE });
    else problems.push(...unstorableTextProblems(item, at, depth + 1));
  }
  return problems;
}

// How deeply objects and arrays nest in a parsed value (a scalar is 0).
export function nestingDepth(value: unknown, limit = MAX_INPUT_DEPTH + 1): number {
  if (value === null || typeof value !== 'object') return 0;
  let deepest = 0;
  for (const item of Array.isArray(value) ? value : Object.values(value as Record<string, unknown>)) {
    if (deepest >= limit) break;
    deepest = Math.max(deepest, nestingDepth(item, limit - 1));
  }
  return deepest + 1;
}

// Input that nests deeper than MAX_INPUT_DEPTH (refused before anything walks it), or that carries
// unstorable text: one list of field errors, empty when the input may go on to its DTO.
export function inputShapeProblems(value: unknown): FieldError[] {
  if (nestingDepth(value) > MAX_INPUT_DEPTH) return [{ path: '', message: `nests deeper than ${MAX_INPUT_DEPTH} levels` }];
  return unstorableTextProblems(value);
}

const wellFormed = (s: string) => s.replace(LONE_SURROGATE, '\uFFFD');

// A string as PostgreSQL will give it back: the driver encodes UTF-8, which turns a lone surrogate
// into U+FFFD. For values that did not come through the edge (defence in depth in the audit trail).
export function asStored(value: unknown): unknown {
  if (typeof value === 'string') return wellFormed(value);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(asStored);
  if (value instanceof Date) return value;
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [wellFormed(k), asStored(v)]));
}
