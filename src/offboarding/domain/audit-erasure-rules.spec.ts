import { deletionErases, everything, retentionErases } from './audit-erasure-rules';

describe('which audit values retention and deletion erase', () => {
  const retention = retentionErases(['contactName', 'title'], ['Erika Mustermann', 'erika', null, 'x']);

  it('retention: every reason, the personal and free-text fields, anything that may name a person; never the actor', () => {
    expect(retention({ kind: 'reason' }, 'closed after review')).toBe(true);
    expect(retention({ kind: 'actor' }, 'user:dpo@example.com')).toBe(false);
    expect(retention({ kind: 'change', field: 'title' }, 'lost')).toBe(true);
    expect(retention({ kind: 'change', field: 'contactName' }, 'erika')).toBe(true);
    expect(retention({ kind: 'change', field: 'recipient' }, 'Bob Stone')).toBe(true);
    expect(retention({ kind: 'change', field: 'note' }, 'erika')).toBe(true);
    for (const kept of ['closed', 3, true, null, '2025-06-06T10:00:00.000Z', ['health'], 'contract/dsgvo/controller']) {
      expect([kept, retention({ kind: 'change', field: 'status' }, kept)]).toEqual([kept, false]);
    }
  });

  it('deletion: what names one of its people, in any place; nothing when there is nobody to look for', () => {
    const erase = deletionErases(['Ann.Lee@Processor.example', 'Ann Lee', 'ab'])!;
    expect(erase({ kind: 'actor' }, 'user:ann.lee@processor.example')).toBe(true);
    expect(erase({ kind: 'change', field: 'contact' }, { name: 'ANN LEE' })).toBe(true);
    expect(erase({ kind: 'reason' }, 'called Bob')).toBe(false);
    expect(erase({ kind: 'change', field: 'x' }, 'abc')).toBe(false);
    expect(deletionErases(['Tom'])!({ kind: 'change', field: 'x' }, 'custom tomatoes')).toBe(false);
    expect(deletionErases(['Tom'])!({ kind: 'change', field: 'x' }, 'asked tom, then Tom.')).toBe(true);
    expect(deletionErases([null, 'ab'])).toBeNull();
    expect(everything({ kind: 'actor' }, 'cli')).toBe(true);
  });
});
