import { createHmac } from 'node:crypto';
import { signToken, verifyToken } from './signed-token';

describe('signed tokens', () => {
  it('signs with HMAC-SHA256 in base64url', () => {
    expect(signToken('secret', 'user-1')).toBe(createHmac('sha256', 'secret').update('user-1').digest('base64url'));
    expect(signToken('secret', 'user-1')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('accepts the signature of the same payload under the same secret only', () => {
    const token = signToken('secret', 'user-1.2');
    expect(verifyToken('secret', 'user-1.2', token)).toBe(true);
    expect(verifyToken('secret', 'user-1.3', token)).toBe(false);
    expect(verifyToken('other', 'user-1.2', token)).toBe(false);
    expect(verifyToken('secret', 'user-1.2', token.slice(0, -1))).toBe(false);
    expect(verifyToken('secret', 'user-1.2', undefined)).toBe(false);
  });
});
