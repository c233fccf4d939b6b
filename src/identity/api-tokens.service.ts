import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditActor, AuditService } from '../audit/audit.service';
import { Clock } from '../platform/clock/clock';
import { Database } from '../platform/database/database';
import { ValidationError } from '../platform/http/domain-error';
import { IdGenerator } from '../platform/ids/id-generator';
import { validateInput } from '../platform/validation/validate';
import { Actor, actorOfUser, auditActorOf } from './domain/actor';
import { ApiToken } from './api-token.entity';
import { LAST_USED_PRECISION_MS, MAX_TOKEN_LIFETIME_DAYS, defaultTokenName, lastUseWorthRecording, parseExpiresIn } from './domain/tokens';
import { CreateApiTokenDto } from './dto/api-token.dto';
import { IdentityError, IdentityErrorCode } from './identity.errors';
import { IdentityRepository } from './identity.repository';
import { hashApiToken, newApiToken } from './domain/secrets';
import { User } from './user.entity';

// How long an instance trusts what it read about a token. A token revoked or expired, or a user
// deactivated, is refused by every instance at most this long after the change (at once by the
// instance that made it, and at once on expiry, whose instant the cache keeps).
export const TOKEN_CACHE_MS = 5_000;

interface Cached {
  actor: Actor;
  tokenId: string;
  expiresAt: number | null;
  until: number;
}

// A token may be managed by its owner and by the org admins of the owner's organization.
function mayManage(actor: Actor, owner: User): boolean {
  return owner.id === actor.userId || (actor.role === 'org_admin' && owner.organizationId === actor.organizationId);
}

// API tokens: issued (the secret shown once), listed, revoked, and recognised on every request.
@Injectable()
export class ApiTokensService {
  private readonly logger = new Logger('identity');
  private readonly cache = new Map<string, Cached>();

  constructor(
    private readonly db: Database,
    private readonly repo: IdentityRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  // The command line's door: a token for the user with this e-mail address.
  async createForEmail(email: string, input: unknown, by: AuditActor): Promise<{ token: string; row: ApiToken; user: User }> {
    const dto = validateInput(CreateApiTokenDto, input);
    return this.db.transaction(async (tx) => {
      const user = await this.repo.findUserByEmail(tx, email);
      if (!user) throw new IdentityError(IdentityErrorCode.UserNotFound, `No user with e-mail ${email.toLowerCase()}.`);
      return this.issue(tx, user, dto, by);
    });
  }

  // The API's door: a token for the caller, or (org admins) for a user of their organization.
  async createFor(actor: Actor, input: unknown): Promise<{ token: string; row: ApiToken; user: User }> {
    const dto = validateInput(CreateApiTokenDto, input);
    const userId = dto.userId?.toLowerCase() ?? actor.userId;
    if (userId !== actor.userId && actor.role !== 'org_admin') {
      throw new IdentityError(IdentityErrorCode.Forbidden, 'Only org admins create tokens for other users.');
    }
    return this.db.transaction(async (tx) => {
      const user = await this.repo.findUserById(tx, userId);
      if (!user || !mayManage(actor, user)) throw new IdentityError(IdentityErrorCode.UserNotFound, 'No such user in your organization.');
      return this.issue(tx, user, dto, auditActorOf(actor));
    });
  }

  private async issue(tx: EntityManager, user: User, dto: CreateApiTokenDto, by: AuditActor) {
    const now = this.clock.now();
    const name = dto.name === undefined ? defaultTokenName(now) : dto.name.trim();
    const problems = [];
    if (!name) problems.push({ path: 'name', message: 'must not be blank' });
    let expiresAt: Date | null = null;
    if (dto.expiresIn !== undefined && dto.expiresAt !== undefined) {
      problems.push({ path: 'expiresAt', message: 'give expiresIn or expiresAt, not both' });
    } else if (dto.expiresIn !== undefined) {
      const ms = parseExpiresIn(dto.expiresIn);
      if (ms === null) problems.push({ path: 'expiresIn', message: `must be from 1h to ${MAX_TOKEN_LIFETIME_DAYS}d` });
      else expiresAt = new Date(now.getTime() + ms);
    } else if (dto.expiresAt !== undefined) {
      expiresAt = new Date(dto.expiresAt);
      const limit = now.getTime() + MAX_TOKEN_LIFETIME_DAYS * 86_400_000;
      if (expiresAt.getTime() <= now.getTime() || expiresAt.getTime() > limit) {
        problems.push({ path: 'expiresAt', message: `must lie in the future, at most ${MAX_TOKEN_LIFETIME_DAYS} days ahead` });
      }
    }
    if (problems.length) throw new ValidationError(problems);
    const token = newApiToken();
    const row = await this.repo.insertToken(
      tx,
      tx.create(ApiToken, {
        id: this.ids.next(),
        userId: user.id,
        name,
        tokenHash: hashApiToken(token),
        createdAt: now,
        expiresAt,
        lastUsedAt: null,
        revokedAt: null,
      }),
    );
    await this.audit.record(tx, by, {
      action: 'api_token.created',
      entityType: 'api_token',
      entityId: row.id,
      changes: {
        userId: { from: null, to: user.id },
        name: { from: null, to: name },
        expiresAt: { from: null, to: expiresAt?.toISOString() ?? null },
      },
    });
    return { token, row: { ...row, user }, user };
  }

  // The caller's own tokens; an org admin's list holds every token of the organization.
  list(actor: Actor): Promise<ApiToken[]> {
    return this.db.read((m) =>
      actor.role === 'org_admin'
        ? this.repo.findTokensOfOrganization(m, actor.organizationId)
        : this.repo.findTokensOfUser(m, actor.userId),
    );
  }

  async listForEmail(email: string): Promise<ApiToken[]> {
    return this.db.read(async (m) => {
      const user = await this.repo.findUserByEmail(m, email);
      if (!user) throw new IdentityError(IdentityErrorCode.UserNotFound, `No user with e-mail ${email.toLowerCase()}.`);
      return this.repo.findTokensOfUser(m, user.id);
    });
  }

  // Revokes a token; revoking it again changes nothing. `actor` null: the command line, for any token.
  async revoke(id: string, actor: Actor | null, by: AuditActor): Promise<ApiToken> {
    const revoked = await this.db.transaction(async (tx) => {
      const token = await this.repo.findTokenById(tx, id);
      if (!token || (actor && !mayManage(actor, token.user!))) {
        throw new IdentityError(IdentityErrorCode.TokenNotFound, `No API token ${id}${actor ? ' among those you manage' : ''}.`);
      }
      if (token.revokedAt) return token;
      const now = this.clock.now();
      await this.repo.revokeToken(tx, token.id, now);
      await this.audit.record(tx, by, {
        action: 'api_token.revoked',
        entityType: 'api_token',
        entityId: token.id,
        changes: { revokedAt: { from: null, to: now.toISOString() } },
      });
      return { ...token, revokedAt: now };
    });
    for (const [hash, entry] of this.cache) if (entry.tokenId === revoked.id) this.cache.delete(hash);
    return revoked;
  }

  // Every API request authenticates, so what was read about a token is remembered for
  // TOKEN_CACHE_MS (by its hash, never in clear). Only working tokens are remembered.
  async authenticate(token: string): Promise<Actor | null> {
    const tokenHash = hashApiToken(token);
    const now = this.clock.now();
    const nowMs = now.getTime();
    const cached = this.cache.get(tokenHash);
    if (cached && cached.until > nowMs && (cached.expiresAt === null || cached.expiresAt > nowMs)) return cached.actor;
    this.cache.delete(tokenHash);
    const row = await this.db.read((m) => this.repo.findTokenByHash(m, tokenHash));
    if (!row || row.revokedAt || (row.expiresAt && row.expiresAt.getTime() <= nowMs) || !row.user?.active) return null;
    if (lastUseWorthRecording(row.lastUsedAt, now)) {
      try {
        await this.db.transaction((tx) => this.repo.recordTokenUse(tx, row.id, now, LAST_USED_PRECISION_MS));
      } catch (error) {
        // A failed bookkeeping write must not refuse a valid token.
        this.logger.warn({ event: 'api_token.last_used_not_recorded', tokenId: row.id, err: error }, 'last use not recorded');
      }
    }
    const actor = actorOfUser(row.user);
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(tokenHash, { actor, tokenId: row.id, expiresAt: row.expiresAt?.getTime() ?? null, until: nowMs + TOKEN_CACHE_MS });
    return actor;
  }

  // Forgets what this instance remembered about a user's tokens (after a role change or deactivation),
  // so the change holds here at once; other instances follow within TOKEN_CACHE_MS.
  forgetUser(userId: string): void {
    for (const [hash, entry] of this.cache) if (entry.actor.userId === userId) this.cache.delete(hash);
  }
}
