import type { de } from './catalogs/de';

// The forms of a word that changes with a count, named as Intl.PluralRules names them: German and
// English need "one" and "other"; a language with more forms (few, many, …) adds them.
export type PluralForms = { other: string } & Partial<Record<Intl.LDMLPluralRule, string>>;

type Shape<T> = {
  [K in keyof T]: K extends 'plural' ? { [W in keyof T[K]]: PluralForms } : T[K] extends string ? string : Shape<T[K]>;
};

// What every language's catalog holds: exactly the German catalog's keys, each a text.
export type Catalog = Shape<typeof de>;

type Join<K extends string, Rest> = Rest extends string ? `${K}.${Rest}` : never;
type TextPaths<T> = { [K in keyof T & string]: T[K] extends string ? K : Join<K, TextPaths<T[K]>> }[keyof T & string];
type TablePaths<T> = { [K in keyof T & string]: T[K] extends string ? never : K | Join<K, TablePaths<T[K]>> }[keyof T & string];

// "draft.subjects.pending": the address of one text.
export type TextKey = TextPaths<Omit<Catalog, 'plural'>>;
// "status", "draft.subjects": a table whose texts are looked up by a code.
export type TableKey = TablePaths<Omit<Catalog, 'plural'>>;
export type PluralKey = keyof Catalog['plural'];

// The {placeholders} a text needs, read from the German text: t() refuses a call without one of them.
type At<T, K extends string> = K extends keyof T
  ? T[K]
  : K extends `${infer H}.${infer R}`
    ? H extends keyof T
      ? At<T[H], R>
      : never
    : never;
type Holes<S> = S extends `${string}{${infer P}}${infer Rest}` ? P | Holes<Rest> : never;
export type ParamsOf<K extends TextKey> = [Holes<At<typeof de, K>>] extends [never]
  ? []
  : [params: Record<Holes<At<typeof de, K>>, string | number>];
