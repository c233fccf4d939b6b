import { REMOVED, redact, redactJson } from './pseudonymise';

describe('pseudonymisation of free text', () => {
  it('removes the known values, e-mail addresses and international phone numbers, and keeps dates and counts', () => {
    const text = 'Erika Mustermann (erika@example.org, +49 30 1234 5678) saw 1200 records on 2025-06-06 10:00; erika mustermann called.';
    expect(redact(text, ['Erika Mustermann', null, 'x'])).toBe(
      `${REMOVED} (${REMOVED}, ${REMOVED}) saw 1200 records on 2025-06-06 10:00; ${REMOVED} called.`,
    );
  });

  it('treats known values as text, not patterns, longest first', () => {
    expect(redact('a.b a+b Ann Annabel', ['a+b', 'Ann', 'Annabel'])).toBe(`a.b ${REMOVED} ${REMOVED} ${REMOVED}`);
  });

  it('reaches strings inside JSON and leaves numbers and booleans', () => {
    expect(redactJson({ who: ['Bob Stone'], n: 3, ok: true, at: null }, ['Bob Stone'])).toEqual({
      who: [REMOVED],
      n: 3,
      ok: true,
      at: null,
    });
  });
});
