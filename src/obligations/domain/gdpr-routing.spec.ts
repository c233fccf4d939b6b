import { at, derive, facts, iso, keysOf, spec } from '../../../test/support/obligation-facts';
import { fulfilObligation, viewObligation } from '.';

// Which GDPR, UK GDPR and FADP duties an incident has (regulatory.md §9.4, §10.1 D21–D23;
// competent-authority.md). Each target authority is its own obligation with its own clock.

const AWARE = at('2025-06-06T15:42:10Z');
const authorityKeys = (f: ReturnType<typeof facts>) => keysOf(derive(f)).filter((k) => k.includes('notify_authority'));

describe('gdpr/notify_authority: one obligation per target authority', () => {
  it('D23: a German GmbH in Freiburg (BW) with customers only in Germany notifies the LfDI Baden-Württemberg', () => {
    const d = derive(facts());
    expect(keysOf(d)).toEqual(['gdpr/notify_authority/de-bw']);
    expect(spec(d, 'gdpr/notify_authority/de-bw')).toMatchObject({
      recipient: { kind: 'authority', authorityId: 'de-bw', country: 'DE' },
      startsAt: AWARE,
      dueAt: at('2025-06-09T15:42:10Z'),
      lateNeedsReasons: true,
      unresolved: null,
    });
  });

  it('cross-border with an EU main establishment: only the lead authority (Art. 56(1)), not one per country', () => {
    const d = derive(
      facts({
        organization: { region: 'DE-HE', euMainEstablishment: { country: 'DE', region: 'DE-HE' } },
        incident: { affectedCountries: ['DE', 'FR', 'AT'] },
      }),
    );
    expect(keysOf(d)).toEqual(['gdpr/notify_authority/de-he']);
    expect(spec(d, 'gdpr/notify_authority/de-he').routing).toContain('lead authority of the main establishment (Art. 56(1) GDPR)');
  });

  it('a US company with people affected in France and Italy owes the CNIL and the Garante, each its own obligation', () => {
    const d = derive(
      facts({
        organization: { name: 'Shop Inc.', country: 'US', region: null, euMainEstablishment: null },
        incident: { affectedCountries: ['FR', 'IT'] },
      }),
    );
    expect(keysOf(d)).toEqual(['gdpr/notify_authority/fr', 'gdpr/notify_authority/it']);
    for (const s of d.specs) {
      expect(iso(s.dueAt)).toBe('2025-06-09T15:42:10.000Z');
      expect(s.routing).toContain('EDPB 9/2022 para 73');
    }
  });

  it("filing with the CNIL leaves the Garante running: one fulfilment never ends another recipient's duty", () => {
    const d = derive(
      facts({ organization: { country: 'US', region: null, euMainEstablishment: null }, incident: { affectedCountries: ['FR', 'IT'] } }),
    );
    const cnil = fulfilObligation({ ...spec(d, 'gdpr/notify_authority/fr'), phase: 'live' }, { at: at('2025-06-07T10:00:00Z'), by: 'n-1' });
    const garante = { ...spec(d, 'gdpr/notify_authority/it'), phase: 'live' as const };
    const now = at('2025-06-07T12:00:00Z');
    expect(cnil.ok && viewObligation(cnil.obligation, now).state).toBe('met');
    expect(viewObligation(garante, now)).toMatchObject({ state: 'running', secondsLeft: 2 * 86_400 + 3 * 3600 + 42 * 60 + 10 });
  });

  it('D22: a US shop with an EU representative in Ireland notifies per member state of residence (DE, FR, IT), not the Irish DPC', () => {
    const d = derive(
      facts({
        organization: { country: 'US', region: null, euMainEstablishment: null },
        incident: { affectedCountries: ['DE', 'FR', 'IT'] },
      }),
    );
    expect(keysOf(d)).toEqual(['gdpr/notify_authority/fr', 'gdpr/notify_authority/it', 'gdpr/notify_authority/country:DE']);
    const germany = spec(d, 'gdpr/notify_authority/country:DE');
    expect(germany.recipient).toEqual({ kind: 'authority', name: 'a supervisory authority in DE (to be confirmed)', country: 'DE' });
    expect(germany.unresolved).toContain('which of its authorities is competent is not settled');
    expect(iso(germany.dueAt)).toBe('2025-06-09T15:42:10.000Z');
  });

  it('a UK controller with EU customers owes the ICO and the EU authority of each member state, not only the ICO', () => {
    const d = derive(
      facts({ organization: { country: 'GB', region: null, euMainEstablishment: null }, incident: { affectedCountries: ['GB', 'FR'] } }),
    );
    expect(keysOf(d)).toEqual(['gdpr/notify_authority/fr', 'uk_gdpr/notify_authority/gb']);
    expect(iso(spec(d, 'uk_gdpr/notify_authority/gb').dueAt)).toBe('2025-06-09T15:42:10.000Z');
  });

  it('a UK controller with only UK people owes the ICO alone', () => {
    expect(
      authorityKeys(
        facts({ organization: { country: 'GB', region: null, euMainEstablishment: null }, incident: { affectedCountries: ['GB'] } }),
      ),
    ).toEqual(['uk_gdpr/notify_authority/gb']);
  });

  it('a Swiss controller with Austrian customers owes the Austrian DSB (72 h) and the FDPIC (no fixed deadline), not a 72-hour FDPIC clock', () => {
    const d = derive(
      facts({ organization: { country: 'CH', region: null, euMainEstablishment: null }, incident: { affectedCountries: ['CH', 'AT'] } }),
    );
    expect(keysOf(d)).toEqual(['gdpr/notify_authority/at', 'ch_fadp/notify_authority/ch']);
    expect(spec(d, 'ch_fadp/notify_authority/ch')).toMatchObject({ startsAt: AWARE, dueAt: null, lateNeedsReasons: false });
    expect(viewObligation(spec(d, 'ch_fadp/notify_authority/ch'), at('2025-06-20T00:00:00Z'))).toMatchObject({
      state: 'open',
      openSince: AWARE,
    });
  });

  it('a German controller with people in Germany, the UK and Switzerland owes three filings', () => {
    expect(authorityKeys(facts({ incident: { affectedCountries: ['DE', 'GB', 'CH'] } }))).toEqual([
      'gdpr/notify_authority/de-bw',
      'uk_gdpr/notify_authority/gb',
      'ch_fadp/notify_authority/ch',
    ]);
  });

  it('public bodies: a Bavarian Land body goes to the BayLfD, a private Bavarian company to the BayLDA, a federal body to the BfDI', () => {
    const by = { region: 'DE-BY', euMainEstablishment: { country: 'DE', region: 'DE-BY' } };
    expect(authorityKeys(facts({ organization: { ...by, sector: 'public', publicLevel: 'state' } }))).toEqual([
      'gdpr/notify_authority/de-by-lfd',
    ]);
    expect(authorityKeys(facts({ organization: by }))).toEqual(['gdpr/notify_authority/de-by-lda']);
    expect(authorityKeys(facts({ organization: { ...by, sector: 'public', publicLevel: 'federal' } }))).toEqual([
      'gdpr/notify_authority/de-bfdi',
    ]);
  });

  it('a public body is never routed to a lead authority (Art. 55(2)), even when people abroad are affected', () => {
    const d = derive(
      facts({
        organization: { region: 'DE-HE', euMainEstablishment: { country: 'DE', region: 'DE-HE' }, sector: 'public', publicLevel: 'state' },
        incident: { affectedCountries: ['DE', 'FR'] },
      }),
    );
    expect(keysOf(d)).toEqual(['gdpr/notify_authority/de-he']);
    expect(spec(d, 'gdpr/notify_authority/de-he').routing).not.toContain('lead authority');
  });

  it('a German controller without its Land keeps the duty with an unresolved recipient and says which fact is missing', () => {
    const d = derive(facts({ organization: { region: null, euMainEstablishment: { country: 'DE', region: null } } }));
    expect(keysOf(d)).toEqual(['gdpr/notify_authority/country:DE']);
    expect(d.problems).toEqual([{ path: 'region', message: expect.stringContaining('§ 40 BDSG') }]);
  });

  it("the organization's chosen authority wins; a non-EU one is ignored for the GDPR with a problem", () => {
    expect(authorityKeys(facts({ organization: { authorityOverrideId: 'de-bfdi' } }))).toEqual(['gdpr/notify_authority/de-bfdi']);
    const d = derive(facts({ organization: { authorityOverrideId: 'gb' } }));
    expect(keysOf(d)).toEqual(['gdpr/notify_authority/de-bw']);
    expect(d.problems[0].path).toBe('authorityOverrideId');
  });

  it('a decision not to notify (unlikely risk) removes the GDPR, UK and FADP duties, with the reason', () => {
    const d = derive(
      facts({
        incident: { affectedCountries: ['DE', 'GB', 'CH'] },
        decisions: { notifyAuthority: false, decidedAt: at('2025-06-07T09:00:00Z') },
      }),
    );
    expect(keysOf(d)).toEqual([]);
    expect(d.exclusions.filter((e) => e.duty === 'notify_authority' && e.regime !== 'eprivacy').map((e) => [e.regime, e.reason])).toEqual([
      ['gdpr', expect.stringContaining('unlikely to result in a risk (Art. 33(1) GDPR)')],
      ['uk_gdpr', expect.stringContaining('unlikely to result in a risk')],
      ['ch_fadp', expect.stringContaining('unlikely to result in a risk')],
    ]);
  });

  it('a processor draft has only the processor duty: the controller has not been told yet', () => {
    const d = derive(facts({ incident: { submitted: false, controllerAwareAt: null, contract: { noticeHours: 24 } } }));
    expect(keysOf(d)).toEqual(['contract/report_to_controller/controller']);
    expect(d.exclusions.find((e) => e.regime === 'gdpr' && e.duty === 'notify_authority')?.reason).toContain('draft');
  });
});

describe('ch_fadp/notify_authority: only for a likely high risk (revFADP Art. 24)', () => {
  const swiss = { organization: { country: 'CH', region: null, euMainEstablishment: null }, incident: { affectedCountries: ['CH'] } };

  it('is provisional while the risk is not assessed: shown and open, with the open question in words', () => {
    expect(spec(derive(facts(swiss)), 'ch_fadp/notify_authority/ch').provisional).toContain('not assessed yet');
  });

  it('is firm once a high risk is found', () => {
    expect(spec(derive(facts({ ...swiss, decisions: { highRisk: true } })), 'ch_fadp/notify_authority/ch').provisional).toBeNull();
  });

  it('does not arise when the risk is assessed as not high', () => {
    const d = derive(facts({ ...swiss, decisions: { highRisk: false } }));
    expect(keysOf(d)).toEqual([]);
    expect(d.exclusions.find((e) => e.regime === 'ch_fadp')?.reason).toBe('the breach is assessed as not likely to result in a high risk');
  });
});

describe('gdpr/communicate_to_data_subjects (Art. 34): from the decision to tell the people, no fixed deadline', () => {
  const decidedAt = at('2025-06-07T09:00:00Z');

  it('starts at the decision and is open (no dueAt) until fulfilled', () => {
    const s = spec(
      derive(facts({ decisions: { notifyAuthority: true, notifySubjects: true, highRisk: true, decidedAt } })),
      'gdpr/communicate_to_data_subjects/data_subjects',
    );
    expect(s).toMatchObject({ recipient: { kind: 'data_subjects' }, startsAt: decidedAt, dueAt: null, lateNeedsReasons: false });
    expect(viewObligation(s, at('2025-06-08T09:00:00Z'))).toEqual({
      state: 'open',
      startsAt: decidedAt,
      dueAt: null,
      secondsLeft: null,
      openSince: decidedAt,
      fulfilledAt: null,
    });
    const done = fulfilObligation({ ...s, phase: 'live' }, { at: at('2025-06-30T00:00:00Z'), by: 'letter' });
    expect(done.ok && done.obligation.frozen.outcome).toBe('met');
  });

  it('goes to the public when the decision chose a public communication (34(3)(c))', () => {
    const d = derive(facts({ decisions: { notifySubjects: false, subjectsExemption: '34(3)(c)', decidedAt } }));
    expect(spec(d, 'gdpr/communicate_to_data_subjects/public').recipient.kind).toBe('public');
  });

  it('does not exist without a decision to tell the people', () => {
    expect(keysOf(derive(facts({ decisions: { notifySubjects: false, decidedAt } })))).not.toContain(
      'gdpr/communicate_to_data_subjects/data_subjects',
    );
    expect(derive(facts()).exclusions.find((e) => e.duty === 'communicate_to_data_subjects')?.reason).toBe(
      'no decision to tell the people yet',
    );
  });
});

describe('D21: a hosting processor tells each controller; each controller owes its own authority', () => {
  it("gives each controller incident the processor duty towards that controller and the controller's own GDPR duty", () => {
    const discoveredAt = at('2025-03-03T08:00:00Z');
    const a = derive(
      facts({
        organization: { name: 'Controller A GmbH' },
        incident: { contract: { noticeHours: 24 }, discoveredAt, controllerAwareAt: at('2025-03-03T12:00:00Z') },
      }),
    );
    const b = derive(
      facts({
        organization: { name: 'Controller B GmbH', region: 'DE-HE', euMainEstablishment: { country: 'DE', region: 'DE-HE' } },
        incident: { contract: { noticeHours: 48 }, discoveredAt, controllerAwareAt: at('2025-03-04T08:00:00Z') },
      }),
    );
    expect(keysOf(a)).toEqual(['contract/report_to_controller/controller', 'gdpr/notify_authority/de-bw']);
    expect(keysOf(b)).toEqual(['contract/report_to_controller/controller', 'gdpr/notify_authority/de-he']);
    expect(spec(a, 'contract/report_to_controller/controller')).toMatchObject({
      recipient: { kind: 'controller', name: 'Controller A GmbH' },
      dueAt: at('2025-03-04T08:00:00Z'),
    });
    expect(iso(spec(b, 'contract/report_to_controller/controller').dueAt)).toBe('2025-03-05T08:00:00.000Z');
    expect(iso(spec(b, 'gdpr/notify_authority/de-he').dueAt)).toBe('2025-03-07T08:00:00.000Z');
  });
});
