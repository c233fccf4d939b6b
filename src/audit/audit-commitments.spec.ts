import { auditContent } from '../../test/support/audit-content';
import { ChainedContent, GENESIS_HASH, canonicalJson, chainHash, findChainBreak } from './domain/audit-chain';
import { ERASED, eraseValues, saysNothingOfAPerson, sealValues, withholdReason } from './domain/audit-commitments';

type Chained = ChainedContent & { seq: string; prevHash: string; hash: string };

function sealed(n: number, prevHash: string): Chained {
  const content = auditContent(
    n,
    { contactEmail: { from: null, to: `erika${n}@example.org` }, status: { from: 'reported', to: 'triage' } },
    'Erika Mustermann called',
  );
  const withSeals: ChainedContent = { ...content, format: 2, commitments: sealValues(content) };
  return { ...withSeals, seq: String(n), prevHash, hash: chainHash(prevHash, withSeals) };
}

function chain(length: number): Chained[] {
  const events: Chained[] = [];
  let prev = GENESIS_HASH;
  for (let n = 1; n <= length; n++) {
    events.push(sealed(n, prev));
    prev = events[events.length - 1].hash;
  }
  return events;
}

const eraseAll = (e: Chained, at = '2031-01-01T00:00:00.000Z') => eraseValues(e, at, () => true, canonicalJson);

describe('audit chain format 2: commitments to erasable values', () => {
  it('holds for an untouched chain; each value has its own 16-byte salt, and null values none', () => {
    const events = chain(4);
    expect(findChainBreak(events)).toBeNull();
    const c = events[0].commitments!;
    expect(Object.keys(c.changes!.contactEmail)).toEqual(['to']);
    const salts = [c.actor, c.reason, c.changes!.contactEmail.to, c.changes!.status.from, c.changes!.status.to].map(
      (s) => (s as { s: string }).s,
    );
    expect(new Set(salts).size).toBe(5);
    for (const s of salts) expect(s).toMatch(/^[0-9a-f]{32}$/);
  });

  it('breaks when a value is edited, even when it is a null value or the actor', () => {
    for (const edit of [
      (e: Chained) => ({ ...e, changes: { ...(e.changes as object), contactEmail: { from: null, to: 'eve@example.org' } } }),
      (e: Chained) => ({ ...e, changes: { ...(e.changes as object), contactEmail: { from: 'x@example.org', to: 'erika2@example.org' } } }),
      (e: Chained) => ({ ...e, reason: 'someone else called' }),
      (e: Chained) => ({ ...e, actor: 'user:eve@example.org' }),
      (e: Chained) => ({ ...e, occurredAt: '2025-02-02T00:00:00.000Z' }),
    ]) {
      const events = chain(3);
      events[1] = edit(events[1]);
      expect(findChainBreak(events)).toEqual({ seq: '2', id: events[1].id, reason: 'hash_mismatch' });
    }
  });

  it('still verifies after values are erased, and nothing of them is left in the event', () => {
    const events = chain(3);
    const before = events[1].hash;
    const { event, erased } = eraseAll(events[1]);
    expect(erased).toBe(5);
    events[1] = event;
    expect(findChainBreak(events)).toBeNull();
    expect(event.hash).toBe(before);
    const text = JSON.stringify(event);
    expect(text).not.toContain('erika2');
    expect(text).not.toContain('Erika');
    expect(text).not.toContain('dpo@example.com');
    expect(event.reason).toBe(ERASED);
    expect(event.commitments!.reason).toEqual({ c: expect.stringMatching(/^[0-9a-f]{64}$/), erased: '2031-01-01T00:00:00.000Z' });
    // Erasing again erases nothing more and still verifies.
    expect(eraseAll(event).erased).toBe(0);
  });

  it('erases only what the predicate names', () => {
    const [e] = chain(1);
    const { event, erased } = eraseValues(
      e,
      'now',
      (place, value) => place.kind === 'change' && !saysNothingOfAPerson(value),
      canonicalJson,
    );
    expect(erased).toBe(1);
    expect(event.changes).toEqual({ contactEmail: { from: null, to: ERASED }, status: { from: 'reported', to: 'triage' } });
    expect([event.actor, event.reason]).toEqual([e.actor, e.reason]);
    expect(findChainBreak([event])).toBeNull();
  });

  it('breaks when an erased commitment is altered, a value put back beside it, or a seal removed or added', () => {
    const edits: ((e: Chained) => Chained)[] = [
      (e) => ({ ...e, commitments: { ...e.commitments, reason: { c: '0'.repeat(64), erased: 'x' } } }),
      (e) => ({ ...e, reason: 'forged reason' }),
      (e) => ({ ...e, commitments: { ...e.commitments, reason: undefined } }),
      (e) => ({ ...e, changes: { ...(e.changes as object), added: { from: null, to: 'new' } } }),
      (e) => ({ ...e, commitments: { ...e.commitments, changes: { ...e.commitments!.changes, other: { to: { s: 'ab'.repeat(16) } } } } }),
    ];
    for (const edit of edits) {
      const events = chain(3);
      events[1] = edit(eraseAll(events[1]).event);
      expect(findChainBreak(events)).toEqual({ seq: '2', id: events[1].id, reason: 'hash_mismatch' });
    }
  });

  it('breaks when a live salt is altered, or the event is passed off as format 1', () => {
    const events = chain(2);
    const c = events[0].commitments!;
    events[0] = { ...events[0], commitments: { ...c, actor: { s: 'ff'.repeat(16) } } };
    expect(findChainBreak(events)?.reason).toBe('hash_mismatch');
    const downgraded = chain(2);
    downgraded[0] = { ...downgraded[0], format: 1 };
    expect(findChainBreak(downgraded)?.reason).toBe('hash_mismatch');
  });

  it('a reason withheld from a reader keeps its commitment, so the hash verifies without it', () => {
    const [e] = chain(1);
    const shown = withholdReason(e, canonicalJson);
    expect(shown.reason).toBeNull();
    expect(JSON.stringify(shown)).not.toContain('Erika');
    expect(findChainBreak([shown])).toBeNull();
    expect(findChainBreak([{ ...shown, reason: 'forged' }])?.reason).toBe('hash_mismatch');
  });

  it('tells values that say nothing of a person from those that may', () => {
    for (const v of [
      null,
      3,
      true,
      '2025-06-06T10:00:00.000Z',
      '2025-06-06',
      'not_notifiable',
      'contract/dsgvo/controller',
      ['health'],
      { n: 2 },
    ]) {
      expect([v, saysNothingOfAPerson(v)]).toEqual([v, true]);
    }
    for (const v of ['erika@example.org', 'Erika Mustermann', '+49 30 1234', 'a long sentence', ['Bob'], { who: 'Bob Stone' }]) {
      expect([v, saysNothingOfAPerson(v)]).toEqual([v, false]);
    }
  });
});
