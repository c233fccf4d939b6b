import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { newSigningKeyPem, signingKeyFromPem } from '../platform/signing/signatures';
import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('defaults to the embedded database under ./data and port 3000 on 127.0.0.1', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.database.kind).toBe('pglite');
    expect(config.dataDir.endsWith('/data')).toBe(true);
    expect(config.publicUrl).toBe('http://127.0.0.1:3000');
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@127.0.0.1:5432/db' });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://u@127.0.0.1:5432/db', poolSize: 10, preparedStatements: true });
  });

  it('prepares statements on PostgreSQL unless DATABASE_PREPARED_STATEMENTS is off (a pooler in transaction mode)', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@127.0.0.1:5432/db', DATABASE_PREPARED_STATEMENTS: 'off' });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://u@127.0.0.1:5432/db', poolSize: 10, preparedStatements: false });
    expect(() => loadConfig({ DATABASE_URL: 'postgres://u@127.0.0.1:5432/db', DATABASE_PREPARED_STATEMENTS: 'no' })).toThrow(
      /DATABASE_PREPARED_STATEMENTS/,
    );
  });

  it('trusts no proxy unless told which, or how many hops', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1' }).trustProxy).toEqual(['127.0.0.1', '10.0.0.0/8', '::1']);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/8; rm -rf' })).toThrow(/TRUST_PROXY/);
  });

  it('fails fast naming the variable and never echoing its value', () => {
    const secret = 'mysql://admin:hunter2@db';
    let error: unknown;
    try {
      loadConfig({ DATABASE_URL: secret, PORT: 'eighty' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const configError = error as ConfigError;
    expect(configError.variables.sort()).toEqual(['DATABASE_URL', 'PORT']);
    expect(configError.message).toContain('DATABASE_URL');
    expect(configError.message).not.toContain('hunter2');
    expect(configError.message).not.toContain('eighty');
  });

  it('serves the embedded database on DATA_DIR/socket unless PGLITE_SOCKET is off, and checks LOG_FORMAT', () => {
    expect(loadConfig({ DATA_DIR: '/srv/bc' }).database).toEqual({
      kind: 'pglite',
      dataDir: '/srv/bc/pglite',
      socketDir: '/srv/bc/socket',
    });
    expect(loadConfig({ DATA_DIR: '/srv/bc', PGLITE_SOCKET: 'off' }).database).toEqual({
      kind: 'pglite',
      dataDir: '/srv/bc/pglite',
      socketDir: null,
    });
    expect(() => loadConfig({ PGLITE_SOCKET: 'yes' })).toThrow(/PGLITE_SOCKET/);
    expect(loadConfig({}).logFormat).toBe('auto');
    expect(loadConfig({ LOG_FORMAT: 'json' }).logFormat).toBe('json');
    expect(() => loadConfig({ LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT/);
  });

  it('runs one process unless WORKERS asks for more, and more only on PostgreSQL', () => {
    const pg = { DATABASE_URL: 'postgres://u@127.0.0.1:5432/db' };
    expect(loadConfig({}).workers).toBe(1);
    expect(loadConfig({ ...pg, WORKERS: '3' }).workers).toBe(3);
    expect(loadConfig({ ...pg, WORKERS: 'auto' }).workers).toBe(os.availableParallelism());
    expect(loadConfig({ WORKERS: '1' }).workers).toBe(1);
    expect(() => loadConfig({ WORKERS: '2' })).toThrow(/WORKERS more than 1 needs DATABASE_URL/);
    for (const bad of ['0', '-1', 'two', '1.5', '1000']) expect(() => loadConfig({ ...pg, WORKERS: bad })).toThrow(/WORKERS/);
  });

  it('files two chunks of batches at once unless BATCH_CONCURRENCY says otherwise (1 to 8)', () => {
    expect(loadConfig({}).batches).toEqual({ enabled: true, concurrency: 2, chunkSize: 500 });
    expect(loadConfig({ BATCH_CONCURRENCY: '4', BATCH_CHUNK_SIZE: '250' }).batches).toEqual({
      enabled: true,
      concurrency: 4,
      chunkSize: 250,
    });
    for (const bad of ['0', '9', 'two', '1.5']) expect(() => loadConfig({ BATCH_CONCURRENCY: bad })).toThrow(/BATCH_CONCURRENCY/);
  });
});

describe('loadConfig: single sign-on', () => {
  const trio = { OIDC_ISSUER: 'https://login.example.org/realms/x', OIDC_CLIENT_ID: 'breachclock', OIDC_CLIENT_SECRET: 's3cr3t-value' };

  it('is off by default, with passwords on', () => {
    expect(loadConfig({}).signIn).toEqual({ oidc: null, passwordLogin: true });
  });

  it('takes the three variables together, with the claims, scopes and redirect URI', () => {
    expect(loadConfig({ ...trio, PUBLIC_URL: 'https://bc.example.org/' }).signIn).toEqual({
      passwordLogin: true,
      oidc: {
        issuer: trio.OIDC_ISSUER,
        clientId: 'breachclock',
        clientSecret: 's3cr3t-value',
        orgClaim: 'breachclock_org',
        roleClaim: 'breachclock_role',
        scopes: 'openid email',
        redirectUri: 'https://bc.example.org/login/oidc/callback',
        insecureLoopback: false,
      },
    });
    const custom = loadConfig({
      ...trio,
      OIDC_ORG_CLAIM: 'org',
      OIDC_ROLE_CLAIM: 'roles',
      OIDC_SCOPES: 'openid email breachclock',
      PASSWORD_LOGIN: 'off',
    });
    expect(custom.signIn.passwordLogin).toBe(false);
    expect(custom.signIn.oidc).toMatchObject({ orgClaim: 'org', roleClaim: 'roles', scopes: 'openid email breachclock' });
  });

  it('refuses to start with only some of the three, naming the missing ones and never the values', () => {
    let error: unknown;
    try {
      loadConfig({ OIDC_ISSUER: trio.OIDC_ISSUER, OIDC_CLIENT_SECRET: trio.OIDC_CLIENT_SECRET });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variables).toEqual(['OIDC_CLIENT_ID']);
    expect((error as ConfigError).message).toMatch(
      /OIDC_CLIENT_ID missing: single sign-on needs OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET together/,
    );
    expect((error as ConfigError).message).not.toContain('s3cr3t');
    expect(() => loadConfig({ OIDC_CLIENT_ID: 'x' })).toThrow(/OIDC_ISSUER, OIDC_CLIENT_SECRET missing/);
  });

  it('wants an https issuer (http on loopback only), scopes with openid, and SSO before PASSWORD_LOGIN=off', () => {
    expect(() => loadConfig({ ...trio, OIDC_ISSUER: 'http://login.example.org' })).toThrow(/OIDC_ISSUER must be an https/);
    expect(loadConfig({ ...trio, OIDC_ISSUER: 'http://127.0.0.1:9000' }).signIn.oidc?.insecureLoopback).toBe(true);
    expect(loadConfig({ ...trio, OIDC_ISSUER: 'http://localhost:9000' }).signIn.oidc?.insecureLoopback).toBe(true);
    expect(() => loadConfig({ ...trio, OIDC_ISSUER: 'not a url' })).toThrow(/OIDC_ISSUER/);
    expect(() => loadConfig({ ...trio, OIDC_SCOPES: 'email profile' })).toThrow(/OIDC_SCOPES/);
    expect(() => loadConfig({ ...trio, OIDC_ROLE_CLAIM: 'a b' })).toThrow(/OIDC_ROLE_CLAIM/);
    expect(() => loadConfig({ ...trio, PASSWORD_LOGIN: 'no' })).toThrow(/PASSWORD_LOGIN/);
    expect(() => loadConfig({ PASSWORD_LOGIN: 'off' })).toThrow(/PASSWORD_LOGIN off needs single sign-on/);
  });
});

describe('loadConfig: signing key', () => {
  it('reads the signing key from SIGNING_KEY_FILE and refuses a missing or wrong file naming the variable', () => {
    expect(loadConfig({}).signingKey).toBeNull();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'signing-key-'));
    const pem = newSigningKeyPem();
    fs.writeFileSync(path.join(dir, 'key.pem'), pem);
    expect(loadConfig({ SIGNING_KEY_FILE: path.join(dir, 'key.pem') }).signingKey?.fingerprint).toBe(signingKeyFromPem(pem).fingerprint);
    fs.writeFileSync(path.join(dir, 'public.pem'), signingKeyFromPem(pem).publicKey);
    for (const [file, message] of [
      ['missing.pem', 'SIGNING_KEY_FILE cannot be read (ENOENT)'],
      ['public.pem', 'SIGNING_KEY_FILE is not a PEM private key (PKCS#8)'],
    ]) {
      let error: unknown;
      try {
        loadConfig({ SIGNING_KEY_FILE: path.join(dir, file) });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).variables).toEqual(['SIGNING_KEY_FILE']);
      expect((error as Error).message).toContain(message);
    }
    fs.rmSync(dir, { recursive: true });
  });
});
