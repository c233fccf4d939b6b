import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { createHash, randomBytes } from 'node:crypto';
import { Actor } from '../../identity/domain/actor';
import { IdentityService } from '../../identity/identity.service';
import { WebSession } from '../../identity/web-session.entity';
import { SignInMethod, WebSessionsService } from '../../identity/web-sessions.service';
import { Clock } from '../../platform/clock/clock';
import { DomainError } from '../../platform/http/domain-error';
import { IdGenerator } from '../../platform/ids/id-generator';
import { safeEqual } from '../../platform/security/constant-time';
import { inPageLanguage } from './page-language';

export const SESSION_COOKIE = 'bc_session';
const SESSION_HOURS = 12;
const WINDOW_MS = 15 * 60_000;
export const MAX_ATTEMPTS_PER_ACCOUNT = 5;
export const MAX_ATTEMPTS_PER_ADDRESS = 20;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
const addressKey = (address: string) => `address:${address}`;

export interface SignedInUser {
  actor: Actor;
  csrfToken: string;
  sessionId: string;
}

// Browser sessions and the login rate limits. The pages call the same services as the API; only
// how the caller is recognised differs (cookie + CSRF token instead of a bearer token).
@Injectable()
export class SessionsService {
  constructor(
    private readonly store: WebSessionsService,
    private readonly identity: IdentityService,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  // Counts one attempt for the account and one for the address, before any password is checked, in
  // one statement: the upsert locks each counter row, so parallel attempts are numbered one after
  // another on every instance, and no more than the limit ever reach the password check. A counter
  // older than the window (or from a clock since set back) starts again at 1. False: over a limit
  // (the caller answers 429).
  async attempt(email: string, address: string): Promise<boolean> {
    const now = this.clock.now();
    const counts = await this.store.countAttempt([accountKey(email), addressKey(address)], now, new Date(now.getTime() - WINDOW_MS));
    const count = (key: string) => counts.get(key) ?? 0;
    return count(accountKey(email)) <= MAX_ATTEMPTS_PER_ACCOUNT && count(addressKey(address)) <= MAX_ATTEMPTS_PER_ADDRESS;
  }

  // The password was right: the account's count starts again, and the address gets its attempt back
  // (an office behind one address signs in many times a day).
  async succeeded(email: string, address: string): Promise<void> {
    await this.store.succeeded(accountKey(email), addressKey(address));
  }

  // A sign-in: counted first (see attempt), then the password checked.
  async login(
    email: string,
    password: string,
    address: string,
  ): Promise<{ kind: 'limited' } | { kind: 'failed' } | { kind: 'ok'; cookie: string; signedIn: SignedInUser }> {
    if (!(await this.attempt(email, address))) return { kind: 'limited' };
    const actor = await this.identity.verifyLogin(email, password);
    if (!actor) return { kind: 'failed' };
    const started = await this.start(actor, 'password');
    await this.succeeded(email, address);
    return { kind: 'ok', ...started };
  }

  // A new session for a user who proved who they are (a password, or the single sign-on provider):
  // the cookie's value (only its hash is stored) and the signed-in user.
  async start(actor: Actor, method: SignInMethod): Promise<{ cookie: string; signedIn: SignedInUser }> {
    const now = this.clock.now();
    const cookie = randomBytes(32).toString('base64url');
    const session = Object.assign(new WebSession(), {
      id: this.ids.next(),
      tokenHash: sha256(cookie),
      userId: actor.userId,
      csrfToken: randomBytes(24).toString('base64url'),
      createdAt: now,
      expiresAt: new Date(now.getTime() + SESSION_HOURS * 3_600_000),
    });
    await this.store.create(session, actor, method);
    return { cookie, signedIn: { actor, csrfToken: session.csrfToken, sessionId: session.id } };
  }

  async find(cookie: string | undefined): Promise<SignedInUser | null> {
    if (!cookie || !/^[A-Za-z0-9_-]{43}$/.test(cookie)) return null;
    const session = await this.store.findByTokenHash(sha256(cookie));
    if (!session || session.expiresAt.getTime() <= this.clock.now().getTime()) return null;
    const actor = await this.identity.actorById(session.userId);
    return actor ? { actor, csrfToken: session.csrfToken, sessionId: session.id } : null;
  }

  // Every other session of the user ends (after a password change); this one stays.
  async endOthers(userId: string, keepSessionId: string): Promise<void> {
    await this.store.endOthers(userId, keepSessionId);
  }

  async logout(sessionId: string): Promise<void> {
    await this.store.end(sessionId);
  }

  // The session of the request's cookie, or null. The header is parsed by @fastify/cookie here, for the
  // pages only: the API's requests carry no per-request cookie work. The actor speaks the page's
  // language (page-language.ts: the browser's for a user who has not chosen one).
  async ofRequest(request: FastifyRequest): Promise<SignedInUser | null> {
    const header = request.headers.cookie;
    const signedIn = await this.find(header ? request.server.parseCookie(header)[SESSION_COOKIE] : undefined);
    return signedIn && { ...signedIn, actor: inPageLanguage(signedIn.actor, request.headers['accept-language']) };
  }

  // A new password, proving the current one, which counts like a sign-in (same limits), so a stolen
  // session cannot guess it. The user's other sessions end with the old password. Over the limit:
  // SignInLimited; a wrong current password keeps its attempt counted, any other refusal gives it back.
  async changePassword(
    signedIn: SignedInUser,
    input: { currentPassword: unknown; newPassword: unknown; confirmPassword: unknown },
    address: string,
  ): Promise<void> {
    const { actor } = signedIn;
    if (!(await this.attempt(actor.email, address))) throw new SignInLimited();
    try {
      await this.identity.changePassword(actor, input);
    } catch (error) {
      if (error instanceof DomainError && !error.errors?.some((e) => e.path === 'currentPassword'))
        await this.succeeded(actor.email, address);
      throw error;
    }
    await this.succeeded(actor.email, address);
    await this.endOthers(actor.userId, signedIn.sessionId);
  }

  csrfValid(signedIn: SignedInUser, given: unknown): boolean {
    return safeEqual(given, signedIn.csrfToken);
  }
}

// Too many sign-in attempts for the account or the address (the page answers 429).
export class SignInLimited extends DomainError {
  readonly kind = 'forbidden' as const;
  readonly code = 'web.sign_in_limited';

  constructor() {
    super('Too many failed attempts.', { errors: [{ path: 'currentPassword', message: 'too many failed attempts' }] });
  }
}

// HttpOnly always, SameSite=Lax, Secure when the public address is https. Written here rather than by
// @fastify/cookie's serializer, which orders the attributes differently (the order is part of the tests).
export function sessionCookie(value: string, secure: boolean, maxAgeSeconds = SESSION_HOURS * 3600): string {
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`;
}
