// Pseudonymisation of free text (docs/offboarding.md): the values known to be someone's (names,
// e-mail addresses, phone numbers of the incident's people) and anything shaped like an e-mail
// address or an international phone number become a placeholder; the rest of the text, its dates
// and counts, stays readable.
export const REMOVED = '[removed]';

const EMAIL = /[^\s@<>()[\]"',;:]+@[^\s@<>()[\]"',;:]+\.[A-Za-z]{2,}/g;
const PHONE = /\+\d[\d ()/.-]{6,}\d/g;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function redact(text: string, known: (string | null | undefined)[]): string {
  const values = [...new Set(known.filter((k): k is string => typeof k === 'string' && k.trim().length >= 3).map((k) => k.trim()))].sort(
    (a, b) => b.length - a.length,
  );
  let out = text;
  for (const v of values) out = out.replace(new RegExp(escape(v), 'gi'), REMOVED);
  return out.replace(EMAIL, REMOVED).replace(PHONE, REMOVED);
}

// The same inside any JSON value (strings only; keys, numbers and dates-as-numbers stay).
export function redactJson<T>(value: T, known: (string | null | undefined)[]): T {
  if (typeof value === 'string') return redact(value, known) as T;
  if (Array.isArray(value)) return value.map((v) => redactJson(v, known)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, redactJson(v, known)])) as T;
  }
  return value;
}
