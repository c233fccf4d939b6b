import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { execute, insertEntity } from '../platform/database/execute';
import { WebSession } from './web-session.entity';

// Browser sessions and the sign-in counters (tables web_session, sign_in_attempt).
@Injectable()
export class WebSessionsRepository {
  // Counts one attempt for each key in one statement: the upsert locks each counter row, so parallel
  // attempts are numbered one after another on every instance. A counter whose window started at or
  // before `windowStart` (or after `now`: a clock since set back) starts again at 1.
  async countAttempt(tx: EntityManager, keys: [string, string], now: Date, windowStart: Date): Promise<Map<string, number>> {
    const { rows } = await execute<{ key: string; attempts: number }>(
      tx,
      `INSERT INTO sign_in_attempt AS s (key, window_started_at, attempts) VALUES ($1, $3, 1), ($2, $3, 1)
       ON CONFLICT (key) DO UPDATE SET
         attempts = CASE WHEN s.window_started_at <= $4 OR s.window_started_at > $3 THEN 1 ELSE least(s.attempts + 1, 1000000) END,
         window_started_at = CASE WHEN s.window_started_at <= $4 OR s.window_started_at > $3 THEN $3 ELSE s.window_started_at END
       RETURNING key, attempts`,
      [keys[0], keys[1], now.toISOString(), windowStart.toISOString()],
    );
    return new Map(rows.map((r) => [r.key, Number(r.attempts)]));
  }

  async clearAttempts(tx: EntityManager, key: string): Promise<void> {
    await execute(tx, `DELETE FROM sign_in_attempt WHERE key = $1`, [key]);
  }

  async giveBackAttempt(tx: EntityManager, key: string): Promise<void> {
    await execute(tx, `UPDATE sign_in_attempt SET attempts = greatest(attempts - 1, 0) WHERE key = $1`, [key]);
  }

  insert(tx: EntityManager, session: WebSession): Promise<WebSession> {
    return insertEntity(tx, WebSession, session);
  }

  findByTokenHash(m: EntityManager, tokenHash: string): Promise<WebSession | null> {
    return m.findOne(WebSession, { where: { tokenHash } });
  }

  async deleteOthersOfUser(tx: EntityManager, userId: string, keepId: string): Promise<void> {
    await execute(tx, `DELETE FROM web_session WHERE user_id = $1 AND id <> $2`, [userId, keepId]);
  }

  async deleteAllOfUser(tx: EntityManager, userId: string): Promise<void> {
    await execute(tx, `DELETE FROM web_session WHERE user_id = $1`, [userId]);
  }

  async delete(tx: EntityManager, id: string): Promise<void> {
    await execute(tx, `DELETE FROM web_session WHERE id = $1`, [id]);
  }
}
