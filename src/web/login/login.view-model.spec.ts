import { loginModel, signInInput } from './login.view-model';

describe('the sign-in page', () => {
  it('is an empty form at first', () => {
    expect(loginModel('en', '', 'form')).toEqual({
      status: 200,
      model: { title: 'Sign in', email: '', error: null, sso: false, password: true },
    });
  });

  it('keeps the address and says what went wrong', () => {
    expect(loginModel('de', 'a@b.example', 'failed')).toEqual({
      status: 401,
      model: { title: 'Anmelden', email: 'a@b.example', error: 'E-Mail-Adresse oder Passwort stimmen nicht.', sso: false, password: true },
    });
    expect(loginModel('en', 'a@b.example', 'limited')).toEqual({
      status: 429,
      model: {
        title: 'Sign in',
        email: 'a@b.example',
        error: 'Too many failed attempts. Please wait 15 minutes.',
        sso: false,
        password: true,
      },
    });
  });

  it('offers the ways in that are configured and says why single sign-on did not work', () => {
    const ways = { sso: true, password: false };
    expect(loginModel('en', '', 'password_off', ways)).toMatchObject({
      status: 403,
      model: { error: 'Signing in with a password is turned off here. Please sign in with SSO.', sso: true, password: false },
    });
    expect(loginModel('en', '', 'sso_refused_deactivated', ways)).toMatchObject({
      status: 403,
      model: { error: 'Your account here is deactivated. Please ask your administrator.' },
    });
    expect(loginModel('de', '', 'sso_refused_unknown_organization', ways).model.error).toMatch(/keine Organisation/);
    expect(loginModel('en', '', 'sso_unreachable', ways).status).toBe(502);
    expect(loginModel('en', '', 'sso_rejected', ways).status).toBe(400);
    expect(loginModel('en', '', 'sso_expired', ways).status).toBe(400);
  });

  it('reads the form, trimming the address and cutting overlong input', () => {
    expect(signInInput({ email: '  a@b.example ', password: ' pw ' })).toEqual({ email: 'a@b.example', password: ' pw ' });
    expect(signInInput({ email: 'x'.repeat(400), password: 'p'.repeat(2000) })).toEqual({
      email: 'x'.repeat(320),
      password: 'p'.repeat(1024),
    });
    expect(signInInput({ email: ['a'], password: 1 })).toEqual({ email: '', password: '' });
    expect(signInInput(undefined)).toEqual({ email: '', password: '' });
  });
});
