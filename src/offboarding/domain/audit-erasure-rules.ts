import { canonicalJson } from '../../audit/domain/audit-chain';
import { ErasePredicate, saysNothingOfAPerson } from '../../audit/domain/audit-commitments';

// Which values of the audit trail go (docs/offboarding.md): asked of each value still there.

const needlesOf = (known: (string | null | undefined)[]): string[] => [
  ...new Set(known.filter((k): k is string => typeof k === 'string' && k.trim().length >= 3).map((k) => k.trim().toLowerCase())),
];

// A needle counts where it stands as a word of its own ("Tom" is not in "custom").
const WORD = /[\p{L}\p{N}]/u;
const mentions = (value: unknown, needles: string[]): boolean => {
  const text = (typeof value === 'string' ? value : canonicalJson(value)).toLowerCase();
  return needles.some((n) => {
    for (let i = text.indexOf(n); i >= 0; i = text.indexOf(n, i + 1)) {
      if (!WORD.test(text[i - 1] ?? ' ') && !WORD.test(text[i + n.length] ?? ' ')) return true;
    }
    return false;
  });
};

// Retention of a closed incident: every reason; the values of its personal and free-text fields;
// any other value that may say something of a person (text, e-mail addresses, names: everything but
// numbers, booleans, times, ids and short codes such as statuses) or names one of its people. Who
// acted stays (the users of the organization, still accountable; their accounts are not the incident's).
export function retentionErases(personalFields: Iterable<string>, known: (string | null | undefined)[]): ErasePredicate {
  const fields = new Set(personalFields);
  const needles = needlesOf(known);
  return (place, value) => {
    if (place.kind === 'actor') return false;
    if (place.kind === 'reason') return true;
    return fields.has(place.field ?? '') || !saysNothingOfAPerson(value) || mentions(value, needles);
  };
}

// An organization's deletion, in the chains that stay: everything its people did (events of the
// legacy chain, from before chains were per organization), and elsewhere every value, reason and
// actor that names one of its people (its users, its contacts, its DPO).
export const everything: ErasePredicate = () => true;

export function deletionErases(known: (string | null | undefined)[], personalFields: Iterable<string> = []): ErasePredicate | null {
  const needles = needlesOf(known);
  const fields = new Set(personalFields);
  if (needles.length === 0 && fields.size === 0) return null;
  return (place, value) => (place.kind === 'change' && fields.has(place.field ?? '')) || mentions(value, needles);
}

// The SQL (alias a) that finds the events mentioning any of the lower-cased needles in $n.
export const mentionsSql = (param: string): string =>
  `EXISTS (SELECT 1 FROM unnest(${param}::text[]) k WHERE position(k IN lower(a.actor || ' ' || a.changes::text || ' ' || coalesce(a.reason, ''))) > 0)`;

export const needles = needlesOf;
