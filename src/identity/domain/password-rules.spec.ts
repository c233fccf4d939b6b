import { newPasswordProblems, parseLinkToken } from './password-rules';

describe('new password rules', () => {
  it('needs 12 to 1024 characters, typed twice the same', () => {
    expect(newPasswordProblems({ newPassword: 'short', confirmPassword: 'short' })).toEqual([
      { path: 'newPassword', message: 'must be 12 to 1024 characters long' },
    ]);
    expect(newPasswordProblems({ newPassword: 'a'.repeat(1025), confirmPassword: 'a'.repeat(1025) })[0].path).toBe('newPassword');
    expect(newPasswordProblems({ newPassword: 'long enough pass', confirmPassword: 'long enough pas' })).toEqual([
      { path: 'confirmPassword', message: 'does not match the new password' },
    ]);
    expect(newPasswordProblems({ newPassword: 'long enough pass', confirmPassword: 'long enough pass' })).toEqual([]);
    expect(newPasswordProblems({ newPassword: 42 })[0].path).toBe('newPassword');
  });
});

describe('link tokens', () => {
  const id = '01a21b46-931a-7469-a67a-0120350c2ef4';
  const sig = 'A'.repeat(43);
  it('reads "<uuid>.<signature>" and nothing else', () => {
    expect(parseLinkToken(`${id}.${sig}`)).toEqual({ id, signature: sig });
    expect(parseLinkToken(`${id}.${sig}x`)).toBeNull();
    expect(parseLinkToken(`${id.toUpperCase()}.${sig}`)).toBeNull();
    expect(parseLinkToken(undefined)).toBeNull();
    expect(parseLinkToken(['x'])).toBeNull();
  });
});
