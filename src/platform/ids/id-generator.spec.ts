import { TestClock } from '../../../test/support/test-clock';
import { UuidV7Generator } from './id-generator';

describe('UuidV7Generator', () => {
  it('makes version-7 UUIDs carrying the clock time', () => {
    const clock = new TestClock('2025-06-06T12:00:00Z');
    const id = new UuidV7Generator(clock).next();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(Date.parse('2025-06-06T12:00:00Z'));
  });

  it('sorts ids in the order they were made, within one millisecond and when the clock goes back', () => {
    const clock = new TestClock('2025-06-06T12:00:00Z');
    const ids = new UuidV7Generator(clock);
    const made: string[] = [];
    for (let i = 0; i < 50; i++) made.push(ids.next());
    clock.set('2025-06-05T00:00:00Z');
    for (let i = 0; i < 5; i++) made.push(ids.next());
    clock.set('2025-06-07T00:00:00Z');
    made.push(ids.next());
    expect([...made].sort()).toEqual(made);
    expect(new Set(made).size).toBe(made.length);
  });
});
