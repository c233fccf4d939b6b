import { asStored, inputShapeProblems, isStorableText, MAX_INPUT_DEPTH, nestingDepth, UNSTORABLE_TEXT_MESSAGE } from './input-rules';

describe('input rules', () => {
  it('refuses NUL and unpaired surrogates, keeps pairs, astral planes and RTL overrides', () => {
    for (const bad of ['\u0000', 'a\u0000', '\ud800', 'x\udbffy', '\udc00', 'a\udc00\ud800b'])
      expect([bad, isStorableText(bad)]).toEqual([bad, false]);
    for (const good of ['', 'plain', '📞', '\ud83d\udcde', '𝔘𝔫𝔦', '\u202Eevil\u202C', '\uFFFD', '\uFEFF', 'مرحبا'])
      expect([good, isStorableText(good)]).toEqual([good, true]);
  });

  it('names every bad string by its path, keys included', () => {
    expect(inputShapeProblems({ title: 'ok', contact: { name: 'N\u0000' }, nature: { types: ['a', '\ud800'] }, ['k\u0000']: 1 })).toEqual([
      { path: 'contact.name', message: UNSTORABLE_TEXT_MESSAGE },
      { path: 'nature.types.1', message: UNSTORABLE_TEXT_MESSAGE },
      { path: 'k\uFFFD', message: UNSTORABLE_TEXT_MESSAGE },
    ]);
    expect(inputShapeProblems('a\u0000')).toEqual([{ path: '', message: UNSTORABLE_TEXT_MESSAGE }]);
  });

  it('refuses input nested deeper than the limit before walking it', () => {
    const nest = (levels: number) => Array.from({ length: levels }).reduce<unknown>((inner) => ({ a: inner }), 1);
    expect(nestingDepth(nest(MAX_INPUT_DEPTH))).toBe(MAX_INPUT_DEPTH);
    expect(inputShapeProblems(nest(MAX_INPUT_DEPTH))).toEqual([]);
    expect(inputShapeProblems(nest(MAX_INPUT_DEPTH + 1))).toEqual([{ path: '', message: `nests deeper than ${MAX_INPUT_DEPTH} levels` }]);
    expect(inputShapeProblems(nest(100_000))).toHaveLength(1);
  });

  it('gives text as PostgreSQL stores it: unpaired surrogates become U+FFFD, everything else stays', () => {
    expect(asStored({ a: ['x\ud800', { ['k\udc00']: '\ud83d\udcde' }], n: 1, b: null })).toEqual({
      a: ['x\uFFFD', { ['k\uFFFD']: '\ud83d\udcde' }],
      n: 1,
      b: null,
    });
  });
});
