import { SPECIAL_CATEGORIES } from '../../incidents/domain/incident-facts';
import { localTimeProblem, readZonedLocal, toZonedIso } from '../../platform/clock/zoned-time';
import { FieldError } from '../../platform/http/domain-error';
import { Lang, term, wordsFor } from '../../i18n';

// The facts the intake form and the follow-up form share beyond the first report's core: those the
// authorities' forms ask (issue 15 item 10) and those the API had without a form field (item 11).
// An HTML post (flat, dotted names, everything a string) → the API's field shapes; an empty field is
// left out (unknown, or unchanged in a follow-up). Pure.

export type Form = Record<string, unknown>;

// Rows for other bodies informed: police, BSI/CSIRT, one more; the API takes any number.
export const OTHER_AUTHORITY_ROWS = 3;

export function formString(form: Form, k: string): string | undefined {
  const v = form[k];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

const ticked = (form: Form, k: string): string[] => {
  const v = form[k];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).map(String);
};

// A local date-time read in the user's zone. A follow-up form sends what it showed in `<name>.was`:
// a time left as shown is left out, so minutes shown do not overwrite the stored seconds.
export function formInstant(form: Form, k: string, timeZone: string, errors: FieldError[]): string | undefined {
  const v = formString(form, k);
  if (v === undefined || v === formString(form, `${k}.was`)) return undefined;
  const read = readZonedLocal(v, timeZone);
  const problem = localTimeProblem(read, timeZone);
  if (problem) errors.push({ path: k, message: problem });
  return read.ok ? read.instant.toISOString() : undefined;
}

// "true" / "false" from a yes / no / not-known choice.
export function formBoolean(form: Form, k: string): boolean | undefined {
  const v = formString(form, k);
  return v === 'true' ? true : v === 'false' ? false : undefined;
}

// The rows of other bodies informed, as typed (for the form to show them again).
export function authorityRows(form: Form): { name: string; at: string; reference: string }[] {
  return Array.from({ length: OTHER_AUTHORITY_ROWS }, (_, n) => ({
    name: formString(form, `otherAuthoritiesInformed.${n}.name`) ?? '',
    at: formString(form, `otherAuthoritiesInformed.${n}.at`) ?? '',
    reference: formString(form, `otherAuthoritiesInformed.${n}.reference`) ?? '',
  }));
}

export function rowsText(rows: { name: string; at: string; reference: string }[]): string {
  return JSON.stringify(rows.filter((r) => r.name || r.at || r.reference));
}

export function formFacts(form: Form, timeZone: string, errors: FieldError[]): Record<string, unknown> {
  const str = (k: string) => formString(form, k);
  const instant = (k: string) => formInstant(form, k, timeZone, errors);
  const reporterName = str('reporter.name');
  const reporterRole = str('reporter.role');
  const encryption = str('securityBefore.encryption');
  const securityDescription = str('securityBefore.description');

  // Special categories: ticked codes, or "none" (an empty list); nothing ticked = not known.
  const special = ticked(form, 'specialCategories');
  let specialCategories: string[] | undefined = special.filter((c) => c !== 'none');
  if (special.includes('none')) {
    if (specialCategories.length) errors.push({ path: 'specialCategories', message: 'tick "none" or categories, not both' });
    specialCategories = [];
  } else if (specialCategories.length === 0) specialCategories = undefined;

  const countries = str('affectedCountries')
    ?.split(/[\s,;]+/)
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);

  // Other bodies informed: the filled rows, or "none" (an empty list); a follow-up's rows left as shown are left out.
  const rows = authorityRows(form);
  let others: unknown[] | undefined;
  if (rowsText(rows) !== (str('otherAuthoritiesInformed.was') ?? '[]')) {
    others = rows.flatMap((r, n) =>
      r.name || r.at || r.reference
        ? [
            {
              name: r.name || undefined,
              at: formInstant({ [`otherAuthoritiesInformed.${n}.at`]: r.at }, `otherAuthoritiesInformed.${n}.at`, timeZone, errors),
              reference: r.reference || undefined,
            },
          ]
        : [],
    );
  }
  if (form['otherAuthoritiesInformed.none'] === 'true') {
    if (others?.length) errors.push({ path: 'otherAuthoritiesInformed', message: 'tick "none" or name the bodies, not both' });
    others = [];
  } else if (others?.length === 0) others = undefined;

  return {
    reporter: reporterName || reporterRole ? { name: reporterName, role: reporterRole } : undefined,
    discoveryMethod: str('discoveryMethod'),
    occurredFrom: instant('occurredFrom'),
    occurredUntil: instant('occurredUntil'),
    ongoing: formBoolean(form, 'ongoing'),
    containedAt: instant('containedAt'),
    specialCategories,
    vulnerableSubjects: formBoolean(form, 'vulnerableSubjects'),
    affectedCountries: countries?.length ? countries : undefined,
    subProcessor: str('subProcessor'),
    securityBefore: encryption || securityDescription ? { encryption, description: securityDescription } : undefined,
    consequencesMaterialised: str('consequencesMaterialised'),
    otherAuthoritiesInformed: others,
  };
}

// Drops what is undefined, in nested objects too (lists keep their items).
export function prune(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(o)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [
        k,
        Array.isArray(v)
          ? v.map((x) => (x && typeof x === 'object' ? prune(x as Record<string, unknown>) : x))
          : v && typeof v === 'object'
            ? prune(v as Record<string, unknown>)
            : v,
      ]),
  );
}

// The choices and values the two forms show for these facts: what was typed after a refusal, else
// (follow-up) what is stored, in the user's zone.
export interface StoredFacts {
  reporterName: string | null;
  reporterRole: string | null;
  discoveryMethod: string | null;
  occurredFrom: Date | null;
  occurredUntil: Date | null;
  ongoing: boolean | null;
  containedAt: Date | null;
  specialCategories: string[] | null;
  vulnerableSubjects: boolean | null;
  affectedCountries: string[];
  subProcessor: string | null;
  securityEncryption: string | null;
  securityDescription: string | null;
  consequencesMaterialised: string | null;
  otherAuthoritiesInformed: { name: string; at: string; reference: string | null }[] | null;
}

export function factFieldsModel(typed: Form | null, stored: StoredFacts | null, subProcessors: string[], timeZone: string, lang: Lang) {
  const words = wordsFor(lang);
  const local = (d: Date | null) => (d ? toZonedIso(d, timeZone).slice(0, 16) : '');
  const text = (k: string) => (typed ? (formString(typed, k) ?? '') : '');
  const tri = (v: boolean | null | undefined) => (v === true ? 'true' : v === false ? 'false' : '');
  const storedRows = (stored?.otherAuthoritiesInformed ?? []).map((o) => ({
    name: o.name,
    at: local(new Date(o.at)),
    reference: o.reference ?? '',
  }));
  const rows = typed
    ? authorityRows(typed)
    : Array.from(
        { length: Math.max(OTHER_AUTHORITY_ROWS, storedRows.length) },
        (_, n) => storedRows[n] ?? { name: '', at: '', reference: '' },
      );
  const special = typed
    ? ticked(typed, 'specialCategories')
    : stored?.specialCategories?.length === 0
      ? ['none']
      : (stored?.specialCategories ?? []);
  const choice = (value: string, chosen: string) =>
    [
      { value: '', label: words.unknown, selected: chosen === '' },
      { value: 'true', label: words.yes, selected: chosen === 'true' },
      { value: 'false', label: words.no, selected: chosen === 'false' },
    ].map((c) => ({ ...c, name: value }));
  const ongoing = typed ? text('ongoing') : tri(stored?.ongoing);
  const vulnerable = typed ? text('vulnerableSubjects') : tri(stored?.vulnerableSubjects);
  const encryption = typed ? text('securityBefore.encryption') : (stored?.securityEncryption ?? '');
  const subProcessor = typed ? text('subProcessor') : (stored?.subProcessor ?? '');
  const shownAt = {
    occurredFrom: local(stored?.occurredFrom ?? null),
    occurredUntil: local(stored?.occurredUntil ?? null),
    containedAt: local(stored?.containedAt ?? null),
  };
  return {
    timeZone,
    reporterName: typed ? text('reporter.name') : (stored?.reporterName ?? ''),
    reporterRole: typed ? text('reporter.role') : (stored?.reporterRole ?? ''),
    discoveryMethod: typed ? text('discoveryMethod') : (stored?.discoveryMethod ?? ''),
    occurredFrom: typed ? text('occurredFrom') : shownAt.occurredFrom,
    occurredUntil: typed ? text('occurredUntil') : shownAt.occurredUntil,
    containedAt: typed ? text('containedAt') : shownAt.containedAt,
    // What a follow-up form showed (unchanged times are not sent again).
    was: typed
      ? {
          occurredFrom: text('occurredFrom.was'),
          occurredUntil: text('occurredUntil.was'),
          containedAt: text('containedAt.was'),
          others: text('otherAuthoritiesInformed.was') || '[]',
        }
      : { ...shownAt, others: rowsText(storedRows) },
    ongoing: choice('ongoing', ongoing),
    vulnerableSubjects: choice('vulnerableSubjects', vulnerable),
    specialCategories: [
      { value: 'none', label: words.specialNone, checked: special.includes('none') },
      ...SPECIAL_CATEGORIES.map((c) => ({ value: c, label: term(lang, 'specialCategory', c), checked: special.includes(c) })),
    ],
    affectedCountries: typed ? text('affectedCountries') : (stored?.affectedCountries ?? []).join(', '),
    subProcessors: [
      { value: '', label: words.noSubProcessor, selected: subProcessor === '' },
      ...subProcessors.map((s) => ({ value: s, label: s, selected: s === subProcessor })),
    ],
    encryption: [
      { value: '', label: words.unknown, selected: encryption === '' },
      ...(['none', 'partial', 'full'] as const).map((v) => ({ value: v, label: words[`encryption_${v}`], selected: v === encryption })),
    ],
    securityDescription: typed ? text('securityBefore.description') : (stored?.securityDescription ?? ''),
    consequencesMaterialised: typed ? text('consequencesMaterialised') : (stored?.consequencesMaterialised ?? ''),
    others: rows.map((r, n) => ({ n, ...r })),
    othersNone: typed ? typed['otherAuthoritiesInformed.none'] === 'true' : stored?.otherAuthoritiesInformed?.length === 0,
  };
}
