import { auditContent } from '../../test/support/audit-content';
import { GENESIS_HASH, canonicalJson, chainHash, findChainBreak } from './domain/audit-chain';

function event(n: number, prevHash: string) {
  const content = auditContent(n, { title: { from: 'a', to: `b${n}` } });
  return { ...content, seq: String(n), prevHash, hash: chainHash(prevHash, content) };
}

function chain(length: number) {
  const events = [];
  let prev = GENESIS_HASH;
  for (let n = 1; n <= length; n++) {
    const e = event(n, prev);
    events.push(e);
    prev = e.hash;
  }
  return events;
}

describe('audit hash chain', () => {
  it('canonical JSON ignores key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}');
  });

  it('holds for an untouched chain', () => {
    expect(findChainBreak(chain(5))).toBeNull();
  });

  it('finds an edited event by its hash', () => {
    const events = chain(5);
    events[2] = { ...events[2], changes: { title: { from: 'a', to: 'forged' } } };
    expect(findChainBreak(events)).toEqual({ seq: '3', id: events[2].id, reason: 'hash_mismatch' });
  });

  it('finds a removed event by the broken link after it', () => {
    const events = chain(5);
    events.splice(1, 1);
    expect(findChainBreak(events)).toEqual({ seq: '3', id: events[1].id, reason: 'prev_hash_mismatch' });
  });

  it('finds a re-hashed forgery, because the next event still points at the old hash', () => {
    const events = chain(4);
    const forged = { ...events[1], changes: { title: { from: 'a', to: 'forged' } } };
    const { seq: _s, prevHash, hash: _h, ...content } = forged;
    events[1] = { ...forged, hash: chainHash(prevHash, content) };
    expect(findChainBreak(events)).toEqual({ seq: '3', id: events[2].id, reason: 'prev_hash_mismatch' });
  });
});
