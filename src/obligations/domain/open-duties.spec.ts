import { byUrgency, clockSummaries, kindOf, summaryOfSide, SummaryInput } from './open-duties';

const at = (h: number) => new Date(Date.UTC(2025, 5, 6, 10) + h * 3_600_000);
const duty = (over: Partial<SummaryInput>): SummaryInput => ({
  id: 'o',
  regime: 'gdpr',
  recipient: { kind: 'authority' },
  state: 'running',
  startsAt: at(0),
  dueAt: at(72),
  secondsLeft: 72 * 3600,
  fulfilledAt: null,
  waivedAt: null,
  ...over,
});

describe('open duties', () => {
  it('calls the processor’s report processor_to_controller, duties to authorities and CSIRTs authority, the Art. 34 duty data_subjects', () => {
    expect(kindOf({ regime: 'contract', recipient: { kind: 'controller' } })).toBe('processor_to_controller');
    expect(kindOf({ regime: 'gdpr', recipient: { kind: 'authority' } })).toBe('authority');
    expect(kindOf({ regime: 'nis2', recipient: { kind: 'csirt' } })).toBe('authority');
    expect(kindOf({ regime: 'gdpr', recipient: { kind: 'data_subjects' } })).toBe('data_subjects');
    expect(kindOf({ regime: 'gdpr', recipient: { kind: 'public' } })).toBe('data_subjects');
  });

  it('orders soonest deadline first, then duties without one by the longest open, then by id', () => {
    const rows = [
      { id: 'd', dueAt: null, startsAt: at(-1) },
      { id: 'b', dueAt: at(5), startsAt: at(0) },
      { id: 'a', dueAt: at(5), startsAt: at(0) },
      { id: 'c', dueAt: null, startsAt: at(-9) },
      { id: 'e', dueAt: at(-2), startsAt: at(-74) },
    ];
    expect([...rows].sort(byUrgency).map((r) => r.id)).toEqual(['e', 'a', 'b', 'c', 'd']);
  });
});

describe('the compatibility summary of the two clocks', () => {
  it('shows the soonest open duty of a side: filing with the CNIL leaves the Garante’s duty as the authority clock', () => {
    const cnil = duty({ id: 'cnil', state: 'met', fulfilledAt: at(10), secondsLeft: null });
    const garante = duty({ id: 'garante', dueAt: at(72) });
    expect(summaryOfSide([cnil, garante])).toEqual({
      obligationId: 'garante',
      startedAt: at(0),
      dueAt: at(72),
      secondsLeft: 72 * 3600,
      state: 'running',
      completedAt: null,
      stoppedAt: null,
    });
  });

  it('prefers a duty with a deadline to one without; one without shows as open', () => {
    const fdpic = duty({ id: 'fdpic', regime: 'ch_fadp', state: 'open', dueAt: null, secondsLeft: null });
    expect(summaryOfSide([fdpic, duty({ id: 'ico', regime: 'uk_gdpr' })])?.obligationId).toBe('ico');
    expect(summaryOfSide([fdpic])).toMatchObject({ obligationId: 'fdpic', state: 'open', dueAt: null });
  });

  it('once none is open: a late one before a met one, else the last fulfilled; only waived ones: stopped since the last waiver', () => {
    const met = duty({ id: 'met', state: 'met', fulfilledAt: at(70), secondsLeft: null });
    const late = duty({ id: 'late', state: 'late', fulfilledAt: at(80), secondsLeft: null });
    expect(summaryOfSide([met, late])).toMatchObject({ obligationId: 'late', state: 'late', completedAt: at(80) });
    expect(summaryOfSide([met, duty({ id: 'met2', state: 'met', fulfilledAt: at(71) })])?.obligationId).toBe('met2');
    const waived = [duty({ id: 'w1', state: 'waived', waivedAt: at(2) }), duty({ id: 'w2', state: 'waived', waivedAt: at(3) })];
    expect(summaryOfSide(waived)).toMatchObject({ obligationId: 'w2', state: 'stopped', stoppedAt: at(3), completedAt: null });
    expect(summaryOfSide([...waived, met])).toMatchObject({ obligationId: 'met', state: 'met' });
    expect(summaryOfSide([duty({ state: 'pending', startsAt: null, dueAt: null })])).toBeNull();
    expect(summaryOfSide([])).toBeNull();
  });

  it('splits the sides: the processor’s report, and the duties towards authorities (not the one towards the people)', () => {
    const summary = clockSummaries([
      duty({ id: 'report', regime: 'contract', recipient: { kind: 'controller' }, state: 'met', fulfilledAt: at(1) }),
      duty({ id: 'people', recipient: { kind: 'data_subjects' }, state: 'open', dueAt: null, startsAt: at(-5) }),
      duty({ id: 'nis2', regime: 'nis2', recipient: { kind: 'csirt' }, dueAt: at(24) }),
      duty({ id: 'gdpr' }),
    ]);
    expect([summary.processorToController?.obligationId, summary.authority?.obligationId]).toEqual(['report', 'nis2']);
    expect(clockSummaries([duty({ recipient: { kind: 'data_subjects' } })])).toEqual({ processorToController: null, authority: null });
  });
});
