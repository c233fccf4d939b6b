import { Injectable } from '@nestjs/common';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Actor } from '../identity/actor';
import { IdentityService } from '../identity/identity.service';
import { Clock } from '../platform/clock/clock';
import { Database } from '../platform/database/database';
import { execute, insertEntity } from '../platform/database/execute';
import { IdGenerator } from '../platform/ids/id-generator';
import { LoginFailure, WebSession } from './web-session.entity';

export const SESSION_COOKIE = 'bc_session';
const SESSION_HOURS = 12;
const WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export interface SignedIn {
  actor: Actor;
  csrfToken: string;
  sessionId: string;
}

// Browser sessions and the login rate limits. The pages call the same services as the API; only
// how the caller is recognised differs (cookie + CSRF token instead of a bearer token).
@Injectable()
export class Sessions {
  constructor(
    private readonly db: Database,
    private readonly identity: IdentityService,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  // Too many failed logins for this account or from this address in the last 15 minutes.
  async limited(email: string, address: string): Promise<boolean> {
    const since = new Date(this.clock.now().getTime() - WINDOW_MS).toISOString();
    const { rows } = await this.db.read((m) =>
      execute<{ account: number; addr: number }>(
        m,
        `SELECT (SELECT count(*)::int FROM login_failure WHERE email = $1 AND at > $3) AS account,
                (SELECT count(*)::int FROM login_failure WHERE address = $2 AND at > $3) AS addr`,
        [email.toLowerCase(), address, since],
      ),
    );
    return rows[0].account >= MAX_FAILURES_PER_ACCOUNT || rows[0].addr >= MAX_FAILURES_PER_ADDRESS;
  }

  // A wrong password for this account from this address (at sign-in, or on the password form).
  async recordFailure(email: string, address: string): Promise<void> {
    const failure = Object.assign(new LoginFailure(), { id: this.ids.next(), email: email.toLowerCase(), address, at: this.clock.now() });
    await this.db.transaction((tx) => insertEntity(tx, LoginFailure, failure));
  }

  async login(email: string, password: string, address: string): Promise<{ cookie: string; signedIn: SignedIn } | null> {
    const actor = await this.identity.verifyLogin(email, password);
    const now = this.clock.now();
    if (!actor) {
      await this.recordFailure(email, address);
      return null;
    }
    const cookie = randomBytes(32).toString('base64url');
    const session = Object.assign(new WebSession(), {
      id: this.ids.next(),
      tokenHash: sha256(cookie),
      userId: actor.userId,
      csrfToken: randomBytes(24).toString('base64url'),
      createdAt: now,
      expiresAt: new Date(now.getTime() + SESSION_HOURS * 3_600_000),
    });
    await this.db.transaction(async (tx) => {
      await insertEntity(tx, WebSession, session);
      await execute(tx, `DELETE FROM login_failure WHERE email = $1`, [actor.email]);
    });
    return { cookie, signedIn: { actor, csrfToken: session.csrfToken, sessionId: session.id } };
  }

  async find(cookie: string | undefined): Promise<SignedIn | null> {
    if (!cookie || !/^[A-Za-z0-9_-]{43}$/.test(cookie)) return null;
    const session = await this.db.read((m) => m.findOne(WebSession, { where: { tokenHash: sha256(cookie) } }));
    if (!session || session.expiresAt.getTime() <= this.clock.now().getTime()) return null;
    const actor = await this.identity.actorById(session.userId);
    return actor ? { actor, csrfToken: session.csrfToken, sessionId: session.id } : null;
  }

  // Every other session of the user ends (after a password change); this one stays.
  async endOthers(userId: string, keepSessionId: string): Promise<void> {
    await this.db.read((m) => execute(m, `DELETE FROM web_session WHERE user_id = $1 AND id <> $2`, [userId, keepSessionId]));
  }

  async logout(sessionId: string): Promise<void> {
    await this.db.read((m) => execute(m, `DELETE FROM web_session WHERE id = $1`, [sessionId]));
  }

  csrfValid(signedIn: SignedIn, given: unknown): boolean {
    if (typeof given !== 'string') return false;
    const a = Buffer.from(given);
    const b = Buffer.from(signedIn.csrfToken);
    return a.length === b.length && timingSafeEqual(a, b);
  }
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

// HttpOnly always, SameSite=Lax, Secure when the public address is https.
export function sessionCookie(value: string, secure: boolean, maxAgeSeconds = SESSION_HOURS * 3600): string {
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`;
}
