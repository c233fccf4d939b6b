import { createHash, timingSafeEqual } from 'node:crypto';

// Compares a secret someone sent with the one expected in time that does not depend on where they
// differ, nor on the length of the value sent (both sides are hashed to 32 bytes first): a MAC, a CSRF
// token, a signed link. Anything that is not a string is never equal.
export function safeEqual(given: unknown, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected)) && given === expected;
}
