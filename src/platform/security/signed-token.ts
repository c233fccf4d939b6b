import { createHmac } from 'node:crypto';
import { safeEqual } from './constant-time';

// The one way breachclock signs a value and checks a signature someone hands back: an HMAC-SHA256 in
// base64url, compared with the one constant-time compare (safeEqual).

export function signToken(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

// Whether `given` is the signature of `payload` under `secret`.
export function verifyToken(secret: string, payload: string, given: unknown): boolean {
  return safeEqual(given, signToken(secret, payload));
}
