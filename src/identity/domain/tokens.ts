// API token rules, without I/O: how long a token lives, what it is called by default, and its state.

const HOUR_MS = 3_600_000;
export const MAX_TOKEN_LIFETIME_DAYS = 3650;
export const TOKEN_NAME_MAX = 100;

// "90d", "12h": a whole number of hours or days, from one hour to ten years. Null for anything else.
export function parseExpiresIn(text: string): number | null {
  const match = /^(\d{1,5})([hd])$/.exec(text);
  if (!match) return null;
  const ms = Number(match[1]) * (match[2] === 'd' ? 24 : 1) * HOUR_MS;
  return ms >= HOUR_MS && ms <= MAX_TOKEN_LIFETIME_DAYS * 24 * HOUR_MS ? ms : null;
}

// The name a token gets when its creator gives none: the day it was made (UTC).
export function defaultTokenName(now: Date): string {
  return `token of ${now.toISOString().slice(0, 10)}`;
}

export type TokenStatus = 'active' | 'expired' | 'revoked';

export function tokenStatus(token: { revokedAt: Date | null; expiresAt: Date | null }, now: Date): TokenStatus {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && token.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'active';
}

// Last use is written at most this often per token, so authenticating is not a write per request.
export const LAST_USED_PRECISION_MS = 60_000;

export function lastUseWorthRecording(lastUsedAt: Date | null, now: Date): boolean {
  return lastUsedAt === null || now.getTime() - lastUsedAt.getTime() >= LAST_USED_PRECISION_MS;
}
