import { movedClockFacts, redatingProblem } from './redating';

const at = (s: string) => new Date(s);
const facts = (over: Partial<Record<string, Date | null>> = {}) => ({
  discoveredAt: at('2025-06-06T09:00:00Z'),
  controllerAwareAt: at('2025-06-06T10:00:00Z'),
  occurredAt: null,
  occurredFrom: null,
  occurredUntil: null,
  ...over,
});
const REASON = 'The log review showed an earlier first access.';

describe('moving the facts that drive the clocks', () => {
  it('needs no reason to fill in an occurred time that was unknown', () => {
    expect(movedClockFacts(facts(), facts({ occurredAt: at('2025-06-05T22:00:00Z') }))).toEqual([]);
    expect(redatingProblem(facts(), facts({ occurredAt: at('2025-06-05T22:00:00Z') }), undefined)).toBeNull();
  });

  it('names every moved fact and asks for reasons of at least 20 characters', () => {
    const after = facts({ discoveredAt: at('2025-06-06T08:00:00Z'), controllerAwareAt: at('2025-06-06T09:00:00Z') });
    expect(movedClockFacts(facts(), after)).toEqual(['discoveredAt', 'controllerAwareAt']);
    expect(redatingProblem(facts(), after, undefined)).toMatch(/^is required: moving discoveredAt, controllerAwareAt moves deadlines/);
    expect(redatingProblem(facts(), after, ' one character '.slice(0, 5))).toMatch(/^must be at least 20 characters \(got 3\)/);
    expect(redatingProblem(facts(), after, REASON)).toBeNull();
  });

  it('treats a known occurred time moved or cleared as moved, and the same instant as unchanged', () => {
    const known = facts({ occurredAt: at('2025-06-05T22:00:00Z') });
    expect(movedClockFacts(known, facts({ occurredAt: null }))).toEqual(['occurredAt']);
    expect(movedClockFacts(known, facts({ occurredAt: at('2025-06-05T22:00:00.000Z') }))).toEqual([]);
  });
});
