import { createHmac } from 'node:crypto';
import { incidentEventOf, obligationAudience } from './webhook-events';
import { newSecret, sign, signedHeaders } from './signature';
import { isInternalAddress, urlProblem } from './target-address';

describe('webhook signatures (Standard Webhooks)', () => {
  it('signs "<id>.<timestamp>.<body>" with the base64-decoded secret and prefixes v1,', () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const expected = createHmac('sha256', Buffer.from('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'base64'))
      .update('msg_p5jXN8AQM9LWM0D4loKWxJek.1614265330.{"test": 2432232314}')
      .digest('base64');
    expect(sign(secret, 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}')).toBe(`v1,${expected}`);
    // The example of the specification's reference libraries.
    expect(expected).toBe('g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('makes 32-byte secrets and the three headers in whole seconds', () => {
    const secret = newSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    const h = signedHeaders(secret, 'msg_1', new Date('2025-06-06T12:00:00.999Z'), '{}');
    expect(h['webhook-timestamp']).toBe('1749211200');
    expect(h['webhook-signature']).toBe(sign(secret, 'msg_1', 1749211200, '{}'));
  });
});

describe('webhook targets', () => {
  it('takes http(s) URLs only, without credentials', () => {
    expect(urlProblem('not a url', false)).toMatch(/absolute/);
    expect(urlProblem('ftp://example.com/x', false)).toMatch(/http/);
    expect(urlProblem('https://user:pw@example.com/x', false)).toMatch(/password/);
    expect(urlProblem('https://hooks.example.com/x', false)).toBeNull();
  });

  it('refuses loopback and private addresses unless they are allowed', () => {
    for (const url of [
      'http://127.0.0.1:8080/',
      'http://localhost/',
      'http://10.1.2.3/',
      'http://[::1]/',
      'http://169.254.169.254/',
      'http://192.168.0.5/',
    ])
      expect(urlProblem(url, false)).toMatch(/private/);
    expect(urlProblem('http://127.0.0.1:8080/', true)).toBeNull();
    expect(isInternalAddress('::ffff:127.0.0.1')).toBe(true);
    expect(isInternalAddress('93.184.216.34')).toBe(false);
  });
});

describe('webhook audiences', () => {
  const parties = { controllerId: 'c', processorId: 'p', draft: false };
  it('sends a processor report to both sides, a draft to its filer only, and a decision to the controller only', () => {
    expect(incidentEventOf('incident.reported', parties)).toEqual([
      { organizationId: 'c', type: 'incident.created' },
      { organizationId: 'p', type: 'incident.created' },
    ]);
    expect(incidentEventOf('incident.drafted', { ...parties, draft: true })).toEqual([{ organizationId: 'p', type: 'incident.created' }]);
    expect(incidentEventOf('incident.updated', { ...parties, draft: true })).toEqual([{ organizationId: 'p', type: 'incident.updated' }]);
    expect(incidentEventOf('incident.submitted', parties)).toEqual([
      { organizationId: 'c', type: 'incident.created' },
      { organizationId: 'p', type: 'incident.updated' },
    ]);
    expect(incidentEventOf('decision.recorded', parties)).toEqual([{ organizationId: 'c', type: 'decision.made' }]);
    expect(incidentEventOf('assessment.recorded', parties)).toEqual([]);
    expect(incidentEventOf('incident.reported', { controllerId: 'c', processorId: null, draft: false })).toEqual([
      { organizationId: 'c', type: 'incident.created' },
    ]);
  });

  it("shows the processor only its own report's duty", () => {
    expect(obligationAudience({ regime: 'contract', controllerId: 'c', processorId: 'p' })).toEqual(['c', 'p']);
    expect(obligationAudience({ regime: 'gdpr', controllerId: 'c', processorId: 'p' })).toEqual(['c']);
  });
});
