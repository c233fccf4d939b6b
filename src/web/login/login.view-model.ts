import type { SsoRefusal } from '../../identity/domain/sso-claims';
import { Lang, wordsFor } from '../../i18n';

// What the sign-in page says: nothing yet, a wrong password, too many tries, passwords turned off, or
// why a single sign-on did not work.
export type SignInOutcome =
  'form' | 'failed' | 'limited' | 'password_off' | 'sso_unreachable' | 'sso_rejected' | 'sso_expired' | `sso_refused_${SsoRefusal}`;

// Which ways in the page offers: single sign-on when configured, the password form unless turned off.
export interface SignInWays {
  sso: boolean;
  password: boolean;
}

const STATUS: Record<string, number> = {
  failed: 401,
  limited: 429,
  password_off: 403,
  sso_unreachable: 502,
  sso_rejected: 400,
  sso_expired: 400,
};

// The sign-in page: the address typed stays, with what went wrong.
export function loginModel(lang: Lang, email: string, outcome: SignInOutcome, ways: SignInWays = { sso: false, password: true }) {
  const t = wordsFor(lang);
  const errors: Record<string, string> = {
    failed: t.loginFailed,
    limited: t.loginLimited,
    password_off: t.passwordLoginOff,
    sso_unreachable: t.ssoUnreachable,
    sso_rejected: t.ssoRejected,
    sso_expired: t.ssoExpired,
  };
  const refusal = outcome.startsWith('sso_refused_') ? (outcome.slice('sso_refused_'.length) as SsoRefusal) : null;
  return {
    status: refusal ? 403 : (STATUS[outcome] ?? 200),
    model: {
      title: t.login,
      email,
      error: refusal ? t[`ssoRefused_${refusal}`] : (errors[outcome] ?? null),
      sso: ways.sso,
      password: ways.password,
    },
  };
}

// The form's fields, cut to the lengths the identity module accepts.
export function signInInput(body: Record<string, unknown> | undefined): { email: string; password: string } {
  return {
    email: typeof body?.email === 'string' ? body.email.trim().slice(0, 320) : '',
    password: typeof body?.password === 'string' ? body.password.slice(0, 1024) : '',
  };
}
