import { at, derive, facts, FactsOverrides, iso, keysOf, spec } from '../../../test/support/obligation-facts';
import { DoraEntityType } from '.';

// DORA Art. 19(4) with Delegated Regulation (EU) 2025/301 Art. 5: initial notification 4 h from
// classification as major and at the latest 24 h from awareness (classified after those 24 h: 4 h
// from classification); intermediate report 72 h from the initial one; final report one month after
// the latest intermediate; a deadline on a weekend or bank holiday moves to noon of the next working
// day, except the initial and intermediate reports of credit institutions, CCPs, trading venues and
// NIS2 entities. Germany: to BaFin; German public holidays.

const INITIAL = 'dora/initial_notification/de-bafin';
const INTERMEDIATE = 'dora/intermediate_report/de-bafin';
const FINAL = 'dora/final_report/de-bafin';

function dora(awareAt: string, classifiedAt: string, over: FactsOverrides & { type?: DoraEntityType | null } = {}) {
  return facts({
    ...over,
    organization: { dora: true, doraEntityType: over.type === undefined ? 'other' : over.type, ...over.organization },
    classifications: { dora: { major: true, awareAt: at(awareAt), classifiedAt: at(classifiedAt) } },
  });
}
const due = (f: ReturnType<typeof facts>, key: string) => iso(spec(derive(f), key).dueAt);

describe('dora/initial_notification: 4 h from classification, at the latest 24 h from awareness', () => {
  it('classified two hours after awareness: due 4 h after classification', () => {
    const d = derive(dora('2025-06-02T08:00:00Z', '2025-06-02T10:00:00Z'));
    expect(keysOf(d)).toEqual(['gdpr/notify_authority/de-bw', INITIAL, INTERMEDIATE, FINAL]);
    expect(spec(d, INITIAL)).toMatchObject({
      recipient: { kind: 'authority', authorityId: 'de-bafin' },
      startsAt: at('2025-06-02T10:00:00Z'),
      dueAt: at('2025-06-02T14:00:00Z'),
    });
  });

  it('classified 22 h after awareness: the 24-hour limit comes first', () => {
    expect(due(dora('2025-06-02T08:00:00Z', '2025-06-03T06:00:00Z'), INITIAL)).toBe('2025-06-03T08:00:00.000Z');
  });

  it('classified only after those 24 h: 4 h from classification (Art. 5(2))', () => {
    expect(due(dora('2025-06-02T08:00:00Z', '2025-06-03T09:00:00Z'), INITIAL)).toBe('2025-06-03T13:00:00.000Z');
  });

  it('classified exactly at the 24-hour mark: due at that moment (still "within the 24 hours")', () => {
    expect(due(dora('2025-06-02T08:00:00Z', '2025-06-03T08:00:00Z'), INITIAL)).toBe('2025-06-03T08:00:00.000Z');
  });
});

describe('weekend and bank-holiday rule (Art. 5(4)) and its exceptions (Art. 5(5))', () => {
  // Classified Friday 22:00 CEST → 4 h → Saturday 02:00 CEST; Monday 9 June 2025 is Whit Monday.
  const friday = (type: DoraEntityType | null, over: FactsOverrides = {}) =>
    dora('2025-06-06T14:00:00Z', '2025-06-06T20:00:00Z', { ...over, type });

  it('a deadline on Saturday moves past the weekend and Whit Monday to Tuesday 12:00 CEST', () => {
    expect(due(friday('other'), INITIAL)).toBe('2025-06-10T10:00:00.000Z');
  });

  it('not for credit institutions, CCPs, trading venues: the initial notification stays on Saturday 02:00 CEST', () => {
    for (const type of ['credit_institution', 'central_counterparty', 'trading_venue'] as const)
      expect(due(friday(type), INITIAL)).toBe('2025-06-07T00:00:00.000Z');
  });

  it('not for an entity designated under NIS2, and not while the entity type is unknown', () => {
    expect(due(friday('other', { organization: { nis2: 'important' } }), INITIAL)).toBe('2025-06-07T00:00:00.000Z');
    expect(due(friday(null), INITIAL)).toBe('2025-06-07T00:00:00.000Z');
  });

  it('a working-day deadline is not moved', () => {
    expect(due(dora('2025-06-03T08:00:00Z', '2025-06-03T09:00:00Z'), INITIAL)).toBe('2025-06-03T13:00:00.000Z');
  });

  it('Christmas: due on 25 December moves over 26 December and the weekend to Monday 29 December 12:00 CET', () => {
    expect(due(dora('2025-12-25T06:00:00Z', '2025-12-25T07:00:00Z'), INITIAL)).toBe('2025-12-29T11:00:00.000Z');
  });

  it("uses the member state's holidays: 9 June 2025 is no holiday in Ireland, so Saturday's deadline moves to Monday noon IST", () => {
    const irish = friday('other', {
      organization: { country: 'IE', region: null, euMainEstablishment: { country: 'IE', region: null } },
      incident: { affectedCountries: ['IE'] },
    });
    expect(due(irish, 'dora/initial_notification/ie-cbi')).toBe('2025-06-09T11:00:00.000Z');
  });
});

describe('dora/intermediate_report and dora/final_report: chained to the filings', () => {
  const initialFiled = { key: INITIAL, filedAt: at('2025-06-04T10:00:00Z') };

  it('are pending until their anchor filing exists', () => {
    const d = derive(dora('2025-06-04T06:00:00Z', '2025-06-04T07:00:00Z'));
    expect(spec(d, INTERMEDIATE)).toMatchObject({ startsAt: null, dueAt: null });
    expect(spec(d, FINAL)).toMatchObject({ startsAt: null, dueAt: null });
  });

  it('intermediate: 72 h after the initial notification was filed (Saturday → Tuesday noon after Whit Monday)', () => {
    const f = (type: DoraEntityType) => dora('2025-06-04T06:00:00Z', '2025-06-04T07:00:00Z', { type, filings: [initialFiled] });
    expect(spec(derive(f('other')), INTERMEDIATE).startsAt).toEqual(initialFiled.filedAt);
    expect(due(f('other'), INTERMEDIATE)).toBe('2025-06-10T10:00:00.000Z');
    expect(due(f('credit_institution'), INTERMEDIATE)).toBe('2025-06-07T10:00:00.000Z');
  });

  it('final: one month after the latest (updated) intermediate report; a Sunday end moves to Monday noon, for credit institutions too', () => {
    const filings = [
      initialFiled,
      { key: INTERMEDIATE, filedAt: at('2025-06-10T09:00:00Z') },
      { key: INTERMEDIATE, filedAt: at('2025-06-20T09:00:00Z') },
    ];
    for (const type of ['other', 'credit_institution'] as const) {
      const s = spec(derive(dora('2025-06-04T06:00:00Z', '2025-06-04T07:00:00Z', { type, filings })), FINAL);
      expect(s.startsAt).toEqual(at('2025-06-20T09:00:00Z'));
      expect(iso(s.dueAt)).toBe('2025-07-21T10:00:00.000Z'); // 20 July 2025 is a Sunday
    }
  });

  it('final: a month ending on a working day ends with that day (24:00 local)', () => {
    const filings = [initialFiled, { key: INTERMEDIATE, filedAt: at('2025-06-10T09:00:00Z') }];
    expect(due(dora('2025-06-04T06:00:00Z', '2025-06-04T07:00:00Z', { filings }), FINAL)).toBe('2025-07-10T22:00:00.000Z');
  });
});

describe('dora applicability and recipients', () => {
  it('needs a DORA financial entity and an incident classified as major', () => {
    expect(
      keysOf(derive(dora('2025-06-02T08:00:00Z', '2025-06-02T10:00:00Z', { organization: { dora: false } }))).some((k) =>
        k.startsWith('dora/'),
      ),
    ).toBe(false);
    const notMajor = derive(
      facts({
        organization: { dora: true },
        classifications: { dora: { major: false, awareAt: at('2025-06-02T08:00:00Z'), classifiedAt: at('2025-06-02T10:00:00Z') } },
      }),
    );
    expect(notMajor.exclusions.find((e) => e.regime === 'dora')?.reason).toBe(
      'the incident was classified as not a major ICT-related incident under DORA',
    );
  });

  it('goes to the FMA for an Austrian entity', () => {
    const at_ = dora('2025-06-02T08:00:00Z', '2025-06-02T10:00:00Z', {
      organization: { country: 'AT', region: null, euMainEstablishment: { country: 'AT', region: null } },
      incident: { affectedCountries: ['AT'] },
    });
    expect(keysOf(derive(at_))).toContain('dora/initial_notification/at-fma');
  });
});
