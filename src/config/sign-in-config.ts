import type { EnvSchema } from './env.schema';

// Single sign-on with OpenID Connect: where the provider is, who breachclock is to it, and which
// claims name the user's organization and role (docs/admin.md, "Single sign-on").
export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  orgClaim: string;
  roleClaim: string;
  scopes: string;
  // The one redirect URI registered at the provider: PUBLIC_URL + /login/oidc/callback.
  redirectUri: string;
  // An http issuer is allowed on a loopback address only (development, tests).
  insecureLoopback: boolean;
}

export interface SignInSettings {
  oidc: OidcSettings | null;
  // false: passwords are refused on the sign-in page (single sign-on only).
  passwordLogin: boolean;
}

export const OIDC_CALLBACK_PATH = '/login/oidc/callback';
export const DEFAULT_SIGN_IN: SignInSettings = { oidc: null, passwordLogin: true };

const OIDC_TRIO = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const;
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

// The sign-in settings, or the problems (variable and rule, never a value) that stop the start.
export function signInSettings(
  parsed: EnvSchema,
  publicUrl: string,
): { ok: true; settings: SignInSettings } | { ok: false; variables: string[]; details: string[] } {
  const given = OIDC_TRIO.filter((name) => parsed[name] !== undefined);
  const variables: string[] = [];
  const details: string[] = [];
  if (given.length > 0 && given.length < OIDC_TRIO.length) {
    const missing = OIDC_TRIO.filter((name) => !given.includes(name));
    variables.push(...missing);
    details.push(`${missing.join(', ')} missing: single sign-on needs ${OIDC_TRIO.join(', ')} together (or none of them)`);
  }
  let issuer: URL | null = null;
  if (parsed.OIDC_ISSUER !== undefined) {
    issuer = new URL(parsed.OIDC_ISSUER);
    if (issuer.protocol !== 'https:' && !LOOPBACK.test(issuer.hostname)) {
      variables.push('OIDC_ISSUER');
      details.push('OIDC_ISSUER must be an https:// URL (http:// only on a loopback address)');
    }
  }
  const passwordLogin = parsed.PASSWORD_LOGIN !== 'off';
  if (!passwordLogin && given.length === 0) {
    variables.push('PASSWORD_LOGIN');
    details.push('PASSWORD_LOGIN off needs single sign-on (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET): nobody could sign in');
  }
  if (variables.length > 0) return { ok: false, variables, details };
  const oidc: OidcSettings | null = issuer
    ? {
        issuer: parsed.OIDC_ISSUER!,
        clientId: parsed.OIDC_CLIENT_ID!,
        clientSecret: parsed.OIDC_CLIENT_SECRET!,
        orgClaim: parsed.OIDC_ORG_CLAIM,
        roleClaim: parsed.OIDC_ROLE_CLAIM,
        scopes: parsed.OIDC_SCOPES,
        redirectUri: publicUrl + OIDC_CALLBACK_PATH,
        insecureLoopback: issuer.protocol === 'http:',
      }
    : null;
  return { ok: true, settings: { oidc, passwordLogin } };
}
