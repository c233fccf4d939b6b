// What the wall "nothing outside i18n/ holds words for the UI" looks for in a source file: its
// string literals (comments are skipped), each judged on its own. A literal is German when it has an
// umlaut or ß, a word from GERMAN_WORDS or one with a German ending (whole words, any case); it is an
// English phrase when it reads like a sentence (three words or more, a capital first). architecture.spec.ts
// runs this over the code that shows words to people; ui-words-check.spec.ts proves what it catches.

// Common words of German UI text that English code and identifiers do not use.
const GERMAN_WORDS = [
  'und oder nicht kein keine noch eine einer ist sind wird wurde werden bitte mit von zur zum der dem ',
  'den des das bei nach gefunden unbekannt ja nein Meldung Frist Fristen Vorfall Verletzung Ursache ',
  'Entwurf Schweregrad Datenschutz Verantwortliche Verantwortlichen Auftragsverarbeiter Suchen ',
  'Speichern Anmelden Abmelden Einstellungen Sprache Zeitzone Passwort Aktenzeichen Dokumentation',
]
  .join('')
  .split(' ');
// Endings German words have and English ones (of three letters or more before them) do not.
const GERMAN_ENDINGS = ['ung', 'ungen', 'lich', 'liche', 'lichen', 'keit', 'heit', 'schaft', 'iert'];
const GERMAN = new RegExp(`[äöüÄÖÜß]|\\b(${GERMAN_WORDS.join('|')})\\b|\\b[a-z]{3,}(${GERMAN_ENDINGS.join('|')})\\b`, 'i');
const ENGLISH_PHRASE = /^[A-Z][a-z'’]*(?:[,:;]?\s+[A-Za-z'’]+){2,}[.!?:]?$/;

export interface UiWord {
  line: number;
  text: string;
  language: 'German' | 'English';
}

// The string literals of a TypeScript source with their line: '…', "…" and the text parts of `…`.
export function stringLiterals(source: string): { line: number; text: string }[] {
  const found: { line: number; text: string }[] = [];
  let line = 1;
  let i = 0;
  const depth: number[] = []; // open `${` of template literals, by brace depth
  let braces = 0;
  while (i < source.length) {
    const c = source[i];
    if (c === '\n') line++;
    if (c === '/' && source[i + 1] === '/') {
      while (i < source.length && source[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end < 0 ? source.length : end + 2;
      line += (source.slice(i, stop).match(/\n/g) ?? []).length;
      i = stop;
      continue;
    }
    if (c === "'" || c === '"' || c === '`' || (c === '}' && depth.length && depth[depth.length - 1] === braces)) {
      const template = c === '`' || c === '}';
      if (c === '}') depth.pop();
      const quote = template ? '`' : c;
      const start = line;
      let text = '';
      i++;
      while (i < source.length && source[i] !== quote) {
        if (template && source[i] === '$' && source[i + 1] === '{') {
          depth.push(braces);
          i += 2;
          break;
        }
        if (source[i] === '\\') text += source[i++];
        if (source[i] === '\n') line++;
        text += source[i++];
      }
      if (source[i] === quote) i++;
      if (text.trim()) found.push({ line: start, text });
      continue;
    }
    if (c === '{') braces++;
    if (c === '}') braces--;
    i++;
  }
  return found;
}

// The literals of a source that hold UI words.
export function uiWords(source: string, options: { english: boolean }): UiWord[] {
  return stringLiterals(source).flatMap(({ line, text }): UiWord[] => {
    if (GERMAN.test(text)) return [{ line, text, language: 'German' }];
    if (options.english && ENGLISH_PHRASE.test(text.trim())) return [{ line, text, language: 'English' }];
    return [];
  });
}
