import { ChainedContent, GENESIS_HASH, chainHash } from '../../audit/domain/audit-chain';
import { EVIDENCE_FORMAT, EvidenceBundle, EvidenceEvent, factsHistory, sealBundle, verifyEvidence } from './evidence-bundle';

const INCIDENT = '01a00000-0000-7000-8000-000000000001';

function chain(specs: { seq: number; content: Partial<ChainedContent> }[], key = 'org:c'): EvidenceEvent[] {
  let prev = GENESIS_HASH;
  let last = 0;
  const out: EvidenceEvent[] = [];
  for (const spec of specs) {
    // Events of other incidents between: their hashes move the chain on.
    for (let s = last + 1; s < spec.seq; s++) prev = chainHash(prev, content({ id: `other-${s}`, incidentId: null }));
    const c = content(spec.content);
    const hash = chainHash(prev, c);
    out.push({ seq: String(spec.seq), chain: key, prevHash: prev, hash, content: c });
    prev = hash;
    last = spec.seq;
  }
  return out;
}

function content(over: Partial<ChainedContent>): ChainedContent {
  return {
    id: 'e',
    occurredAt: '2026-11-27T10:00:00.000Z',
    actor: 'user:dpo@example.com',
    actorUserId: null,
    actorOrgId: null,
    action: 'incident.updated',
    entityType: 'incident',
    entityId: INCIDENT,
    incidentId: INCIDENT,
    changes: {},
    reason: null,
    requestId: null,
    ...over,
  };
}

function bundle(): EvidenceBundle {
  const events = chain([
    { seq: 1, content: { id: 'a', action: 'incident.reported', changes: { title: { from: null, to: 'Leak' } } } },
    { seq: 2, content: { id: 'b', action: 'obligation.created', entityType: 'obligation', entityId: 'o1', changes: {} } },
    { seq: 5, content: { id: 'c', changes: { title: { from: 'Leak', to: 'Leak of a list' } } } },
    { seq: 6, content: { id: 'd', action: 'notification.recorded', entityType: 'notification', entityId: 'n1', changes: {} } },
  ]);
  return sealBundle(
    { format: EVIDENCE_FORMAT, version: 1, exportedAt: '2026-11-27T11:00:00.000Z', exportedBy: 'cli', side: 'controller' },
    {
      incident: { id: INCIDENT, title: 'Leak of a list' },
      facts: factsHistory(events),
      assessments: [],
      decisions: [],
      notifications: [{ id: 'n1', body: 'Dear authority' }],
      obligations: [{ id: 'o1', state: 'met' }],
      events,
    },
  );
}

const reseal = (b: EvidenceBundle) => sealBundle(b, b);

describe('evidence bundle', () => {
  it('verifies a bundle as exported: every hash recomputed, the consecutive links proven, the gap named', () => {
    const report = verifyEvidence(bundle());
    expect(report.broken).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.intact).toContain('events: 4 of 4 hashes recomputed from their content');
    expect(report.intact).toContain('events: 2 links between consecutive events proven');
    expect(report.notes).toEqual([expect.stringContaining('1 gaps')]);
  });

  it('keeps the facts as they stood after each change of the incident', () => {
    expect(bundle().facts.map((f) => f.facts.title)).toEqual(['Leak', 'Leak of a list']);
  });

  it('names a section changed after export', () => {
    const b = bundle();
    (b.notifications[0] as { body: string }).body = 'Dear authority, nothing happened';
    expect(verifyEvidence(b)).toMatchObject({ ok: false, broken: ['section notifications: its SHA-256 differs from the manifest'] });
  });

  it('finds an event edited and the manifest made again: its hash no longer matches its content, and the facts no longer follow', () => {
    const b = bundle();
    b.events[2].content.changes = { title: { from: 'Leak', to: 'Nothing' } };
    const report = verifyEvidence(reseal(b));
    expect(report.ok).toBe(false);
    expect(report.broken).toEqual([
      'event 5 (incident.updated): its hash does not match its content',
      'facts: the states do not follow from the events',
    ]);
  });

  it('finds an event replaced by one made up with its own hash: the link from the event before does not hold', () => {
    const b = bundle();
    b.events.splice(3, 1);
    const forged = { ...b.events[2], seq: '6', content: content({ id: 'x', action: 'notification.recorded', entityId: 'n1' }) };
    forged.hash = chainHash(forged.prevHash, forged.content);
    b.events.push(forged);
    const report = verifyEvidence(reseal(b));
    expect(report.broken).toEqual(['events 5 → 6: consecutive in the chain, but the link does not hold']);
  });

  it("proves links within each organization's chain when the processor's and the controller's events interleave", () => {
    const processor = chain([{ seq: 3, content: { id: 'p1', action: 'incident.reported' } }], 'org:p');
    const controller = chain([
      { seq: 1, content: { id: 'c1', action: 'incident.viewed' } },
      { seq: 2, content: { id: 'c2' } },
      { seq: 4, content: { id: 'c3' } },
    ]);
    // By number 2 → 3 → 4 follow each other, but 3 is the processor's: only 1 → 2 are neighbours.
    const b = bundle();
    b.events = [controller[0], controller[1], processor[0], controller[2]];
    b.facts = factsHistory(b.events);
    b.notifications = [];
    const report = verifyEvidence(reseal(b));
    expect(report.broken).toEqual([]);
    expect(report.intact).toContain('events: 1 links between consecutive events proven');
    expect(report.notes).toEqual([expect.stringContaining('1 gaps')]);
    // A processor's event claimed to sit in the controller's chain links neither to 2 nor from 4.
    b.events[2] = { ...processor[0], chain: 'org:c' };
    expect(verifyEvidence(reseal(b)).broken).toEqual([
      'events 2 → 3: consecutive in the chain, but the link does not hold',
      'events 3 → 4: consecutive in the chain, but the link does not hold',
    ]);
  });

  it('reports an assessment, decision or notification without its event', () => {
    const b = bundle();
    b.notifications.push({ id: 'n2', body: 'unrecorded' });
    expect(verifyEvidence(reseal(b)).broken).toEqual(['notifications: 1 without an event in the bundle']);
  });

  it('shows withheld events by their stored hash and still proves the link after them', () => {
    const b = bundle();
    b.events[0] = { ...b.events[0], content: { ...b.events[0].content, reason: null }, withheld: ['reason'] };
    const report = verifyEvidence(reseal(b));
    expect(report.ok).toBe(true);
    expect(report.intact).toContain('events: 3 of 4 hashes recomputed from their content');
    expect(report.notes[0]).toContain('1 carry fields this side may not see');
  });

  it('refuses what is not a bundle', () => {
    expect(verifyEvidence({ format: 'zip' })).toMatchObject({ ok: false, broken: ['not a breachclock evidence bundle'] });
    expect(verifyEvidence(null).ok).toBe(false);
  });
});
