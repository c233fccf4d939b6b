import { stringLiterals, uiWords } from './ui-words-check';

describe('the check for UI words outside the catalogs', () => {
  it('catches a German label newly added to a view model, with its line', () => {
    const viewModel = [
      "import { Lang, t } from '../../i18n';",
      '',
      'export function registerModel(lang: Lang) {',
      '  return {',
      "    title: t(lang, 'pages.register.title'),",
      "    colOwner: 'Verantwortlich',",
      "    empty: lang === 'de' ? 'Noch keine Einträge' : 'No entries yet',",
      "    cause: 'Ursache unbekannt',",
      '  };',
      '}',
    ].join('\n');
    expect(uiWords(viewModel, { english: false })).toEqual([
      { line: 6, text: 'Verantwortlich', language: 'German' },
      { line: 7, text: 'Noch keine Einträge', language: 'German' },
      { line: 8, text: 'Ursache unbekannt', language: 'German' },
    ]);
  });

  it('catches German in template literals and double quotes, and an English phrase where asked', () => {
    const source = [
      'const a = `${n} Tage übrig`;',
      'const b = "Bitte warten";',
      "const c = 'Breaches are reported by processor staff.';",
      "const d = 'Forbidden: the form token is missing or wrong.';",
    ].join('\n');
    expect(uiWords(source, { english: true }).map((w) => [w.line, w.language])).toEqual([
      [1, 'German'],
      [2, 'German'],
      [3, 'English'],
      [4, 'English'],
    ]);
    expect(uiWords(source, { english: false }).map((w) => w.line)).toEqual([1, 2]);
  });

  it('leaves codes, keys, paths, SQL, short English titles and comments alone', () => {
    const source = [
      "// Der Kommentar über die Meldung darf Deutsch sein, und 'zitiert' auch",
      "/* Fälle: 'Frist' */",
      "import { x } from '../../notifications/domain/documents';",
      "const kind = 'authority-initial';",
      "const key = t(lang, 'pages.notFound');",
      "const sql = `SELECT id FROM deadline WHERE incident_id = $1 AND kind = 'authority'`;",
      "const locale = 'de-DE';",
      "const title = 'Not found';",
      'const url = `${at}?lang=${code}&format=md`;',
    ].join('\n');
    expect(uiWords(source, { english: true })).toEqual([]);
  });

  it('reads string literals across template expressions, escapes and nested braces', () => {
    const source = "const s = `a ${f({ x: 'Frist' })} b`; const e = 'it\\'s';";
    expect(stringLiterals(source).map((l) => l.text)).toEqual(['a ', 'Frist', ' b', "it\\'s"]);
  });
});
