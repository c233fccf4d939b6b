import { at, derive, facts, iso, spec } from '../../../test/support/obligation-facts';
import { toZonedIso } from '../../platform/clock/zoned-time';
import {
  blockersToClosing,
  fulfilObligation,
  LiveObligation,
  ObligationRecord,
  reasonsForDelayProblem,
  reasonsProblem,
  viewObligation,
  waiveObligation,
} from '.';

// The clock scenarios of regulatory.md §10.2 (T1–T9) for the gdpr and contract duties, and the
// state, freeze and reasons rules. Deadlines are exact hours on UTC instants.

const gdpr = (aware: string): LiveObligation => ({
  ...spec(derive(facts({ incident: { discoveredAt: at(aware), controllerAwareAt: at(aware) } })), 'gdpr/notify_authority/de-bw'),
  phase: 'live',
});
const REASONS = 'The authority portal was down for maintenance all weekend.';

describe('T1–T4: 72 hours exact on UTC instants; weekends, holidays and DST never move it', () => {
  it('T1: aware Friday 2025-06-06T15:42:10Z → due Monday 2025-06-09T15:42:10Z', () => {
    expect(iso(gdpr('2025-06-06T15:42:10Z').dueAt)).toBe('2025-06-09T15:42:10.000Z');
  });

  it('T2: across the start of DST → due 2025-03-31T09:15Z, shown as 11:15 CEST', () => {
    const o = gdpr('2025-03-28T09:15:00Z');
    expect(iso(o.dueAt)).toBe('2025-03-31T09:15:00.000Z');
    expect(toZonedIso(o.dueAt!, 'Europe/Berlin')).toBe('2025-03-31T11:15:00+02:00');
  });

  it('T3: across the end of DST → due 2025-10-27T14:30Z, shown as 15:30 CET', () => {
    const o = gdpr('2025-10-24T14:30:00Z');
    expect(iso(o.dueAt)).toBe('2025-10-27T14:30:00.000Z');
    expect(toZonedIso(o.dueAt!, 'Europe/Berlin')).toBe('2025-10-27T15:30:00+01:00');
  });

  it('T4: Christmas Day gives no extension → due 2020-12-25T11:17Z exactly', () => {
    expect(iso(gdpr('2020-12-22T11:17:00Z').dueAt)).toBe('2020-12-25T11:17:00.000Z');
  });
});

describe('T5–T7: met at exactly dueAt, late one second later, late needs reasons', () => {
  const o = gdpr('2025-06-06T15:42:10Z');
  const dueAt = o.dueAt!;

  it('T5: filed exactly at dueAt is met and needs no reasons', () => {
    const r = fulfilObligation(o, { at: dueAt, by: 'n-1' });
    expect(r).toEqual({
      ok: true,
      obligation: expect.objectContaining({
        phase: 'fulfilled',
        frozen: { fulfilledAt: dueAt, fulfilledBy: 'n-1', startsAt: o.startsAt, dueAt, outcome: 'met', reasonsForDelay: null },
      }),
    });
  });

  it('T6: filed one second late without reasons is refused, naming reasonsForDelay', () => {
    const r = fulfilObligation(o, { at: new Date(dueAt.getTime() + 1000), by: 'n-1' });
    expect(r).toEqual({
      ok: false,
      path: 'reasonsForDelay',
      message: expect.stringContaining('is required: filed after the deadline 2025-06-09T15:42:10.000Z'),
    });
    expect(fulfilObligation(o, { at: new Date(dueAt.getTime() + 1), by: 'n-1', reasonsForDelay: 'too short' })).toMatchObject({
      ok: false,
      message: expect.stringContaining('at least 20 characters'),
    });
  });

  it('T7: with reasons it is recorded as late, the reasons kept', () => {
    const r = fulfilObligation(o, { at: new Date(dueAt.getTime() + 1000), by: 'n-1', reasonsForDelay: `  ${REASONS}  ` });
    expect(r.ok && r.obligation.frozen).toMatchObject({ outcome: 'late', reasonsForDelay: REASONS });
    expect(r.ok && viewObligation(r.obligation, at('2026-01-01T00:00:00Z')).state).toBe('late');
  });

  it('reasons given for an on-time filing are not stored as reasons for a delay', () => {
    const r = fulfilObligation(o, { at: dueAt, by: 'n-1', reasonsForDelay: REASONS });
    expect(r.ok && r.obligation.frozen.reasonsForDelay).toBeNull();
  });
});

describe('T8–T9: the processor clock (contract) and the controller clock', () => {
  const discoveredAt = at('2025-01-10T08:00:00Z');

  it('T8: processor due 2025-01-11T08:00Z, reported at 20:00Z is met; controller due 2025-01-13T20:00Z', () => {
    const d = derive(facts({ incident: { contract: { noticeHours: 24 }, discoveredAt, controllerAwareAt: at('2025-01-10T20:00:00Z') } }));
    const processor: LiveObligation = { ...spec(d, 'contract/report_to_controller/controller'), phase: 'live' };
    expect(iso(processor.dueAt)).toBe('2025-01-11T08:00:00.000Z');
    const r = fulfilObligation(processor, { at: at('2025-01-10T20:00:00Z'), by: 'report' });
    expect(r.ok && r.obligation.frozen.outcome).toBe('met');
    expect(iso(spec(d, 'gdpr/notify_authority/de-bw').dueAt)).toBe('2025-01-13T20:00:00.000Z');
  });

  it('T9: reported 2025-01-12T09:00Z the processor is late (flagged, no reasons asked); the controller is due 2025-01-15T09:00Z', () => {
    const d = derive(facts({ incident: { contract: { noticeHours: 24 }, discoveredAt, controllerAwareAt: at('2025-01-12T09:00:00Z') } }));
    const r = fulfilObligation(
      { ...spec(d, 'contract/report_to_controller/controller'), phase: 'live' },
      { at: at('2025-01-12T09:00:00Z'), by: 'report' },
    );
    expect(r.ok && r.obligation.frozen.outcome).toBe('late');
    expect(iso(spec(d, 'gdpr/notify_authority/de-bw').dueAt)).toBe('2025-01-15T09:00:00.000Z');
  });
});

describe('viewObligation', () => {
  const o = gdpr('2025-06-06T15:42:10Z');
  const dueAt = o.dueAt!;

  it('is running with whole seconds left, rounded down', () => {
    expect(viewObligation(o, at('2025-06-09T14:42:10Z')).secondsLeft).toBe(3600);
    expect(viewObligation(o, at('2025-06-09T14:42:10.500Z'))).toMatchObject({ state: 'running', secondsLeft: 3599 });
  });

  it('is running with 0 at dueAt, overdue with -1 one millisecond later', () => {
    expect(viewObligation(o, dueAt)).toMatchObject({ state: 'running', secondsLeft: 0 });
    expect(viewObligation(o, new Date(dueAt.getTime() + 1))).toMatchObject({ state: 'overdue', secondsLeft: -1 });
  });

  it('is pending before its start and while its anchor has not happened', () => {
    expect(viewObligation(o, at('2025-06-06T15:42:09Z'))).toMatchObject({ state: 'pending', secondsLeft: null });
    expect(viewObligation({ ...o, startsAt: null, dueAt: null }, at('2025-06-07T00:00:00Z')).state).toBe('pending');
  });

  it('is waived once waived, and a waiver needs reasons of 20 characters', () => {
    expect(waiveObligation(o, { reason: 'n/a', at: dueAt, by: 'user' })).toEqual({
      ok: false,
      path: 'reason',
      message: 'must be at least 20 characters (got 3)',
    });
    const w = waiveObligation(o, { reason: 'Only staff of the Swiss branch were affected.', at: dueAt, by: 'user' });
    expect(w.ok && viewObligation(w.obligation, dueAt).state).toBe('waived');
  });
});

describe('freeze: a fulfilled obligation keeps fulfilledAt, dueAt and met/late whatever facts move later', () => {
  it('re-dating the awareness after the filing changes the derived deadline but not the fulfilled one', () => {
    const filed = fulfilObligation(gdpr('2025-06-06T15:42:10Z'), { at: at('2025-06-09T15:00:00Z'), by: 'n-1' });
    if (!filed.ok) throw new Error('not filed');
    const redated = gdpr('2025-06-05T08:00:00Z'); // the same duty, derived again from an earlier awareness
    expect(iso(redated.dueAt)).toBe('2025-06-08T08:00:00.000Z');
    expect(viewObligation(filed.obligation, at('2025-07-01T00:00:00Z'))).toMatchObject({
      state: 'met',
      dueAt: at('2025-06-09T15:42:10Z'),
      fulfilledAt: at('2025-06-09T15:00:00Z'),
    });
    expect(Object.isFrozen(filed.obligation.frozen)).toBe(true);
    // The type has no live deadline to move.
    expect('dueAt' in filed.obligation).toBe(false);
  });

  it('a fulfilled or waived obligation cannot be fulfilled or waived again', () => {
    const filed = fulfilObligation(gdpr('2025-06-06T15:42:10Z'), { at: at('2025-06-07T00:00:00Z'), by: 'n-1' });
    if (!filed.ok) throw new Error('not filed');
    expect(fulfilObligation(filed.obligation, { at: at('2025-06-08T00:00:00Z'), by: 'n-2' })).toEqual({
      ok: false,
      path: 'obligationId',
      message: 'is fulfilled already',
    });
    expect(
      waiveObligation(filed.obligation, {
        reason: 'It was not a breach after all, said the DPO.',
        at: at('2025-06-08T00:00:00Z'),
        by: 'user',
      }),
    ).toMatchObject({ ok: false, message: 'is fulfilled' });
  });
});

describe('reasons and closing', () => {
  it('reasonsProblem: whitespace-only is missing, fewer than 20 characters after trimming are too short', () => {
    expect(reasonsProblem('   ')).toBe('is required');
    expect(reasonsProblem(`   ${'x'.repeat(19)}   `)).toBe('must be at least 20 characters (got 19)');
    expect(reasonsProblem('x'.repeat(20))).toBeNull();
  });

  it('reasonsForDelayProblem asks only when late and only where the duty asks for reasons', () => {
    const o = gdpr('2025-06-06T15:42:10Z');
    expect(reasonsForDelayProblem(o, o.dueAt!, null)).toBeNull();
    expect(reasonsForDelayProblem(o, new Date(o.dueAt!.getTime() + 1), null)).toContain('is required');
    expect(reasonsForDelayProblem({ ...o, lateNeedsReasons: false }, new Date(o.dueAt!.getTime() + 1), null)).toBeNull();
    expect(reasonsForDelayProblem({ ...o, dueAt: null }, at('2030-01-01T00:00:00Z'), null)).toBeNull();
  });

  it('blockersToClosing names the live obligations only', () => {
    const live = { ...gdpr('2025-06-06T15:42:10Z'), id: 'a' };
    const filed = fulfilObligation(live, { at: at('2025-06-07T00:00:00Z'), by: 'n-1' });
    const waived = waiveObligation(
      { ...live, id: 'c' },
      { reason: 'Not our customers after all, per the DPA.', at: at('2025-06-07T00:00:00Z'), by: 'user' },
    );
    const records: ObligationRecord[] = [live, filed.ok ? { ...filed.obligation, id: 'b' } : live, waived.ok ? waived.obligation : live];
    expect(blockersToClosing(records).map((o) => o.id)).toEqual(['a']);
  });
});
