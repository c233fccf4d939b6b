import { INCIDENT_STATUSES, acceptsFollowUps, nextStatus } from './incident-status';

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
    expect(nextStatus('reported', 'closed')).toEqual({ ok: false, allowed: ['triage'] });
    expect(nextStatus('closed', 'reported')).toEqual({ ok: false, allowed: [] });
    expect(nextStatus('reported', 'reported')).toEqual({ ok: false, allowed: ['triage'] });
  });

  it('accepts follow-up facts in every state but closed', () => {
    expect(INCIDENT_STATUSES.filter((s) => !acceptsFollowUps(s))).toEqual(['closed']);
  });
});
