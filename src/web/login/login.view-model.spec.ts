import { loginModel, signInInput } from './login.view-model';

describe('the sign-in page', () => {
  it('is an empty form at first', () => {
    expect(loginModel('en', '', 'form')).toEqual({ status: 200, model: { title: 'Sign in', email: '', error: null } });
  });

  it('keeps the address and says what went wrong', () => {
    expect(loginModel('de', 'a@b.example', 'failed')).toEqual({
      status: 401,
      model: { title: 'Anmelden', email: 'a@b.example', error: 'E-Mail-Adresse oder Passwort stimmen nicht.' },
    });
    expect(loginModel('en', 'a@b.example', 'limited')).toEqual({
      status: 429,
      model: { title: 'Sign in', email: 'a@b.example', error: 'Too many failed attempts. Please wait 15 minutes.' },
    });
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
