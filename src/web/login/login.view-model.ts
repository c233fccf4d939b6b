import { Lang, wordsFor } from '../../i18n';

export type SignInOutcome = 'form' | 'failed' | 'limited';

// The sign-in page: the address typed stays, with what went wrong (a wrong password or too many tries).
export function loginModel(lang: Lang, email: string, outcome: SignInOutcome) {
  const t = wordsFor(lang);
  return {
    status: outcome === 'limited' ? 429 : outcome === 'failed' ? 401 : 200,
    model: { title: t.login, email, error: outcome === 'limited' ? t.loginLimited : outcome === 'failed' ? t.loginFailed : null },
  };
}

// The form's fields, cut to the lengths the identity module accepts.
export function signInInput(body: Record<string, unknown> | undefined): { email: string; password: string } {
  return {
    email: typeof body?.email === 'string' ? body.email.trim().slice(0, 320) : '',
    password: typeof body?.password === 'string' ? body.password.slice(0, 1024) : '',
  };
}
