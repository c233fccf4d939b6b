// @ts-expect-error: class-transformer ships no types for its metadata storage module
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import fc from 'fast-check';

// fast-check arbitraries for hostile input: text that PostgreSQL cannot store as sent, numbers past
// the columns, the wrong shapes, and request bodies derived from the API's DTO classes (their
// class-validator metadata), valid most of the time and hostile in one place or several.

// Text that must be refused (NUL, unpaired surrogates) or kept exactly (astral planes, RTL overrides).
export const HOSTILE_TEXT = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udc00y',
  '\udbff\udbff',
  '\udfff\ud800',
  'told by phone \ud800 x',
  '\u202Eevil\u202C',
  '\u200F\u2066x\u2069',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  '👩‍💻📞',
  'مرحبا',
  '\uFEFF',
  '\uFFFE\uFFFF',
  '',
  ' ',
  '\t\r\n',
  '%00',
  '%E0%A4%A',
  '<img src=x onerror=alert(1)>',
  '![x](https://tracker.example/p.png)',
  "'; DROP TABLE incident; --",
  '\r\nBcc: victim@example.com',
  'x'.repeat(20_001),
];

// One UTF-16 code unit, lone surrogates included, or one code point from any plane.
const unit = fc.oneof(
  fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  fc.constantFrom('\u0000', '\ud800', '\udc00', '\u202E', '\u202C', '\u200F', '𝔘'),
);

// Arbitrary Unicode text: readable words, any code units (lone surrogates, NUL), astral planes, RTL overrides.
export const anyText = (maxLength = 40): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength }) },
    { weight: 2, arbitrary: fc.array(unit, { maxLength: Math.min(maxLength, 24) }).map((u) => u.join('')) },
    { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_TEXT.filter((s) => s.length <= maxLength)) },
  );

const deep = (levels: number) => Array.from({ length: levels }).reduce<unknown>((inner) => ({ a: inner }), 1);

// Anything a client can put where a value belongs.
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...HOSTILE_TEXT),
  fc.constantFrom(2 ** 31, 2 ** 31 - 1, 2 ** 53, 2 ** 53 - 1, -1, -0, 1.5, 1e308, -1e308, 0),
  fc.constantFrom(null, true, false, [], {}, [[]], [{}], { length: 1 }, deep(40), ['\u0000'], { '\ud800': 1 }),
  fc.constantFrom('0197451C-BA00-7239-93C7-22BC7915B912', '00000000-0000-0000-0000-000000000000', 'not-a-uuid'),
  fc.jsonValue({ maxDepth: 3 }),
);

// Valid-looking values for the formats the DTOs check with a pattern or a custom rule.
const INSTANTS = [
  '2025-06-06T09:00:00Z',
  '2025-06-06T11:00:00+02:00',
  '2025-06-05T23:59:59.999Z',
  '2025-06-06T12:00:30Z',
  '2025-06-06T17:42:10',
  '2025-02-30T10:00:00Z',
  '2099-01-01T00:00:00Z',
];
const PATTERN_EXAMPLES: Record<string, string[]> = {
  phone: ['+49 761 123456', '123', 'call me'],
  affectedCountries: ['DE', 'FR', 'GB', 'de', 'XX'],
  milestones: ['24h,4h,1h,0h', '48h', '30d', '0m', '99999h', '1h,,2h'],
  deputiesAfter: ['24h', '0m', '7d', 'soon'],
};

function metadataOf(target: new () => object): Map<string, ValidationMetadata[]> {
  const byProperty = new Map<string, ValidationMetadata[]>();
  for (const m of getMetadataStorage().getTargetValidationMetadatas(target, '', true, false)) {
    if (!byProperty.has(m.propertyName)) byProperty.set(m.propertyName, []);
    byProperty.get(m.propertyName)!.push(m);
  }
  return byProperty;
}

// A field's value: in a clean body one that looks right (it may still break a rule across fields),
// in a hostile body anything of the field's type, hostile text included.
function scalar(property: string, metas: ValidationMetadata[], ids: string[], clean: boolean): fc.Arbitrary<unknown> {
  const rule = (name: string) => metas.find((m) => m.name === name);
  const length = rule('isLength')?.constraints as [number, number] | undefined;
  if (clean) {
    if (rule('isInstant') || rule('isIso8601')) return fc.constantFrom(...INSTANTS.slice(0, 3));
    if (rule('isEmail')) return fc.constantFrom('security@processor.example', 'A@B.EXAMPLE');
    if (rule('isUuid')) return fc.constantFrom(...ids);
    if (rule('matches')) return fc.constantFrom(PATTERN_EXAMPLES[property]?.[0] ?? 'x');
    if (rule('isString') && !rule('isIn'))
      return fc.string({ unit: 'grapheme', minLength: Math.max(1, length?.[0] ?? 1), maxLength: Math.min(length?.[1] ?? 60, 60) });
    if (rule('isInt'))
      return fc.integer({
        min: (rule('min')?.constraints[0] as number | undefined) ?? 0,
        max: Math.min((rule('max')?.constraints[0] as number | undefined) ?? 2 ** 31, 2 ** 40),
      });
  }
  if (rule('isIn')) return fc.constantFrom(...(rule('isIn')!.constraints[0] as unknown[]));
  if (rule('isBoolean')) return fc.boolean();
  if (rule('isInt')) {
    const min = (rule('min')?.constraints[0] as number | undefined) ?? -(2 ** 31);
    const max = (rule('max')?.constraints[0] as number | undefined) ?? 2 ** 31;
    return fc.oneof(
      fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31) }),
      fc.constantFrom(min, max, min - 1, max + 1),
    );
  }
  if (rule('isInstant') || rule('isIso8601')) return fc.constantFrom(...INSTANTS, '2019-09-10');
  if (rule('isEmail')) return fc.constantFrom('security@processor.example', 'A@B.EXAMPLE', 'not-an-email', 'x@\u0000.example');
  if (rule('isUuid')) return fc.constantFrom(...ids, ...ids.map((id) => id.toUpperCase()), '0197451c-ba00-7239-93c7-22bc7915b912');
  if (rule('matches')) return fc.oneof(fc.constantFrom(...(PATTERN_EXAMPLES[property] ?? ['x'])), anyText(8));
  return anyText(Math.min(length?.[1] ?? 60, 60));
}

// A body for the DTO class, half of the time clean (every field valid-looking, most of them present)
// and half of the time hostile (any field may hold a hostile value, a field the DTO does not know may
// come along). `ids` are the uuids that exist (contracts, incidents), so some bodies get through.
export function bodyOf(target: new () => object, ids: string[] = []): fc.Arbitrary<Record<string, unknown>> {
  return fc.oneof(fieldsOf(target, ids, 'clean', 0), fieldsOf(target, ids, 'hostile', 0));
}

function fieldsOf(
  target: new () => object,
  ids: string[],
  mode: 'clean' | 'hostile',
  depth: number,
): fc.Arbitrary<Record<string, unknown>> {
  const fields: Record<string, fc.Arbitrary<unknown>> = {};
  const keys: string[] = [];
  for (const [property, metas] of metadataOf(target)) {
    const nested = metas.some((m) => m.type === 'nestedValidation');
    const list = metas.some((m) => m.name === 'isArray');
    const each = metas.filter((m) => m.each || !list);
    let valid: fc.Arbitrary<unknown>;
    if (nested && depth < 3) {
      const type = defaultMetadataStorage.findTypeMetadata(target, property)?.typeFunction() as new () => object;
      const inner = fieldsOf(type, ids, mode, depth + 1);
      valid = list ? fc.array(inner, { maxLength: 3 }) : inner;
    } else {
      const item = scalar(property, each, ids, mode === 'clean');
      const minLength = mode === 'clean' ? ((metas.find((m) => m.name === 'arrayMinSize')?.constraints[0] as number | undefined) ?? 0) : 0;
      valid = list ? fc.uniqueArray(item, { minLength, maxLength: Math.max(minLength, 4), selector: (v) => JSON.stringify(v) }) : item;
    }
    fields[property] = mode === 'clean' ? valid : fc.oneof({ weight: 4, arbitrary: valid }, { weight: 1, arbitrary: hostileValue });
    keys.push(property);
  }
  if (mode === 'clean') {
    // Each field present three times in four.
    return fc
      .tuple(fc.record(fields), fc.array(fc.nat(3), { minLength: keys.length, maxLength: keys.length }))
      .map(([body, dice]) => Object.fromEntries(Object.entries(body).filter((_, i) => dice[i] !== 0)));
  }
  return fc
    .tuple(
      fc.record(fields, { requiredKeys: [] }),
      fc.option(fc.tuple(fc.constantFrom('isPriority', '__proto__', 'constructor', 'x\u0000', ''), hostileValue), { freq: 4 }),
    )
    .map(([body, extra]) => (extra ? { ...body, [extra[0]]: extra[1] } : body));
}

// A web form's fields (flat names, string values, repeated names as lists).
export function formOf(names: string[], values: Record<string, string[]> = {}): fc.Arbitrary<Record<string, string | string[]>> {
  const value = (name: string) =>
    fc.oneof(
      { weight: 4, arbitrary: values[name] ? fc.constantFrom(...values[name]) : anyText(30) },
      { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_TEXT) },
    );
  const fields = Object.fromEntries(
    names.map((n) => [
      n,
      fc.oneof({ weight: 5, arbitrary: value(n) }, { weight: 1, arbitrary: fc.array(value(n), { minLength: 2, maxLength: 3 }) }),
    ]),
  );
  return fc.record(fields, { requiredKeys: [] }) as fc.Arbitrary<Record<string, string | string[]>>;
}

// URL-encodes a form the way a client could, lone surrogates and NUL included (as their WTF-8
// bytes and %00), which encodeURIComponent refuses to do.
export function encodeForm(fields: Record<string, string | string[]>): string {
  const encode = (s: string) =>
    [...s]
      .map((c) => {
        const code = c.charCodeAt(0);
        if (c.length === 1 && code >= 0xd800 && code <= 0xdfff)
          return `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`.toUpperCase();
        return encodeURIComponent(c);
      })
      .join('');
  return Object.entries(fields)
    .flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => `${encode(k)}=${encode(x)}`))
    .join('&');
}
