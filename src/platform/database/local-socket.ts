import type { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketHandler, PGLiteSocketHandlerOptions } from '@electric-sql/pglite-socket';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import type { Logger } from 'pino';
import { Holder, SessionLease } from './session-lease';
import { ReadyForQueryScanner, SYNC_MESSAGE, fatalError, isTerminate } from './wire-protocol';

// The socket file's name, as psql and libpq expect it in a socket directory (port 5432).
export const SOCKET_FILE = '.s.PGSQL.5432';
// sun_path holds 108 bytes on Linux, the terminating NUL included.
const MAX_SOCKET_PATH = 107;
export const IDLE_IN_TRANSACTION_MS = 10_000;
const MAX_CONNECTIONS = 16;

export interface LocalSocketOptions {
  pglite: PGlite;
  lease: SessionLease;
  directory: string;
  logger: Logger;
  idleInTransactionMs?: number;
}

interface Turn {
  release: () => void;
  synced: boolean; // the last answer ended with ReadyForQuery
  idle?: NodeJS.Timeout;
}

const holderOf = (id: number): Holder => `socket:${id}`;

// Serves the embedded database on a Unix socket beside the running server, so the CLI, psql and
// pg_dump can use it while the server holds the files. pglite-socket's handler speaks the wire
// protocol per connection (SSL refusal, message framing); this class decides who runs when:
// - a client's turn takes the session lease (shared with the app's own work) with its first message
//   and keeps it until a ReadyForQuery says "idle", so its transaction or extended-query sequence
//   never interleaves with the app's or another client's statements;
// - session settings (SET …) a holder made are put aside when another holder takes over and given
//   back on its next turn, so a client's `SET search_path` never reaches the app's queries;
// - a turn left idle for idleInTransactionMs is rolled back and its connection closed: the app waits
//   while a client holds the session.
export class LocalSocketServer {
  private readonly server: net.Server;
  private readonly connections = new Map<number, { handler: PGLiteSocketHandler; socket: net.Socket }>();
  private readonly turns = new Map<number, Turn>();
  private readonly chains = new Map<number, Promise<unknown>>();
  private readonly gone = new Set<number>();
  private readonly settings = new Map<Holder, { name: string; setting: string }[]>();
  private readonly idleMs: number;

  private constructor(
    private readonly options: LocalSocketOptions,
    readonly socketPath: string,
  ) {
    this.idleMs = options.idleInTransactionMs ?? IDLE_IN_TRANSACTION_MS;
    this.server = net.createServer((socket) => void this.accept(socket));
  }

  // Null (with a warning) when the path is too long for a Unix socket; the server runs on without it.
  static async start(options: LocalSocketOptions): Promise<LocalSocketServer | null> {
    const socketPath = path.join(options.directory, SOCKET_FILE);
    if (Buffer.byteLength(socketPath) > MAX_SOCKET_PATH) {
      options.logger.warn(
        { event: 'pglite_socket.unavailable', path: socketPath },
        'the socket path is too long; the CLI cannot run beside this server',
      );
      return null;
    }
    fs.mkdirSync(options.directory, { recursive: true, mode: 0o700 });
    fs.chmodSync(options.directory, 0o700);
    fs.rmSync(socketPath, { force: true }); // left by a server that died; the database lock says we own it now
    const served = new LocalSocketServer(options, socketPath);
    options.lease.onHandover((from, to) => served.handover(from, to));
    await new Promise<void>((resolve, reject) => {
      served.server.once('error', reject);
      served.server.listen(socketPath, () => resolve());
    });
    fs.chmodSync(socketPath, 0o600);
    options.logger.info({ event: 'pglite_socket.listening', path: socketPath }, 'serving the embedded database on a local socket');
    return served;
  }

  async close(): Promise<void> {
    for (const { handler } of this.connections.values()) await handler.detach(true);
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.options.lease.onHandover(null);
    fs.rmSync(this.socketPath, { force: true });
  }

  private async accept(socket: net.Socket): Promise<void> {
    if (this.connections.size >= MAX_CONNECTIONS) {
      socket.end(fatalError('53300', `too many connections to breachclock's embedded database (at most ${MAX_CONNECTIONS})`));
      return;
    }
    const queryQueue = {
      enqueue: (id: number, message: Uint8Array, onData: (data: Uint8Array) => void) => this.after(id, () => this.run(id, message, onData)),
      clearQueueForHandler: (id: number) => void this.gone.add(id),
      clearTransactionIfNeeded: (id: number) => this.disconnect(id),
      getQueueLength: () => 0,
    } as unknown as PGLiteSocketHandlerOptions['queryQueue'];
    const handler = new PGLiteSocketHandler({ queryQueue, closeOnDetach: true });
    this.connections.set(handler.handlerId, { handler, socket });
    await handler.attach(socket);
  }

  // One connection's messages run in the order they came, one after another.
  private after<T>(id: number, work: () => Promise<T>): Promise<T> {
    const next = (this.chains.get(id) ?? Promise.resolve()).then(work, work);
    this.chains.set(
      id,
      next.catch(() => undefined),
    );
    return next;
  }

  private async run(id: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    if (this.gone.has(id)) return 0;
    if (isTerminate(message)) {
      await this.endTurn(id);
      return 0;
    }
    let turn = this.turns.get(id);
    if (!turn) {
      turn = { release: await this.options.lease.acquire(holderOf(id)), synced: true };
      this.turns.set(id, turn);
      if (this.gone.has(id)) {
        await this.endTurn(id);
        return 0;
      }
    }
    clearTimeout(turn.idle);
    const answer = new ReadyForQueryScanner();
    let bytes = 0;
    try {
      await this.options.pglite.runExclusive(() =>
        this.options.pglite.execProtocolRawStream(message, {
          onRawData: (data) => {
            bytes += data.length;
            answer.push(data);
            onData(data);
          },
        }),
      );
    } catch (error) {
      await this.endTurn(id);
      throw error;
    }
    turn.synced = answer.status !== null;
    if (answer.status === 'I') {
      this.turns.delete(id);
      turn.release();
    } else {
      turn.idle = setTimeout(() => void this.idleTimeout(id), this.idleMs);
    }
    return bytes;
  }

  private async idleTimeout(id: number): Promise<void> {
    const connection = this.connections.get(id);
    this.options.logger.warn(
      { event: 'pglite_socket.idle_in_transaction', connection: id, ms: this.idleMs },
      'rolled back an idle transaction',
    );
    connection?.socket.write(
      fatalError(
        '25P03',
        `terminating connection: it held breachclock's embedded database idle in a transaction for ${this.idleMs / 1000} s`,
      ),
    );
    await this.after(id, () => this.endTurn(id));
    await connection?.handler.detach(true);
  }

  private async disconnect(id: number): Promise<void> {
    this.gone.add(id);
    this.connections.delete(id);
    await this.after(id, () => this.endTurn(id));
    this.chains.delete(id);
    this.gone.delete(id);
    this.settings.delete(holderOf(id));
  }

  // Gives the session back in a clean state: an unfinished extended query synced, an open
  // transaction rolled back.
  private async endTurn(id: number): Promise<void> {
    const turn = this.turns.get(id);
    if (!turn) return;
    clearTimeout(turn.idle);
    this.turns.delete(id);
    try {
      const pglite = this.options.pglite;
      await pglite.runExclusive(async () => {
        if (!turn.synced) await pglite.execProtocolRaw(SYNC_MESSAGE);
        if (pglite.isInTransaction()) await pglite.execProtocolRaw(simpleQuery('ROLLBACK'));
      });
    } finally {
      turn.release();
    }
  }

  // The settings the leaving holder made (SET, set_config, SET ROLE) are put aside and reset; the
  // arriving holder's own come back.
  private async handover(from: Holder, to: Holder): Promise<void> {
    const pglite = this.options.pglite;
    const made = (
      await pglite.query<{ name: string; setting: string }>(
        `SELECT name, setting FROM pg_settings WHERE source = 'session'
         UNION ALL SELECT 'role', current_user::text WHERE current_user <> session_user`,
      )
    ).rows;
    const leaving = from.startsWith('socket:') ? Number(from.slice(7)) : null;
    if (leaving === null || this.connections.has(leaving)) this.settings.set(from, made);
    else this.settings.delete(from);
    if (made.length) await pglite.exec('RESET ALL; RESET ROLE');
    for (const { name, setting } of this.settings.get(to) ?? []) await pglite.query('SELECT set_config($1, $2, false)', [name, setting]);
  }
}

function simpleQuery(sql: string): Uint8Array {
  const text = Buffer.from(`${sql}\0`, 'utf8');
  const head = Buffer.alloc(5);
  head.write('Q', 0);
  head.writeInt32BE(text.length + 4, 1);
  return Buffer.concat([head, text]);
}
