import { readContractCsv } from './contract-csv';
import { planImport } from './contract-import-plan';

const HEADER = 'controller_slug,controller_name,country,region,sector,dpo_name,dpo_email,reference,notice_hours';

describe('readContractCsv', () => {
  it('reads a BOM, CRLF, quoted commas and a quoted line break, numbering rows by the line they start on', () => {
    const text = `\uFEFF${HEADER}\r\nacme,"ACME, Inc.",de,de-he,,"Dana
DPO",DPO@acme.example,R-1,\r\nacme,"ACME, Inc.",DE,DE-HE,private,"Dana
DPO",dpo@acme.example,R-2,12\r\n`;
    const { rows, problems } = readContractCsv(text);
    expect(problems).toEqual([]);
    const acme = {
      controllerSlug: 'acme',
      controllerName: 'ACME, Inc.',
      country: 'DE',
      region: 'DE-HE',
      sector: 'private',
      dpoName: 'Dana\nDPO',
      dpoEmail: 'dpo@acme.example',
    };
    expect(rows).toEqual([
      { line: 2, ...acme, reference: 'R-1', noticeHours: 24 },
      { line: 4, ...acme, reference: 'R-2', noticeHours: 12 },
    ]);
  });

  it('names every bad line and column, an unclosed quote, a short line and an empty file', () => {
    const text = [
      HEADER,
      'ok-1,A,DE,,,D,d@a.example,R-1,24',
      'X,A,QQ,,both,D,d@a.example,,721',
      'ok-2,A,DE',
      'ok-3,"A,DE,,,D,d@a.example,R-3,24',
    ].join('\n');
    const { problems } = readContractCsv(text);
    expect(problems.map((p) => `${p.line} ${p.column}`)).toEqual([
      '3 controller_slug',
      '3 country',
      '3 sector',
      '3 reference',
      '3 notice_hours',
      '4 ',
      '5 ',
    ]);
    expect(readContractCsv('').problems).toEqual([{ line: 1, column: '', message: 'the file is empty' }]);
  });

  it('wants exactly the nine columns in the header', () => {
    expect(readContractCsv('controller_slug,reference,extra\n').problems.map((p) => p.message)).toContain(
      'unknown column "extra" (expected controller_slug,controller_name,country,region,sector,dpo_name,dpo_email,reference,notice_hours)',
    );
  });
});

describe('planImport', () => {
  const row = (line: number, slug: string, reference: string, extra: Partial<Record<string, unknown>> = {}) =>
    ({
      line,
      controllerSlug: slug,
      controllerName: 'N',
      country: 'DE',
      region: null,
      sector: 'private',
      dpoName: 'D',
      dpoEmail: `${slug}@x.example`,
      reference,
      noticeHours: 24,
      ...extra,
    }) as never;
  const state = {
    processorId: 'p',
    controllers: new Map([['known', { id: 'c1', kind: 'controller' as const }]]),
    takenEmails: new Set<string>(),
    contracts: new Map([['R-1', [{ id: 'k1', controllerId: 'c1', noticeHours: 24 }]]]),
  };

  it('creates new controllers once, updates known references, counts the unchanged', () => {
    const plan = planImport(
      [row(2, 'known', 'R-1'), row(3, 'fresh', 'R-2'), row(4, 'fresh', 'R-3'), row(5, 'known', 'R-4', { noticeHours: 6 })],
      state,
    );
    expect(plan.problems).toEqual([]);
    expect(plan.newControllers.map((c) => c.slug)).toEqual(['fresh']);
    expect(plan.inserts.map((c) => c.reference)).toEqual(['R-2', 'R-3', 'R-4']);
    expect(plan.unchanged).toBe(1);
    const changed = planImport([row(2, 'known', 'R-1', { noticeHours: 48 })], state);
    expect(changed.updates).toEqual([{ line: 2, contractId: 'k1', reference: 'R-1', from: 24, to: 48 }]);
  });

  it('refuses a moved reference, a duplicate, disagreeing rows of one new controller', () => {
    const plan = planImport([row(2, 'fresh', 'R-1'), row(3, 'fresh', 'R-2', { controllerName: 'Other' }), row(4, 'known', 'R-2')], state);
    expect(plan.problems.map((p) => `${p.line} ${p.column}`)).toEqual(['2 reference', '3 controller_name', '4 reference']);
  });
});
