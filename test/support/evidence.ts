import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { Tenant } from './factories';
import type { TestApp } from './test-app';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');

// Bank details reached unknown people, on purpose: a likely high risk (notify the authority and the people).
export const highRiskAssessment = {
  dataCategories: [{ category: 'financial' }],
  easeOfIdentification: 'maximum',
  confidentiality: 'unknown_recipients',
  integrity: 'not_affected',
  availability: 'not_affected',
  maliciousIntent: true,
};

// `breachclock …` in its own process, with these environment variables over the test's.
export const breachclockCli = (args: string[], env: Record<string, string> = {}) =>
  run(process.execPath, [path.join(ROOT, 'bin/breachclock.js'), ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', ...env },
  }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

// `breachclock evidence …`: without a database (verify) or on the test's.
export const evidenceCli = (args: string[], databaseUrl = '') => breachclockCli(['evidence', ...args], { DATABASE_URL: databaseUrl });

// The controller's side of a breach: assessed as high risk, decided (authority and people), and the
// people told by e-mail.
export async function assessDecideAndTell(t: TestApp, tenant: Tenant, id: string, told: { reason: string; sentAt: string; body: string }) {
  expect((await t.request('PUT', `/api/v1/incidents/${id}/assessment`, { token: tenant.dpoToken, body: highRiskAssessment })).status).toBe(
    200,
  );
  const decided = await t.request('POST', `/api/v1/incidents/${id}/decision`, {
    token: tenant.dpoToken,
    body: { notifyAuthority: true, notifySubjects: true, authorityReason: told.reason },
  });
  expect(decided.status).toBe(201);
  const sent = await t.request('POST', `/api/v1/incidents/${id}/notifications`, {
    token: tenant.dpoToken,
    body: { kind: 'data_subjects', sentAt: told.sentAt, channel: 'e-mail', body: told.body },
  });
  expect(sent.status).toBe(201);
}
