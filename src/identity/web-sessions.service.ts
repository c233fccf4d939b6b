import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Database } from '../platform/database/database';
import { Actor, auditActorOf } from './domain/actor';
import { WebSession } from './web-session.entity';
import { WebSessionsRepository } from './web-sessions.repository';

export type SignInMethod = 'password' | 'sso';

// What the browser pages store about a signed-in browser and the sign-in counters; how the cookie
// and the CSRF token are made and checked stays with the pages (web/sessions.ts).
@Injectable()
export class WebSessionsService {
  constructor(
    private readonly db: Database,
    private readonly repo: WebSessionsRepository,
    private readonly audit: AuditService,
  ) {}

  // One attempt counted for each key; the count of each key afterwards.
  countAttempt(keys: [string, string], now: Date, windowStart: Date): Promise<Map<string, number>> {
    return this.db.transaction((tx) => this.repo.countAttempt(tx, keys, now, windowStart));
  }

  // After a right password: the account's count starts again and the address gets its attempt back.
  succeeded(accountKey: string, addressKey: string): Promise<void> {
    return this.db.transaction(async (tx) => {
      await this.repo.clearAttempts(tx, accountKey);
      await this.repo.giveBackAttempt(tx, addressKey);
    });
  }

  // A sign-in: the session and its audit event (`user.signed_in`, with how: a password or single
  // sign-on) commit together.
  async create(session: WebSession, actor: Actor, method: SignInMethod): Promise<void> {
    await this.db.transaction(async (tx) => {
      await this.repo.insert(tx, session);
      await this.audit.record(tx, auditActorOf(actor), {
        action: 'user.signed_in',
        entityType: 'user',
        entityId: actor.userId,
        changes: { method: { from: null, to: method } },
      });
    });
  }

  findByTokenHash(tokenHash: string): Promise<WebSession | null> {
    return this.db.read((m) => this.repo.findByTokenHash(m, tokenHash));
  }

  endOthers(userId: string, keepSessionId: string): Promise<void> {
    return this.db.transaction((tx) => this.repo.deleteOthersOfUser(tx, userId, keepSessionId));
  }

  // Every session of the user ends (a password set through a link), inside the caller's transaction.
  endAll(tx: EntityManager, userId: string): Promise<void> {
    return this.repo.deleteAllOfUser(tx, userId);
  }

  end(sessionId: string): Promise<void> {
    return this.db.transaction((tx) => this.repo.delete(tx, sessionId));
  }
}
