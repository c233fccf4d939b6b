import * as fs from 'node:fs';
import * as path from 'node:path';
import { uiWords } from './i18n/ui-words-check';

// The house's load-bearing walls (design.md §4), checked on the import graph of src/.
const SRC = __dirname;
const DOMAIN = [
  'identity',
  'contracts',
  'incidents',
  'deadlines',
  'obligations',
  'assessments',
  'notifications',
  'authorities',
  'escalations',
  'audit',
  'register',
  'webhooks',
  'evidence',
];

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return files(full);
    return e.name.endsWith('.ts') && !/\.(spec|db-spec|e2e-spec)\.ts$/.test(e.name) ? [full] : [];
  });
}

const moduleOf = (file: string) => path.relative(SRC, file).split(path.sep)[0].replace(/\.ts$/, '');

function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const targets = [...text.matchAll(/^import\s[^;]*?from\s+'(\.[^']+)'/gms)].map((m) => m[1]);
  return targets.map((t) => path.resolve(path.dirname(file), t));
}

const graph = files(SRC).map((file) => ({
  file,
  module: moduleOf(file),
  imports: importsOf(file).map((t) => ({ path: t, module: moduleOf(t + '.ts') })),
}));

describe('architecture', () => {
  it('platform/ knows no business word: it imports no domain module', () => {
    const offenders = graph
      .filter((f) => f.module === 'platform')
      .flatMap((f) => f.imports.filter((i) => DOMAIN.includes(i.module)).map((i) => `${path.relative(SRC, f.file)} → ${i.module}`));
    expect(offenders).toEqual([]);
  });

  it('domain modules never import web/ or cli/', () => {
    const offenders = graph
      .filter((f) => DOMAIN.includes(f.module))
      .flatMap((f) => f.imports.filter((i) => ['web', 'cli'].includes(i.module)).map((i) => `${path.relative(SRC, f.file)} → ${i.module}`));
    expect(offenders).toEqual([]);
  });

  it('audit/ is a sink: it imports no other domain module', () => {
    const offenders = graph
      .filter((f) => f.module === 'audit')
      .flatMap((f) =>
        f.imports
          .filter((i) => DOMAIN.includes(i.module) && i.module !== 'audit')
          .map((i) => `${path.relative(SRC, f.file)} → ${i.module}`),
      );
    expect(offenders).toEqual([]);
  });

  it('authorities/ stands alone: data and rules, no other domain module', () => {
    const offenders = graph
      .filter((f) => f.module === 'authorities')
      .flatMap((f) =>
        f.imports
          .filter((i) => DOMAIN.includes(i.module) && i.module !== 'authorities')
          .map((i) => `${path.relative(SRC, f.file)} → ${i.module}`),
      );
    expect(offenders).toEqual([]);
  });

  it('dependencies between domain modules run one way only (no cycles)', () => {
    const edges = new Map<string, Set<string>>();
    for (const f of graph) {
      if (!DOMAIN.includes(f.module)) continue;
      for (const i of f.imports)
        if (DOMAIN.includes(i.module) && i.module !== f.module)
          (edges.get(f.module) ?? edges.set(f.module, new Set()).get(f.module)!).add(i.module);
    }
    const cycles: string[] = [];
    const visit = (node: string, trail: string[]) => {
      if (trail.includes(node)) return void cycles.push([...trail.slice(trail.indexOf(node)), node].join(' → '));
      for (const next of edges.get(node) ?? []) visit(next, [...trail, node]);
    };
    for (const node of edges.keys()) visit(node, []);
    expect(cycles).toEqual([]);
  });

  // Escalations hang off obligations (docs/escalations.md); the digest lists the open duties through
  // obligations/open-duties.service.ts. Nothing in escalations/ imports deadlines/.
  it('escalations/ never imports deadlines/', () => {
    const offenders = graph
      .filter((f) => f.module === 'escalations')
      .flatMap((f) =>
        f.imports.filter((i) => i.module === 'deadlines').map((i) => `${path.relative(SRC, f.file)} → ${path.relative(SRC, i.path)}`),
      );
    expect(offenders).toEqual([]);
  });

  // deadlines/ is the reading side of the open duties (GET /deadlines, its filter, the urgency bands,
  // the calendar address): no domain module builds on it, only the pages and the API description read it.
  it('no domain module imports deadlines/ (the pages and openapi/ aside)', () => {
    const offenders = graph
      .filter((f) => DOMAIN.includes(f.module) && f.module !== 'deadlines')
      .flatMap((f) =>
        f.imports.filter((i) => i.module === 'deadlines').map((i) => `${path.relative(SRC, f.file)} → ${path.relative(SRC, i.path)}`),
      );
    expect(offenders).toEqual([]);
  });

  // The two clocks per incident are retired (migrations/1795840000000-RetireClocks.ts): no import
  // names a file that is gone, and no statement outside migrations/ names their table.
  it('every relative import names a file that exists', () => {
    const missing = graph.flatMap((f) =>
      f.imports
        .filter((i) => !['.ts', '.js', '/index.ts'].some((ext) => fs.existsSync(i.path + ext)) && !fs.existsSync(i.path))
        .map((i) => `${path.relative(SRC, f.file)} → ${path.relative(SRC, i.path)}`),
    );
    expect(missing).toEqual([]);
  });

  it('no code reads or writes the retired clock table `deadline`', () => {
    const offenders = graph
      .filter(
        (f) =>
          /\b(FROM|INTO|UPDATE|JOIN|TABLE)\s+deadline\b/i.test(fs.readFileSync(f.file, 'utf8')) ||
          /@Entity\(\{ name: 'deadline' \}\)/.test(fs.readFileSync(f.file, 'utf8')),
      )
      .map((f) => path.relative(SRC, f.file));
    expect(offenders).toEqual([]);
  });

  // web/<page>/ folders (not web/shared/) reach data only through the modules' services, like the API.
  const pageFolderOf = (file: string) => {
    const [top, folder, ...rest] = path.relative(SRC, file).split(path.sep);
    return top === 'web' && rest.length > 0 && folder !== 'shared' ? folder : null;
  };

  it('web page folders import services, never repositories or the database', () => {
    const offenders = graph
      .filter((f) => pageFolderOf(f.file) !== null)
      .flatMap((f) =>
        f.imports
          .filter((i) => /\.repository$/.test(i.path) || i.path.includes(`${path.sep}platform${path.sep}database${path.sep}`))
          .map((i) => `${path.relative(SRC, f.file)} → ${path.relative(SRC, i.path)}`),
      );
    expect(offenders).toEqual([]);
  });

  it('web page folders leave the session, the form token and the page headers to web/shared/', () => {
    const offenders = files(path.join(SRC, 'web'))
      .filter((f) => pageFolderOf(f) !== null)
      .filter((f) =>
        /csrfValid\(|parseCookie|headers\.cookie|content-security-policy', PAGE_CSP|redirect\(reply/.test(fs.readFileSync(f, 'utf8')),
      )
      .map((f) => path.relative(SRC, f));
    expect(offenders).toEqual([]);
  });

  it('HTML is escaped by hand in one place only (platform/html/escape-html.ts)', () => {
    const offenders = files(SRC)
      .filter((f) => f !== path.join(SRC, 'platform', 'html', 'escape-html.ts'))
      .filter((f) => /'&amp;'|'&lt;'/.test(fs.readFileSync(f, 'utf8')))
      .map((f) => path.relative(SRC, f));
    expect(offenders).toEqual([]);
  });

  it('the web layer compares secrets only through platform/security/signed-token.ts', () => {
    const offenders = files(path.join(SRC, 'web'))
      .filter((f) => /timingSafeEqual|createHmac/.test(fs.readFileSync(f, 'utf8')))
      .map((f) => path.relative(SRC, f));
    expect(offenders).toEqual([]);
  });

  it('pure domain/ folders import neither Nest nor TypeORM', () => {
    const offenders = files(SRC)
      .filter((f) => f.split(path.sep).includes('domain'))
      .filter((f) => /from '(@nestjs\/[^']+|typeorm)'/.test(fs.readFileSync(f, 'utf8')))
      .map((f) => path.relative(SRC, f));
    expect(offenders).toEqual([]);
  });

  it('time comes only from the injected Clock: no Date.now() or new Date() outside platform/clock', () => {
    const offenders = files(SRC)
      .filter((f) => !f.includes(`${path.sep}platform${path.sep}clock${path.sep}`))
      .filter((f) => /Date\.now\(\)|new Date\(\)/.test(fs.readFileSync(f, 'utf8')))
      .map((f) => path.relative(SRC, f));
    expect(offenders).toEqual([]);
  });

  it('process.env is read only in config/ and the entry points', () => {
    const offenders = files(SRC)
      .filter((f) => /process\.env/.test(fs.readFileSync(f, 'utf8')))
      .map((f) => path.relative(SRC, f))
      .filter((f) => !f.startsWith('config' + path.sep) && f !== 'main.ts' && f !== path.join('cli', 'main.ts'));
    expect(offenders).toEqual([]);
  });

  it('i18n/ is a leaf: its catalogs and helpers import no domain module, web/ or cli/', () => {
    const offenders = graph
      .filter((f) => f.module === 'i18n')
      .flatMap((f) =>
        f.imports
          .filter((i) => DOMAIN.includes(i.module) || ['web', 'cli'].includes(i.module))
          .map((i) => `${path.relative(SRC, f.file)} → ${i.module}`),
      );
    expect(offenders).toEqual([]);
  });

  // Words come from the catalogs (src/i18n/): code asks for a key, never compares a language code to
  // choose words in place (`lang === 'de' ? … : …`, `const de = lang === 'de'`).
  const choosesWordsByLanguage = (text: string) => /[!=]==?\s*'(de|en)'|'(de|en)'\s*[!=]==?/.test(text);

  it('words are chosen by the catalog: no comparison with a language code outside i18n/', () => {
    const offenders = files(SRC)
      .map((f) => path.relative(SRC, f))
      .filter((f) => !f.startsWith('i18n' + path.sep))
      .filter((f) => choosesWordsByLanguage(fs.readFileSync(path.join(SRC, f), 'utf8')));
    expect(offenders).toEqual([]);
  });

  // Nothing outside i18n/ holds German or English words for the UI: no German literal (umlaut, ß or a
  // common German word, see i18n/ui-words-check.ts) in the code that shows words to people, and no
  // English phrase in the pages' code. The regulatory regimes (obligations/domain/regimes) are data
  // quoted from the law, not UI, and are not scanned; tests are not scanned.
  const SHOWS_WORDS = ['web', 'notifications', 'escalations', 'register'];
  const ENGLISH_CHECKED = ['web'];
  // [file, the literal (or its start), why it may stay]
  const UI_WORDS_ALLOWED: [string, string, string][] = [
    [path.join('web', 'shared', 'web-errors.ts'), 'Not signed in', "a problem+json title for a page's script: API answers are English"],
    [path.join('web', 'shared', 'web-exception.filter.ts'), 'Not signed in', 'the same title, answered'],
    [path.join('web', 'shared', 'web-errors.ts'), 'The form token is missing or wrong', 'a problem+json title, as above'],
    [path.join('web', 'shared', 'web-exception.filter.ts'), 'The form token is missing or wrong', 'the same title, answered'],
    [
      path.join('web', 'shared', 'sessions.service.ts'),
      'Too many failed attempts.',
      "a DomainError's message (English, like the API's); the page says web.loginLimited",
    ],
    [
      path.join('web', 'shared', 'web-answer.ts'),
      'Forbidden: the form token',
      'the bare 403 body of a post without its form token, one text for every language',
    ],
    [
      path.join('escalations', 'escalations.controller.ts'),
      '',
      'the acknowledgement page answers a mail recipient without an account, in both languages at once',
    ],
  ];

  it('nothing outside i18n/ holds German or English words for the UI (beyond a short list with reasons)', () => {
    const offenders = SHOWS_WORDS.filter((dir) => fs.existsSync(path.join(SRC, dir)))
      .flatMap((dir) => files(path.join(SRC, dir)).map((f) => ({ f: path.relative(SRC, f), english: ENGLISH_CHECKED.includes(dir) })))
      .flatMap(({ f, english }) =>
        uiWords(fs.readFileSync(path.join(SRC, f), 'utf8'), { english })
          .filter((w) => !UI_WORDS_ALLOWED.some(([file, start]) => file === f && w.text.startsWith(start)))
          .map((w) => `${f}:${w.line} ${w.language}: ${w.text}`),
      );
    expect(offenders).toEqual([]);
  });

  it('every exception to the UI-words wall is still needed', () => {
    const unused = UI_WORDS_ALLOWED.filter(
      ([file, start]) =>
        !fs.existsSync(path.join(SRC, file)) ||
        !uiWords(fs.readFileSync(path.join(SRC, file), 'utf8'), { english: true }).some((w) => w.text.startsWith(start)),
    ).map(([file, start]) => `${file}: ${start}`);
    expect(unused).toEqual([]);
  });

  it('a controller file exports its controller class and nothing else', () => {
    const offenders = files(SRC)
      .filter((f) => f.endsWith('.controller.ts'))
      .flatMap((f) =>
        [
          ...fs
            .readFileSync(f, 'utf8')
            .matchAll(/^export\s+(?:default\s+)?(?:abstract\s+)?(?:async\s+)?(?:function|class|const|let|interface|type|enum)\s+(\w+)/gm),
        ]
          .map((m) => m[1])
          .filter((name) => !name.endsWith('Controller'))
          .map((name) => `${path.relative(SRC, f)} exports ${name}`),
      );
    expect(offenders).toEqual([]);
  });

  it('response mappers live in dto/*.response.ts, and only modules import a controller', () => {
    const mappers = files(SRC)
      .filter((f) => !/\.response\.ts$/.test(f))
      .flatMap((f) =>
        [...fs.readFileSync(f, 'utf8').matchAll(/^export\s+function\s+(to\w+(?:Response|Summary))\b/gm)].map(
          (m) => `${path.relative(SRC, f)} exports ${m[1]}`,
        ),
      );
    const controllerImports = graph
      .filter((f) => !f.file.endsWith('.module.ts'))
      .flatMap((f) =>
        f.imports.filter((i) => i.path.endsWith('.controller')).map((i) => `${path.relative(SRC, f.file)} → ${path.relative(SRC, i.path)}`),
      );
    expect([...mappers, ...controllerImports]).toEqual([]);
  });
});
