import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildProgram, errorLines } from '../../src/cli/main';
import { ContractImportService } from '../../src/contracts/contract-import.service';
import { CLI_ACTOR } from '../../src/identity/domain/actor';
import { IdentityService } from '../../src/identity/identity.service';
import { makeTenant, Tenant } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

const HEADER = 'controller_slug,controller_name,country,region,sector,dpo_name,dpo_email,reference,notice_hours';
const CSV = { 'content-type': 'text/csv' };

// The bulk DPA import (issue 16) through the command line and the API, against a real database.
describe('contract import', () => {
  let t: TestApp;
  let tenant: Tenant;
  let processorAdmin: string;
  let dir: string;
  const s = () => Math.random().toString(36).slice(2, 8);

  beforeAll(async () => {
    t = await startTestApp();
    tenant = await makeTenant(t);
    const email = `admin-${tenant.processorSlug}@processor.example`;
    await t.get(IdentityService).createUser({ organizationSlug: tenant.processorSlug, email, role: 'org_admin' }, CLI_ACTOR);
    processorAdmin = (await t.get(IdentityService).createToken(email, CLI_ACTOR)).token;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'contract-import-'));
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  // The CLI's commands on the test app's services, as `breachclock contract import` runs them.
  async function cli(...args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
    const out: string[] = [];
    let code = 0;
    const program = buildProgram(
      async (work) => {
        code = (await work(t.app)) ?? 0;
      },
      (line) => out.push(line),
      async () => {
        throw new Error('contract import needs no command without the app');
      },
    );
    try {
      await program.parseAsync(args, { from: 'user' });
      return { code, out, err: [] };
    } catch (error) {
      return { code: 1, out, err: errorLines(error) };
    }
  }
  const file = (name: string, text: string | Buffer) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, text);
    return p;
  };
  const count = async (sql: string, params: unknown[]) => Number((await t.dataSource.query(sql, params))[0].n);

  it('imports a file with a BOM, CRLF and quoted commas, creating the missing controllers with their DPO', async () => {
    const a = s();
    const text =
      '\uFEFF' +
      [
        HEADER,
        `imp-${a}-1,"Müller, Schmidt & Co. KG",DE,DE-BY,private,"Dr. Ute Müller, LL.M.",dpo1-${a}@example.com,AVV-${a}-1,48`,
        `imp-${a}-2,Zwei GmbH,DE,,,Bea Zwei,dpo2-${a}@example.com,AVV-${a}-2,`,
        `imp-${a}-2,Zwei GmbH,DE,,,Bea Zwei,dpo2-${a}@example.com,AVV-${a}-3,12`,
        `${tenant.controllerSlug},,,,,,,AVV-${a}-4,6`,
      ].join('\r\n') +
      '\r\n';
    const res = await cli('contract', 'import', '--processor', tenant.processorSlug, '--file', file(`good-${a}.csv`, text));
    expect(res).toEqual({ code: 0, out: ['created 4, updated 0, unchanged 0, controllers created 2'], err: [] });
    const [org] = await t.dataSource.query(
      `SELECT id, name, kind, country, region, dpo_name, dpo_email, locale, time_zone FROM organization WHERE slug = $1`,
      [`imp-${a}-1`],
    );
    expect(org).toMatchObject({
      name: 'Müller, Schmidt & Co. KG',
      kind: 'controller',
      country: 'DE',
      region: 'DE-BY',
      dpo_name: 'Dr. Ute Müller, LL.M.',
      dpo_email: `dpo1-${a}@example.com`,
      locale: 'de',
      time_zone: 'Europe/Berlin',
    });
    const [user] = await t.dataSource.query(`SELECT role, password_hash, active FROM app_user WHERE email = $1`, [`dpo1-${a}@example.com`]);
    expect(user).toEqual({ role: 'controller_dpo', password_hash: null, active: true });
    const contracts = await t.dataSource.query(
      `SELECT c.reference, c.processor_notice_hours AS hours, o.slug FROM contract c JOIN organization o ON o.id = c.controller_id
        WHERE c.processor_id = $1 AND c.reference LIKE $2 ORDER BY c.reference`,
      [tenant.processorId, `AVV-${a}-%`],
    );
    expect(contracts).toEqual([
      { reference: `AVV-${a}-1`, hours: 48, slug: `imp-${a}-1` },
      { reference: `AVV-${a}-2`, hours: 24, slug: `imp-${a}-2` },
      { reference: `AVV-${a}-3`, hours: 12, slug: `imp-${a}-2` },
      { reference: `AVV-${a}-4`, hours: 6, slug: tenant.controllerSlug },
    ]);
    // One event per entity made, and one for the import naming the file's hash.
    const [imported] = await t.dataSource.query(
      `SELECT actor, changes FROM audit_event WHERE action = 'contract.imported' AND entity_id = $1 ORDER BY seq DESC LIMIT 1`,
      [tenant.processorId],
    );
    expect(imported.actor).toBe('cli');
    expect(imported.changes.created.to).toBe(4);
    expect(imported.changes.controllersCreated.to).toBe(2);
    expect(imported.changes.fileSha256.to).toMatch(/^[0-9a-f]{64}$/);
    expect(
      await count(`SELECT count(*) AS n FROM audit_event WHERE action = 'contract.created' AND changes->'reference'->>'to' LIKE $1`, [
        `AVV-${a}-%`,
      ]),
    ).toBe(4);
  });

  it('reports progress up to every row and audit event written (the terminal draws it as a bar)', async () => {
    const a = s();
    const text = [
      HEADER,
      ...Array.from({ length: 5 }, (_, i) => `prog-${a}-${i},P ${i},DE,,,D ${i},p${i}-${a}@example.com,PR-${a}-${i},24`),
    ].join('\n');
    const seen: [number, number][] = [];
    await t.get(ContractImportService).importForSlug(tenant.processorSlug, text, CLI_ACTOR, (done, total) => seen.push([done, total]));
    // 5 organizations, 5 users, 5 contracts, and their 15 audit events plus the import's.
    expect(seen[0]).toEqual([0, 31]);
    expect(seen[seen.length - 1]).toEqual([31, 31]);
    expect(seen.every(([done], i) => i === 0 || done > seen[i - 1][0])).toBe(true);
  });

  it('updates the contract of a known reference, and counts what did not change', async () => {
    const a = s();
    const one = `${HEADER}\nimp-${a},Eins AG,AT,,,Eva Eins,dpo-${a}@example.com,R-${a}-1,24\nimp-${a},Eins AG,AT,,,Eva Eins,dpo-${a}@example.com,R-${a}-2,24\n`;
    expect((await cli('contract', 'import', '--processor', tenant.processorSlug, '--file', file(`u1-${a}.csv`, one))).out).toEqual([
      'created 2, updated 0, unchanged 0, controllers created 1',
    ]);
    const again = one.replace(`R-${a}-2,24`, `R-${a}-2,72`);
    const res = await t.request('POST', '/api/v1/contracts/import', { token: processorAdmin, rawBody: again, headers: CSV });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      created: 0,
      updated: 1,
      unchanged: 1,
      controllersCreated: 0,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const [row] = await t.dataSource.query(`SELECT id, processor_notice_hours AS hours FROM contract WHERE reference = $1`, [`R-${a}-2`]);
    expect(row.hours).toBe(72);
    const [event] = await t.dataSource.query(
      `SELECT action, actor, changes FROM audit_event WHERE entity_id = $1 ORDER BY seq DESC LIMIT 1`,
      [row.id],
    );
    expect(event).toEqual({
      action: 'contract.updated',
      actor: `user:admin-${tenant.processorSlug}@processor.example`,
      changes: { processorNoticeHours: { from: 24, to: 72 } },
    });
  });

  it('refuses a file with three bad lines, naming each by line and column, and imports nothing', async () => {
    const a = s();
    const text = [
      HEADER,
      `imp-${a}-1,Gut GmbH,DE,,,Gerd Gut,gut-${a}@example.com,B-${a}-1,24`,
      `imp-${a}-2,Schlecht GmbH,DE,,,Sam Schlecht,not-an-address,B-${a}-2,24`,
      `imp-${a}-3,"Multi
Line GmbH",DE,,,Mia,mia-${a}@example.com,B-${a}-3,1000`,
      `Bad Slug,Dritte GmbH,DE,,,Dora,dora-${a}@example.com,B-${a}-1,24`,
    ].join('\n');
    const before = await count(`SELECT count(*) AS n FROM audit_event`, []);
    const res = await cli('contract', 'import', '--processor', tenant.processorSlug, '--file', file(`bad-${a}.csv`, text));
    expect(res.code).toBe(1);
    expect(res.err).toEqual([
      'error: The file was not imported: 3 lines cannot be imported.',
      '  line 3, dpo_email: is not an e-mail address',
      '  line 4, notice_hours: must be a whole number of hours from 1 to 720 (empty: 24)',
      '  line 6, controller_slug: must be 2–63 lower-case letters, digits or hyphens',
      '  line 6, reference: is also on line 2: each reference once per file',
    ]);
    const api = await t.request('POST', '/api/v1/contracts/import', { token: processorAdmin, rawBody: text, headers: CSV });
    expect(api.status).toBe(422);
    expect(api.headers['content-type']).toContain('application/problem+json');
    expect(api.body.type).toBe('urn:breachclock:problem:contract.import_refused');
    expect(api.body.errors.map((e: { line: number; column: string }) => [e.line, e.column])).toEqual([
      [3, 'dpo_email'],
      [4, 'notice_hours'],
      [6, 'controller_slug'],
      [6, 'reference'],
    ]);
    expect(await count(`SELECT count(*) AS n FROM organization WHERE slug LIKE $1`, [`imp-${a}-%`])).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM contract WHERE reference LIKE $1`, [`B-${a}-%`])).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM audit_event`, [])).toBe(before);
  });

  it('refuses duplicate references, a reference of another controller, taken addresses and a bad header', async () => {
    const a = s();
    const text = [
      HEADER,
      `imp-${a}-1,Eins GmbH,DE,,,Ida,ida-${a}@example.com,D-${a},24`,
      `imp-${a}-1,Eins GmbH,DE,,,Ida,ida-${a}@example.com,D-${a},48`,
      `imp-${a}-2,Zwei GmbH,DE,,,Dana,${tenant.dpoEmail},AVV ${tenant.controllerSlug.slice(5)},24`,
      `imp-${a}-3,Drei GmbH,,,,,,D-${a}-3,24`,
    ].join('\n');
    const res = await t.request('POST', '/api/v1/contracts/import', { token: processorAdmin, rawBody: text, headers: CSV });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { line: number; column: string; message: string }) => `${e.line} ${e.column}: ${e.message}`)).toEqual([
      '3 reference: is also on line 2: each reference once per file',
      "4 dpo_email: is already a user's address (addresses are unique)",
      "4 reference: names this processor's contract with another controller; a contract's controller cannot change",
      '5 country: is required for a controller that does not exist yet',
      '5 dpo_name: is required for a controller that does not exist yet',
      '5 dpo_email: is required for a controller that does not exist yet',
    ]);
    // A line with a bad field and a line the database refuses are named in the same answer.
    const mixed = await t.request('POST', '/api/v1/contracts/import', {
      token: processorAdmin,
      rawBody: `${HEADER}\nimp-${a}-9,Neun,DE,,,Nina,nina,M-${a}-1,24\nimp-${a}-8,Acht,DE,,,Dana,${tenant.dpoEmail},M-${a}-2,24\n`,
      headers: CSV,
    });
    expect(mixed.body.errors.map((e: { line: number; column: string }) => `${e.line} ${e.column}`)).toEqual(['2 dpo_email', '3 dpo_email']);
    const header = await t.request('POST', '/api/v1/contracts/import', {
      token: processorAdmin,
      rawBody: 'controller_slug,name\nx,y\n',
      headers: CSV,
    });
    expect(header.status).toBe(422);
    expect(header.body.errors[0]).toEqual({
      path: 'controller_name',
      line: 1,
      column: 'controller_name',
      message: 'column missing from the header',
    });
  });

  it('is for the processor’s org admin only, on their own organization, as text/csv', async () => {
    const text = `${HEADER}\n${tenant.controllerSlug},,,,,,,T-${s()},24\n`;
    expect(
      (await t.request('POST', '/api/v1/contracts/import', { token: tenant.processorToken, rawBody: text, headers: CSV })).status,
    ).toBe(403);
    // The controller's admin is an org admin, but of a controller: it imports nothing.
    const controllerAdmin = await t.request('POST', '/api/v1/contracts/import', { token: tenant.adminToken, rawBody: text, headers: CSV });
    expect(controllerAdmin.status).toBe(403);
    expect(controllerAdmin.body.type).toBe('urn:breachclock:problem:contract.not_processor');
    const json = await t.request('POST', '/api/v1/contracts/import', { token: processorAdmin, body: { csv: text } });
    expect(json.status).toBe(400);
    expect(json.body.errors).toEqual([{ path: 'Content-Type', message: 'must be text/csv (the file as the body)' }]);
    const latin1 = await t.request('POST', '/api/v1/contracts/import', {
      token: processorAdmin,
      rawBody: Buffer.from([0x61, 0xe4, 0x0a]),
      headers: CSV,
    });
    expect(latin1.status).toBe(400);
    expect(latin1.body.errors).toEqual([{ path: 'body', message: 'is not valid UTF-8' }]);
    expect((await t.request('POST', '/api/v1/contracts/import', { rawBody: text, headers: CSV })).status).toBe(401);
    // Another processor's file with this processor's reference makes its own contract and leaves ours.
    const other = await makeTenant(t);
    const reference = `AVV ${tenant.controllerSlug.slice(5)}`;
    const theirs = file(`other-${s()}.csv`, `${HEADER}\n${tenant.controllerSlug},,,,,,,${reference},1\n`);
    expect((await cli('contract', 'import', '--processor', other.processorSlug, '--file', theirs)).out).toEqual([
      'created 1, updated 0, unchanged 0, controllers created 0',
    ]);
    const rows = await t.dataSource.query(
      `SELECT processor_id, processor_notice_hours AS hours FROM contract WHERE reference = $1 ORDER BY hours`,
      [reference],
    );
    expect(rows).toEqual([
      { processor_id: other.processorId, hours: 1 },
      { processor_id: tenant.processorId, hours: 24 },
    ]);
    const listed = await t.request('GET', '/api/v1/contracts', { token: other.processorToken });
    expect(listed.body.items.map((c: { reference: string }) => c.reference).sort()).toEqual(
      [`AVV ${other.controllerSlug.slice(5)}`, reference].sort(),
    );
  });
});
