import { at, derive, facts, FactsOverrides, spec } from '../../../test/support/obligation-facts';
import { diffObligations, fulfilObligation, ObligationSpec, Stored, waiveObligation } from '.';

// Re-deriving after a fact change against what is stored: created, updated (old and new values),
// waived (with the reason), and fulfilled ones never touched.

const live = (s: ObligationSpec, id: string): Stored => ({ ...s, phase: 'live', id });
const fulfilled = (s: ObligationSpec, id: string, when: string): Stored => {
  const r = fulfilObligation(
    { ...s, phase: 'live' },
    { at: at(when), by: `n-${id}`, reasonsForDelay: 'The authority portal did not accept uploads.' },
  );
  if (!r.ok) throw new Error(r.message);
  return { ...r.obligation, id };
};
const diffFor = (stored: Stored[], over: FactsOverrides) => diffObligations(stored, derive(facts(over)));

const usShop = (countries: string[], over: FactsOverrides = {}): FactsOverrides => ({
  ...over,
  organization: { country: 'US', region: null, euMainEstablishment: null },
  incident: { affectedCountries: countries, ...over.incident },
});

describe('diffObligations', () => {
  const first = derive(facts(usShop(['FR', 'IT'])));
  const cnil = spec(first, 'gdpr/notify_authority/fr');
  const garante = spec(first, 'gdpr/notify_authority/it');

  it('creates everything on a fresh incident', () => {
    expect(diffObligations([], first).create.map((s) => s.key)).toEqual(['gdpr/notify_authority/fr', 'gdpr/notify_authority/it']);
  });

  it('leaves matching live obligations unchanged, also when a stored row lists its fields in another order', () => {
    const reordered = {
      ...live(garante, 'b'),
      recipient: { country: 'IT', name: garante.recipient.name, authorityId: 'it', kind: 'authority' as const },
      dueRule: { de: garante.dueRule.de, en: garante.dueRule.en },
    };
    expect(diffFor([live(cnil, 'a'), reordered], usShop(['FR', 'IT']))).toEqual({
      create: [],
      update: [],
      waive: [],
      unchanged: ['a', 'b'],
      untouched: [],
    });
  });

  it('re-dating the awareness moves live deadlines (old and new values) and never a fulfilled one', () => {
    const d = diffFor(
      [fulfilled(cnil, 'a', '2025-06-07T10:00:00Z'), live(garante, 'b')],
      usShop(['FR', 'IT'], { incident: { controllerAwareAt: at('2025-06-05T08:00:00Z') } }),
    );
    expect(d.untouched).toEqual(['a']);
    expect(d.create).toEqual([]);
    expect(d.update).toEqual([
      {
        id: 'b',
        key: 'gdpr/notify_authority/it',
        changes: {
          startsAt: { from: at('2025-06-06T15:42:10Z'), to: at('2025-06-05T08:00:00Z') },
          dueAt: { from: at('2025-06-09T15:42:10Z'), to: at('2025-06-08T08:00:00Z') },
        },
        next: expect.objectContaining({ key: 'gdpr/notify_authority/it' }),
      },
    ]);
  });

  it('a country no longer affected waives its duty with a routing reason; a new one is created', () => {
    const d = diffFor([live(cnil, 'a'), live(garante, 'b')], usShop(['FR', 'ES']));
    expect(d.create.map((s) => s.key)).toEqual(['gdpr/notify_authority/es']);
    expect(d.waive).toEqual([
      { id: 'b', key: 'gdpr/notify_authority/it', reason: expect.stringContaining('is no longer a recipient of gdpr/notify_authority') },
    ]);
  });

  it('a decision not to notify waives the open authority duties with its reason; a fulfilled one stays', () => {
    const d = diffFor(
      [fulfilled(cnil, 'a', '2025-06-07T10:00:00Z'), live(garante, 'b')],
      usShop(['FR', 'IT'], { decisions: { notifyAuthority: false, decidedAt: at('2025-06-07T12:00:00Z') } }),
    );
    expect(d.waive).toEqual([
      {
        id: 'b',
        key: 'gdpr/notify_authority/it',
        reason: 'no longer applies: the controller decided not to notify: the breach is unlikely to result in a risk (Art. 33(1) GDPR)',
      },
    ]);
    expect(d.untouched).toEqual(['a']);
  });

  it('withdrawing the NIS2 classification waives its open duties with the reason', () => {
    const nis2 = (significant: boolean): FactsOverrides => ({
      organization: { nis2: 'essential' },
      classifications: { nis2: { significant, awareAt: at('2025-06-06T10:00:00Z') } },
    });
    const before = derive(facts(nis2(true)))
      .specs.filter((s) => s.regime === 'nis2')
      .map((s, i) => live(s, `n${i}`));
    const d = diffFor(before, nis2(false));
    expect(d.waive.map((w) => [w.key, w.reason])).toEqual([
      ['nis2/early_warning/de-bsi', 'no longer applies: the incident was classified as not a significant incident under NIS2'],
      ['nis2/incident_notification/de-bsi', expect.any(String)],
      ['nis2/final_report/de-bsi', expect.any(String)],
    ]);
  });

  it('a filing starts the chained duty: the pending final report gets its start and deadline', () => {
    const over = (filings: FactsOverrides['filings']): FactsOverrides => ({
      organization: { nis2: 'essential' },
      classifications: { nis2: { significant: true, awareAt: at('2025-05-05T10:00:00Z') } },
      filings,
    });
    const final = live(spec(derive(facts(over([]))), 'nis2/final_report/de-bsi'), 'f');
    const d = diffFor([final], over([{ key: 'nis2/incident_notification/de-bsi', filedAt: at('2025-05-08T09:00:00Z') }]));
    expect(d.update.find((u) => u.id === 'f')?.changes).toEqual({
      startsAt: { from: null, to: at('2025-05-08T09:00:00Z') },
      dueAt: { from: null, to: at('2025-06-08T22:00:00Z') },
    });
  });

  it('a duty waived by hand stays waived while its start is the same', () => {
    const w = waiveObligation(live(garante, 'b'), {
      reason: 'The Italian addresses were test accounts only.',
      at: at('2025-06-07T00:00:00Z'),
      by: 'user',
    });
    if (!w.ok) throw new Error(w.message);
    const d = diffFor([live(cnil, 'a'), { ...w.obligation, id: 'b' }], usShop(['FR', 'IT']));
    expect(d).toMatchObject({ create: [], waive: [], unchanged: ['a'], untouched: ['b'] });
  });

  it('a duty the rules waived comes back as a new obligation when the facts bring it back', () => {
    const w = waiveObligation(live(garante, 'b'), {
      reason: 'no longer applies: Italy was removed from the countries',
      at: at('2025-06-07T00:00:00Z'),
      by: 'rules',
    });
    if (!w.ok) throw new Error(w.message);
    expect(diffFor([{ ...w.obligation, id: 'b' }], usShop(['IT'])).create.map((s) => s.key)).toEqual(['gdpr/notify_authority/it']);
  });

  it('reopen (EDPB 01/2021 case 02): a new awareness after a not-notifiable decision creates new duties due 72 h from it; the waived ones stay', () => {
    const german = derive(facts());
    const old = waiveObligation(live(spec(german, 'gdpr/notify_authority/de-bw'), 'old'), {
      reason: 'no longer applies: the controller decided not to notify',
      at: at('2025-06-07T09:00:00Z'),
      by: 'rules',
    });
    if (!old.ok) throw new Error(old.message);
    const reopened = {
      incident: { controllerAwareAt: at('2025-06-21T10:00:00Z') },
      decisions: { notifyAuthority: false, decidedAt: at('2025-06-07T09:00:00Z') },
    };
    const d = diffFor([{ ...old.obligation, id: 'old' }], reopened);
    expect(d.untouched).toEqual(['old']);
    expect(d.create).toEqual([
      expect.objectContaining({
        key: 'gdpr/notify_authority/de-bw',
        startsAt: at('2025-06-21T10:00:00Z'),
        dueAt: at('2025-06-24T10:00:00Z'),
      }),
    ]);
  });

  it('a closed incident reopened with a new awareness after the filing owes a new filing; before it, the filing answers it', () => {
    const filed = fulfilled(spec(derive(facts()), 'gdpr/notify_authority/de-bw'), 'a', '2025-06-08T10:00:00Z');
    expect(diffFor([filed], { incident: { controllerAwareAt: at('2025-06-05T10:00:00Z') } }).create).toEqual([]);
    expect(diffFor([filed], { incident: { controllerAwareAt: at('2025-07-01T10:00:00Z') } }).create.map((s) => s.key)).toEqual([
      'gdpr/notify_authority/de-bw',
    ]);
  });

  it('a second live obligation for one key is waived, the first stays', () => {
    const d = diffFor([live(cnil, 'a'), live(cnil, 'dup')], usShop(['FR']));
    expect(d.unchanged).toEqual(['a']);
    expect(d.waive).toEqual([{ id: 'dup', key: 'gdpr/notify_authority/fr', reason: expect.stringContaining('second live obligation') }]);
  });
});
