import { flowCookie, openFlow, sealFlow } from './sso-flow-cookie';

const flow = { state: 's'.repeat(43), nonce: 'n'.repeat(43), verifier: 'v'.repeat(43) };
const key = 'k'.repeat(43);
const at = (iso: string) => new Date(iso);

describe('the single sign-on flow cookie', () => {
  const sealed = sealFlow(flow, key, at('2025-06-06T12:00:00Z'));

  it('gives back the flow it sealed within 10 minutes', () => {
    expect(openFlow(sealed, key, at('2025-06-06T12:09:59Z'))).toEqual(flow);
  });

  it('is refused once expired, under another key, or changed in any way', () => {
    expect(openFlow(sealed, key, at('2025-06-06T12:10:00Z'))).toBeNull();
    expect(openFlow(sealed, 'x'.repeat(43), at('2025-06-06T12:00:01Z'))).toBeNull();
    const [payload, signature] = sealed.split('.');
    const other = Buffer.from(JSON.stringify({ ...flow, state: 't'.repeat(43), expires: Date.parse('2025-06-06T12:10:00Z') })).toString(
      'base64url',
    );
    expect(openFlow(`${other}.${signature}`, key, at('2025-06-06T12:00:01Z'))).toBeNull();
    expect(openFlow(`${payload}.${signature}x`, key, at('2025-06-06T12:00:01Z'))).toBeNull();
    expect(openFlow(`${payload}.${signature}.x`, key, at('2025-06-06T12:00:01Z'))).toBeNull();
    expect(openFlow(undefined, key, at('2025-06-06T12:00:01Z'))).toBeNull();
    expect(openFlow('%%%', key, at('2025-06-06T12:00:01Z'))).toBeNull();
  });

  it('is HttpOnly and SameSite=Lax on the sign-in path, Secure on https', () => {
    expect(flowCookie('v', true)).toBe('bc_sso=v; Path=/login/oidc; HttpOnly; SameSite=Lax; Max-Age=600; Secure');
    expect(flowCookie('', false, 0)).toBe('bc_sso=; Path=/login/oidc; HttpOnly; SameSite=Lax; Max-Age=0');
  });
});
