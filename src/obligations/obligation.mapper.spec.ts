import { Obligation } from './obligation.entity';
import { FactsRow, specColumns, toFacts, toRecord } from './obligation.mapper';

const at = (s: string) => new Date(s);

function factsRow(over: Partial<FactsRow> = {}): FactsRow {
  return {
    status: 'reported',
    controllerId: 'c',
    processorId: null,
    discoveredAt: at('2025-06-06T10:00:00Z'),
    controllerAwareAt: at('2025-06-06T12:00:00Z'),
    reportedToControllerAt: null,
    affectedCountries: ['FR', 'IT'],
    noticeHours: null,
    organization: {
      name: 'Acme Inc.',
      country: 'US',
      region: null,
      sector: 'private',
      publicLevel: null,
      nis2: null,
      dora: false,
      telecom: false,
      postal: false,
      authorityOverrideId: null,
    },
    decision: null,
    band: null,
    nis2: null,
    dora: null,
    filings: [],
    ...over,
  };
}

describe('obligation mapper', () => {
  it('reads a controller outside the EU as having no main establishment there, and a draft as not submitted', () => {
    const f = toFacts(factsRow({ status: 'draft' }));
    expect(f.organization.euMainEstablishment).toBeNull();
    expect(f.incident.submitted).toBe(false);
    expect(f.incident.contract).toBeNull();
    expect(f.decisions).toBeNull();
  });

  it('gives a processor report its contract hours and reads a high band as high risk, before any decision', () => {
    const f = toFacts(
      factsRow({
        processorId: 'p',
        noticeHours: 24,
        band: 'very_high',
        organization: { ...factsRow().organization, country: 'DE', region: 'DE-HE' },
      }),
    );
    expect(f.incident.contract).toEqual({ noticeHours: 24 });
    expect(f.organization.euMainEstablishment).toEqual({ country: 'DE', region: 'DE-HE' });
    expect(f.decisions).toEqual({ notifyAuthority: null, notifySubjects: null, subjectsExemption: null, highRisk: true, decidedAt: null });
  });

  it('takes the latest decision with its time, and a medium band as no high risk', () => {
    const decidedAt = at('2025-06-07T09:00:00Z');
    const f = toFacts(
      factsRow({ band: 'medium', decision: { notifyAuthority: true, notifySubjects: false, subjectsExemption: null, decidedAt } }),
    );
    expect(f.decisions).toEqual({ notifyAuthority: true, notifySubjects: false, subjectsExemption: null, highRisk: false, decidedAt });
  });

  const row = (over: Partial<Obligation>): Obligation =>
    Object.assign(new Obligation(), {
      id: 'o1',
      incidentId: 'i1',
      controllerId: 'c',
      processorId: null,
      ...specColumns({
        key: 'gdpr/notify_authority/fr',
        regime: 'gdpr',
        duty: 'notify_authority',
        title: { en: 'Notify', de: 'Melden' },
        recipient: { kind: 'authority', authorityId: 'fr', name: 'CNIL', country: 'FR' },
        legalBasis: 'Art. 33(1) GDPR',
        startsAt: at('2025-06-06T12:00:00Z'),
        dueAt: at('2025-06-09T12:00:00Z'),
        dueRule: { en: '72 h', de: '72 h' },
        lateNeedsReasons: true,
        routing: null,
        provisional: null,
        unresolved: null,
      }),
      phase: 'live',
      fulfilledAt: null,
      fulfilledBy: null,
      outcome: null,
      reasonsForDelay: null,
      frozenStartsAt: null,
      frozenDueAt: null,
      waivedAt: null,
      waiveReason: null,
      waivedBy: null,
      ...over,
    });

  it('reads a fulfilled row as frozen, without a live deadline', () => {
    const r = toRecord(
      row({
        phase: 'fulfilled',
        startsAt: null,
        dueAt: null,
        fulfilledAt: at('2025-06-10T08:00:00Z'),
        fulfilledBy: 'n1',
        outcome: 'late',
        reasonsForDelay: 'The forensic report came late.',
        frozenStartsAt: at('2025-06-06T12:00:00Z'),
        frozenDueAt: at('2025-06-09T12:00:00Z'),
      }),
    );
    expect(r.phase).toBe('fulfilled');
    expect('dueAt' in r).toBe(false);
    expect(r.phase === 'fulfilled' && r.frozen).toEqual({
      fulfilledAt: at('2025-06-10T08:00:00Z'),
      fulfilledBy: 'n1',
      startsAt: at('2025-06-06T12:00:00Z'),
      dueAt: at('2025-06-09T12:00:00Z'),
      outcome: 'late',
      reasonsForDelay: 'The forensic report came late.',
    });
  });

  it('reads a waived row with its waiver, and a live one with its deadline', () => {
    const waived = toRecord(
      row({ phase: 'waived', waivedAt: at('2025-06-07T00:00:00Z'), waiveReason: 'Not a breach after all, see report.', waivedBy: 'user' }),
    );
    expect(waived.phase === 'waived' && waived.waiver).toEqual({
      reason: 'Not a breach after all, see report.',
      at: at('2025-06-07T00:00:00Z'),
      by: 'user',
    });
    const live = toRecord(row({}));
    expect(live.phase === 'live' && live.dueAt).toEqual(at('2025-06-09T12:00:00Z'));
  });
});
