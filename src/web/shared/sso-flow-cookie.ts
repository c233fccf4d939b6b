import { signToken, verifyToken } from '../../platform/security/signed-token';

// What the browser carries between the trip to the provider and its way back: the state, the nonce
// and the PKCE verifier of one sign-in, signed (HMAC-SHA256 under a key all instances share) and valid
// for 10 minutes of the app's clock. Only this browser has it (HttpOnly, SameSite=Lax so the
// provider's redirect brings it along), and the callback ends it.
export const SSO_FLOW_COOKIE = 'bc_sso';
export const SSO_FLOW_MINUTES = 10;
const COOKIE_PATH = '/login/oidc';

export interface SsoFlow {
  state: string;
  nonce: string;
  verifier: string;
}

const PART = /^[A-Za-z0-9_-]{16,128}$/;

export function sealFlow(flow: SsoFlow, key: string, now: Date): string {
  const expires = now.getTime() + SSO_FLOW_MINUTES * 60_000;
  const payload = Buffer.from(JSON.stringify({ ...flow, expires })).toString('base64url');
  return `${payload}.${signToken(key, `sso-flow|${payload}`)}`;
}

// The flow of a cookie this app sealed and that has not expired; null for anything else.
export function openFlow(value: string | undefined, key: string, now: Date): SsoFlow | null {
  if (!value || value.length > 1024) return null;
  const [payload, signature, extra] = value.split('.');
  if (extra !== undefined || !payload || !verifyToken(key, `sso-flow|${payload}`, signature)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const { state, nonce, verifier, expires } = (parsed ?? {}) as Record<string, unknown>;
  if (typeof expires !== 'number' || expires <= now.getTime()) return null;
  if (![state, nonce, verifier].every((part) => typeof part === 'string' && PART.test(part))) return null;
  return { state, nonce, verifier } as SsoFlow;
}

// Set-Cookie for the flow (or, with an empty value and no age, its end). Attributes in the order of
// the session cookie's (sessions.service.ts).
export function flowCookie(value: string, secure: boolean, maxAgeSeconds = SSO_FLOW_MINUTES * 60): string {
  return `${SSO_FLOW_COOKIE}=${value}; Path=${COOKIE_PATH}; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`;
}
