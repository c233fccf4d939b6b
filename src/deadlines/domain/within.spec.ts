import { parseWithin } from './within';

describe('parseWithin', () => {
  it.each([
    ['90m', 90 * 60_000],
    ['24h', 24 * 3_600_000],
    ['3d', 3 * 86_400_000],
  ])('reads %s', (text, ms) => expect(parseWithin(text)).toBe(ms));

  it.each(['24', 'h', '1.5h', '-1h', '24 h', '10w', ''])('refuses %p', (text) => expect(parseWithin(text)).toBeNull());
});
