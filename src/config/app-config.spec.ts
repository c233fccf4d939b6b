import * as os from 'node:os';
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
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://u@127.0.0.1:5432/db', poolSize: 10 });
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
});
