import { fromAnotherSite } from './same-origin';

const own = ['https://breachclock.example', 'http://localhost:3000'];
const from = (headers: Record<string, string>) => fromAnotherSite({ headers }, own);

describe('forms from another site', () => {
  it('refuses what the browser says came from elsewhere', () => {
    expect(from({ 'sec-fetch-site': 'cross-site' })).toBe(true);
    expect(from({ 'sec-fetch-site': 'same-site' })).toBe(true);
    expect(from({ origin: 'https://evil.example' })).toBe(true);
    expect(from({ origin: 'null' })).toBe(true);
    expect(from({ origin: 'https://breachclock.example.evil.example' })).toBe(true);
  });

  it('accepts its own pages, and clients that send neither header', () => {
    expect(from({ 'sec-fetch-site': 'same-origin', origin: 'https://breachclock.example' })).toBe(false);
    expect(from({ origin: 'HTTPS://BREACHCLOCK.EXAMPLE' })).toBe(false);
    expect(from({ 'sec-fetch-site': 'none' })).toBe(false);
    // A browser that sends Sec-Fetch-Site is believed; its Origin may be "null" by referrer policy.
    expect(from({ 'sec-fetch-site': 'same-origin', origin: 'null' })).toBe(false);
    expect(from({})).toBe(false);
  });
});
