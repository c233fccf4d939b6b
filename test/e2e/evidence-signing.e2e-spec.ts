import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AuditEvent } from '../../src/audit/audit-event.entity';
import { AuditService, toChained } from '../../src/audit/audit.service';
import { chainHash, SYSTEM_CHAIN } from '../../src/audit/domain/audit-chain';
import { checkTombstone } from '../../src/audit/domain/tombstone-signature';
import { main } from '../../src/cli/main';
import { sha256 } from '../../src/evidence/domain/evidence-bundle';
import { evidenceSignedBytes } from '../../src/evidence/domain/evidence-signature';
import { CLI_ACTOR } from '../../src/identity/domain/actor';
import { archiveSignedBytes, archiveText, buildArchive, checkArchive } from '../../src/offboarding/domain/organization-archive';
import { OrganizationDeletionService } from '../../src/offboarding/organization-deletion.service';
import { OrganizationExportService } from '../../src/offboarding/organization-export.service';
import { Database } from '../../src/platform/database/database';
import { SigningKeys } from '../../src/platform/signing/signing-keys';
import { newSigningKeyPem, signWith, signingKeyFromPem } from '../../src/platform/signing/signatures';
import { assessDecideAndTell, breachclockCli, evidenceCli } from '../support/evidence';
import { fileReport, makeTenant, Tenant } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

// Signed evidence (docs/operations.md, "Signing key"): bundles, archives and tombstones carry the
// installation's Ed25519 signature, which holds against the key an auditor was given beforehand.
describe('signed evidence', () => {
  let t: TestApp;
  let tenant: Tenant;
  let id: string;
  let dir: string;
  let fingerprint: string;
  let publicKeyFile: string;
  const attacker = signingKeyFromPem(newSigningKeyPem());
  const write = (name: string, value: unknown) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
    return file;
  };
  const verify = (file: string, ...args: string[]) => evidenceCli(['verify', file, ...args]);
  const lastLine = (s: string) => s.trim().split('\n').pop();
  const cli = (args: string[], env: Record<string, string>) => breachclockCli(args, { LOG_LEVEL: 'error', ...env });

  beforeAll(async () => {
    t = await startTestApp();
    t.clock.set('2025-06-06T10:00:00Z');
    tenant = await makeTenant(t);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-signing-'));
    id = await fileReport(t, tenant);
    t.clock.set('2025-06-06T11:00:00Z');
    await assessDecideAndTell(t, tenant, id, {
      reason: 'Bank details reached unknown people.',
      sentAt: '2025-06-06T10:55:00Z',
      body: 'Dear customer …',
    });
    const key = await t.get(SigningKeys).key();
    fingerprint = key.fingerprint;
    publicKeyFile = write('installation.pem', key.publicKey);
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const download = async () => {
    const res = await t.request('GET', `/api/v1/incidents/${id}/evidence`, { token: tenant.dpoToken });
    expect(res.status).toBe(200);
    return JSON.parse(res.text);
  };

  it('signs the bundle; evidence verify says whose key, and whether it is the trusted one', async () => {
    const bundle = await download();
    expect(bundle.signature).toMatchObject({
      algorithm: 'ed25519',
      keyFingerprint: fingerprint,
      publicKey: expect.stringMatching(/^-----BEGIN PUBLIC KEY-----/),
    });
    const file = write('signed.json', bundle);
    const open = await verify(file);
    expect(open.code).toBe(0);
    expect(open.stdout).toContain(`intact: signature: signature valid for key ${fingerprint} (not checked against a trusted key)`);
    for (const trust of [
      ['--fingerprint', fingerprint],
      ['--public-key', publicKeyFile],
    ]) {
      const trusted = await verify(file, ...trust);
      expect(trusted.code).toBe(0);
      expect(trusted.stdout).toContain(`intact: signature: signed by the trusted key ${fingerprint}`);
      expect(lastLine(trusted.stdout)).toBe('evidence bundle intact');
    }
    const wrong = await verify(file, '--public-key', write('attacker.pem', attacker.publicKey));
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toContain(`BROKEN: signature: signed by key ${fingerprint}, NOT by the trusted key ${attacker.fingerprint}`);
    expect(await verify(file, '--fingerprint', 'xyz')).toMatchObject({
      code: 2,
      stderr: 'error: the trusted fingerprint must be 64 hex digits (SHA-256 of the raw key)\n',
    });
  });

  it('a manifest byte changed, or everything re-hashed consistently: the signature does not hold', async () => {
    const tampered = await download();
    const h: string = tampered.manifest.sections.events;
    tampered.manifest.sections.events = `${h.slice(0, -1)}${h.endsWith('a') ? 'b' : 'a'}`;
    const one = await verify(write('byte.json', tampered));
    expect(one.code).toBe(1);
    expect(one.stdout).toContain(
      `BROKEN: signature: signature INVALID for key ${fingerprint}: the signature does not match the signed content`,
    );

    // An attacker with the database: the notification changed, its section hash recomputed; every hash agrees.
    const rehashed = await download();
    rehashed.notifications[0].body = 'Dear customer, nothing happened.';
    rehashed.manifest.sections.notifications = sha256(rehashed.notifications);
    const consistent = await verify(write('rehashed.json', rehashed));
    expect(consistent.code).toBe(1);
    expect(consistent.stdout).toContain('intact: section notifications: matches the manifest');
    expect(consistent.stdout).not.toContain('BROKEN: section');
    expect(consistent.stdout).toContain(`BROKEN: signature: signature INVALID for key ${fingerprint}`);
    // … and signed again with a key of the attacker's own: valid in itself, refused against the trusted key.
    const { signature: _s, ...rest } = rehashed;
    const resigned = write('resigned.json', { ...rest, signature: signWith(attacker, evidenceSignedBytes(rest)) });
    expect((await verify(resigned)).code).toBe(0);
    const refused = await verify(resigned, '--fingerprint', fingerprint);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain(`BROKEN: signature: signed by key ${attacker.fingerprint}, NOT by the trusted key ${fingerprint}`);
  });

  it('a bundle made before signing is reported unsigned, not broken; a trusted key asked for refuses it', async () => {
    const { signature: _s, ...old } = await download();
    const file = write('old.json', old);
    const r = await verify(file);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('note: signature: unsigned (made before signing): the hashes prove consistency, not origin');
    expect(lastLine(r.stdout)).toBe('evidence bundle intact');
    expect((await verify(file, '--fingerprint', fingerprint)).code).toBe(1);
  });

  it('signs the register bundle of a period', async () => {
    const res = await t.request('GET', '/api/v1/register/evidence?from=2025-06-01&to=2025-06-30', { token: tenant.dpoToken });
    expect(res.status).toBe(200);
    expect(res.body.signature.keyFingerprint).toBe(fingerprint);
    expect(res.body.incidents[0].signature).toBeUndefined(); // covered by the register's manifest
    const file = write('register.json', res.text);
    const r = await verify(file, '--fingerprint', fingerprint);
    expect(r.code).toBe(0);
    expect(lastLine(r.stdout)).toBe('register evidence bundle intact');
    res.body.period.to = '2025-06-29';
    res.body.manifest.parts.head = sha256({
      exportedAt: res.body.exportedAt,
      exportedBy: res.body.exportedBy,
      organization: res.body.organization,
      period: res.body.period,
    });
    const moved = await verify(write('register-moved.json', res.body), '--fingerprint', fingerprint);
    expect(moved.code).toBe(1);
    expect(moved.stdout).toContain('BROKEN: signature: signature INVALID');
  });

  it('signs the organization archive over its manifest; org verify-export checks it', async () => {
    const archive = await t.get(OrganizationExportService).export(tenant.controllerSlug);
    expect(archive.signature?.keyFingerprint).toBe(fingerprint);
    expect(checkArchive(archiveText(archive), { fingerprint })).toMatchObject({ ok: true, signature: { status: 'valid', trusted: true } });
    // Rows changed and the manifest rebuilt to match: sections and chain verify, the signature does not.
    const rows = archive.sections.incidents.map((r) => ({ ...r, title: 'Nothing happened' }));
    const forged = buildArchive(archive.manifest, { ...archive.sections, incidents: rows });
    const rehashed = checkArchive(archiveText({ ...forged, signature: archive.signature }), { fingerprint });
    expect(rehashed.sections.every((s) => s.ok) && rehashed.auditChain.ok).toBe(true);
    expect(rehashed).toMatchObject({ ok: false, signature: { status: 'invalid' } });
    const resigned = { ...forged, signature: signWith(attacker, archiveSignedBytes(forged)) };
    expect(checkArchive(archiveText(resigned), { fingerprint })).toMatchObject({ ok: false, signature: { status: 'untrusted' } });

    const lines: string[] = [];
    const quiet = jest.spyOn(process.stdout, 'write').mockImplementation((s) => (lines.push(String(s)), true));
    const quietErr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await main(['org', 'verify-export', write('archive.json', archiveText(archive)), '--public-key', publicKeyFile])).toBe(0);
      expect(lines.join('')).toContain(`ok\tsignature\tsigned by the trusted key ${fingerprint}`);
      lines.length = 0;
      expect(await main(['org', 'verify-export', write('forged.json', archiveText(resigned)), '--fingerprint', fingerprint])).toBe(1);
      expect(lines.join('')).toContain(`BROKEN\tsignature\tsigned by key ${attacker.fingerprint}, NOT by the trusted key ${fingerprint}`);
      lines.length = 0;
      const { signature: _s, ...old } = archive;
      expect(await main(['org', 'verify-export', write('old-archive.json', archiveText(old))])).toBe(0);
      expect(lines.join('')).toContain('note\tsignature\tunsigned (made before signing)');
    } finally {
      quiet.mockRestore();
      quietErr.mockRestore();
    }
  });

  it('keeps the public keys it signed with: a key from SIGNING_KEY_FILE after one from the database', async () => {
    const rotated = signingKeyFromPem(newSigningKeyPem());
    const keys = new SigningKeys(
      Object.assign(Object.create(Object.getPrototypeOf(t.config)), t.config, { signingKey: rotated }),
      t.get(Database),
    );
    expect((await keys.key()).fingerprint).toBe(rotated.fingerprint);
    expect(keys.source()).toBe('file');
    const known = await keys.known();
    expect(known.map((k) => [k.fingerprint, k.current]).sort()).toEqual(
      [
        [fingerprint, false],
        [rotated.fingerprint, true],
      ].sort(),
    );
    expect(known.find((k) => k.fingerprint === fingerprint)?.publicKey).toBe(fs.readFileSync(publicKeyFile, 'utf8'));
    // The database key stays the same for the app that has none from a file.
    expect((await t.get(SigningKeys).key()).fingerprint).toBe(fingerprint);
  });

  it('keys public prints the key from SIGNING_KEY_FILE and its fingerprint, --all the one before it; a wrong file stops the command naming the variable', async () => {
    const pem = newSigningKeyPem();
    const fromFile = signingKeyFromPem(pem);
    const keyFile = write('signing-key.pem', pem);
    const bad = await cli(['keys', 'public'], { SIGNING_KEY_FILE: publicKeyFile });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('SIGNING_KEY_FILE is not a PEM private key (PKCS#8)');
    expect(bad.stderr).not.toContain('BEGIN PUBLIC KEY');
    if (!t.databaseUrl) return expect(t.config.database.kind).toBe('pglite'); // the in-memory PGlite has no second door
    const shown = await cli(['keys', 'public'], { SIGNING_KEY_FILE: keyFile, DATABASE_URL: t.databaseUrl });
    expect(shown.code).toBe(0);
    expect(shown.stdout).toBe(`fingerprint ${fromFile.fingerprint}\n${fromFile.publicKey}`);
    expect(shown.stderr).toContain('signing key from SIGNING_KEY_FILE');
    const all = await cli(['keys', 'public', '--all'], { SIGNING_KEY_FILE: keyFile, DATABASE_URL: t.databaseUrl });
    expect(all.stdout).toContain(`fingerprint ${fromFile.fingerprint} (current)\n${fromFile.publicKey}`);
    expect(all.stdout).toContain(`fingerprint ${fingerprint}\n${fs.readFileSync(publicKeyFile, 'utf8')}`);
    // What the CLI exports is signed with the file's key, and checks against it.
    const out = path.join(dir, 'cli-evidence.json');
    const exported = await cli(['evidence', 'export', '--incident', id, '--out', out], {
      SIGNING_KEY_FILE: keyFile,
      DATABASE_URL: t.databaseUrl,
    });
    expect(exported.code).toBe(0);
    expect((await verify(out, '--fingerprint', fromFile.fingerprint)).code).toBe(0);
    expect((await verify(out, '--fingerprint', fingerprint)).code).toBe(1);
  });

  it('signs the tombstone of a deleted chain; audit verify checks it, also after the system chain was re-hashed by someone with the database', async () => {
    const gone = await makeTenant(t);
    await fileReport(t, gone);
    const summary = await t.get(OrganizationDeletionService).delete(gone.processorSlug, gone.processorSlug, CLI_ACTOR);
    const chain = `org:${gone.processorId}`;
    expect(summary.tombstone.signature?.keyFingerprint).toBe(fingerprint);
    const deleted = async () => (await t.get(AuditService).verifyChain()).chains.find((c) => c.chain === chain)!;
    const before = await deleted();
    expect(before.deleted?.signature?.keyFingerprint).toBe(fingerprint);
    expect(checkTombstone(before.deleted!, { fingerprint })).toEqual({
      holds: true,
      text: `tombstone signed by the trusted key ${fingerprint}`,
    });
    await expectCliAuditVerify(0, `tombstone signed by the trusted key ${fingerprint}`);

    // Someone with the database claims the chain held fewer events, and re-hashes the system chain from there.
    await rewriteSystemChain(t, summary.tombstone.tombstoneSeq, (e) => {
      (e.changes as Record<string, { from: unknown }>).events.from = 0;
    });
    const result = await t.get(AuditService).verifyChain();
    expect(result.break).toBeNull(); // every hash agrees again
    const after = result.chains.find((c) => c.chain === chain)!;
    expect(after.deleted?.events).toBe(0);
    expect(checkTombstone(after.deleted!)).toEqual({
      holds: false,
      text: `tombstone signature INVALID for key ${fingerprint}: the signature does not match the signed content`,
    });
    await expectCliAuditVerify(1, `tombstone signature INVALID for key ${fingerprint}`);
  });

  // `audit verify --fingerprint` (and --sign) from the command line: PostgreSQL only (the in-memory PGlite has no second door).
  async function expectCliAuditVerify(code: number, line: string) {
    if (!t.databaseUrl) return expect(t.config.database.kind).toBe('pglite');
    const saved = { ...process.env };
    Object.assign(process.env, { DATABASE_URL: t.databaseUrl, LOG_LEVEL: 'error' });
    const lines: string[] = [];
    const quiet = jest.spyOn(process.stdout, 'write').mockImplementation((s) => (lines.push(String(s)), true));
    const quietErr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const heads = path.join(dir, `heads-${code}.json`);
    try {
      expect(await main(['audit', 'verify', '--fingerprint', fingerprint, '--sign', heads])).toBe(code);
    } finally {
      quiet.mockRestore();
      quietErr.mockRestore();
      process.env = saved;
    }
    expect(lines.join('')).toContain(line);
    if (code !== 0) return;
    const statement = JSON.parse(fs.readFileSync(heads, 'utf8'));
    expect(statement).toMatchObject({ format: 'breachclock-chain-heads', signature: { keyFingerprint: fingerprint } });
    expect(statement.chains.map((c: { chain: string }) => c.chain)).toEqual(expect.arrayContaining([SYSTEM_CHAIN]));
    const checked = await verify(heads, '--fingerprint', fingerprint);
    expect(checked.code).toBe(0);
    expect(lastLine(checked.stdout)).toBe('chain heads statement intact');
  }
});

// What an attacker with write access does: changes one event of the system chain, then re-computes
// every hash from there on and the chain's head, with the append-only triggers switched off.
async function rewriteSystemChain(t: TestApp, seq: string, change: (e: AuditEvent) => void) {
  const events = await t.dataSource.getRepository(AuditEvent).find({ where: { chain: SYSTEM_CHAIN }, order: { seq: 'ASC' } });
  const runner = t.dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('ALTER TABLE audit_event DISABLE TRIGGER USER');
    let prev: string | null = null;
    for (const e of events) {
      if (BigInt(e.seq) < BigInt(seq)) continue;
      if (e.seq === seq) change(e);
      const { seq: _s, prevHash, hash: _h, ...content } = toChained(e);
      const linked = prev ?? prevHash;
      const hash = chainHash(linked, content);
      await runner.query(`UPDATE audit_event SET changes = $2, prev_hash = $3, hash = $4 WHERE seq = $1`, [
        e.seq,
        JSON.stringify(e.changes),
        linked,
        hash,
      ]);
      prev = hash;
    }
    await runner.query(`UPDATE audit_chain SET head_hash = $1 WHERE chain = $2`, [prev, SYSTEM_CHAIN]);
  } finally {
    await runner.query('ALTER TABLE audit_event ENABLE TRIGGER USER');
    await runner.release();
  }
}
