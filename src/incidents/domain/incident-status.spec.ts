import { INCIDENT_STATUSES, acceptsFollowUps, nextStatus, pathTo } from './incident-status';

describe('incident status flow', () => {
  it('follows draft → reported → triage → assessed → notified | not_notifiable → closed', () => {
    expect(nextStatus('draft', 'reported')).toEqual({ ok: true, status: 'reported' });
    expect(nextStatus('reported', 'triage')).toEqual({ ok: true, status: 'triage' });
    expect(nextStatus('triage', 'assessed')).toEqual({ ok: true, status: 'assessed' });
    expect(nextStatus('assessed', 'notified')).toEqual({ ok: true, status: 'notified' });
    expect(nextStatus('assessed', 'not_notifiable')).toEqual({ ok: true, status: 'not_notifiable' });
    expect(nextStatus('notified', 'closed')).toEqual({ ok: true, status: 'closed' });
    expect(nextStatus('not_notifiable', 'closed')).toEqual({ ok: true, status: 'closed' });
  });

  it('names the allowed next states when a transition is illegal', () => {
    expect(nextStatus('reported', 'closed')).toEqual({ ok: false, allowed: ['triage', 'notified', 'not_a_breach'] });
    expect(nextStatus('closed', 'reported')).toEqual({ ok: false, allowed: [] });
    expect(nextStatus('reported', 'reported')).toEqual({ ok: false, allowed: ['triage', 'notified', 'not_a_breach'] });
  });

  it('lets a later decision reopen "not notifiable" to assessed, but never reopens a closed incident', () => {
    expect(nextStatus('not_notifiable', 'assessed')).toEqual({ ok: true, status: 'assessed' });
    expect(nextStatus('closed', 'assessed')).toEqual({ ok: false, allowed: [] });
  });

  it('finds the legal path between two states', () => {
    expect(pathTo('reported', 'assessed')).toEqual(['triage', 'assessed']);
    expect(pathTo('triage', 'assessed')).toEqual(['assessed']);
    expect(pathTo('draft', 'closed')).toEqual(['reported', 'notified', 'closed']);
    expect(pathTo('triage', 'notified')).toEqual(['notified']);
    expect(pathTo('assessed', 'reported')).toBeNull();
    expect(pathTo('closed', 'reported')).toBeNull();
  });

  it('lets the initial authority notification be recorded from every open status (notify first, document after)', () => {
    expect(INCIDENT_STATUSES.filter((s) => nextStatus(s, 'notified').ok)).toEqual(['reported', 'triage', 'assessed', 'not_notifiable']);
  });

  it('finds "not a personal-data breach" from every open step after the report, and leaves it only to triage or closed', () => {
    expect(INCIDENT_STATUSES.filter((s) => nextStatus(s, 'not_a_breach').ok)).toEqual([
      'reported',
      'triage',
      'assessed',
      'notified',
      'not_notifiable',
    ]);
    expect(nextStatus('draft', 'not_a_breach')).toEqual({ ok: false, allowed: ['reported'] });
    expect(nextStatus('not_a_breach', 'triage')).toEqual({ ok: true, status: 'triage' });
    expect(nextStatus('not_a_breach', 'closed')).toEqual({ ok: true, status: 'closed' });
    expect(nextStatus('not_a_breach', 'notified')).toEqual({ ok: false, allowed: ['triage', 'closed'] });
  });

  it('never passes through "not a breach" on the way to another status (it is a deliberate step)', () => {
    expect(pathTo('notified', 'triage')).toBeNull();
    expect(pathTo('assessed', 'not_a_breach')).toEqual(['not_a_breach']);
    expect(pathTo('not_a_breach', 'notified')).toEqual(['triage', 'notified']);
  });

  it('accepts follow-up facts in every state but closed', () => {
    expect(INCIDENT_STATUSES.filter((s) => !acceptsFollowUps(s))).toEqual(['closed']);
  });
});
