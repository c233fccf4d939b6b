import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { IdentityService } from '../identity/identity.service';
import { formatInstant, t, words } from '../i18n';
import { Clock } from '../platform/clock/clock';
import { toZonedIso } from '../platform/clock/zoned-time';
import { Database } from '../platform/database/database';
import { execute } from '../platform/database/execute';
import { IdGenerator } from '../platform/ids/id-generator';
import { Mailer } from '../platform/mail/mailer';
import { TemplateRenderer } from '../platform/templates/template-renderer';
import { oneLine } from './domain/mail-text';
import { spanText } from './domain/milestones';
import { Digest } from './digest.entity';

// One e-mail a day per DPO, at DIGEST_LOCAL_HOUR in the DPO's own zone, listing the organization's
// open clocks soonest first. The (user, local date) row is unique, so each goes out once.
@Injectable()
export class Digests {
  private readonly logger = new Logger('digests');

  constructor(
    private readonly db: Database,
    private readonly identity: IdentityService,
    private readonly deadlines: DeadlinesService,
    private readonly mailer: Mailer,
    private readonly renderer: TemplateRenderer,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  // Creates today's digest rows for every DPO whose local hour has come. Planning a day's digest
  // drops the DPO's older digests still waiting (their list would be stale, and the new one carries
  // the current one) in the same statement, and never plans a date older than one the DPO has.
  async plan(now: Date = this.clock.now()): Promise<number> {
    let created = 0;
    const host = new URL(this.config.publicUrl).hostname || 'breachclock';
    for (const user of await this.identity.usersWithRole('controller_dpo')) {
      const local = toZonedIso(now, user.timeZone);
      if (Number(local.slice(11, 13)) < this.config.escalations.digestLocalHour) continue;
      const id = this.ids.next();
      const { rows } = await this.db.transaction((tx) =>
        execute<{ id: string }>(
          tx,
          `WITH stale AS (
             DELETE FROM digest WHERE user_id = $2 AND local_date < $3::date AND status = 'pending' AND (claimed_until IS NULL OR claimed_until < $4)
           )
           INSERT INTO digest (id, user_id, local_date, status, attempts, next_attempt_at, message_id, created_at)
           SELECT $1, $2, $3::date, 'pending', 0, $4, $5, $4
           WHERE NOT EXISTS (SELECT 1 FROM digest WHERE user_id = $2 AND local_date >= $3::date)
           ON CONFLICT (user_id, local_date) DO NOTHING
           RETURNING id`,
          [id, user.id, local.slice(0, 10), now.toISOString(), `<digest.${user.id}.${local.slice(0, 10)}@${host}>`],
        ),
      );
      created += rows.length;
    }
    return created;
  }

  // Claims due digests: locks them, then decides with a second statement, which sees what is
  // committed once the locks are held: a digest of a date older than another of the same DPO is
  // dropped, not sent. A plan that supersedes a locked digest must delete it, so it waits for this
  // claim and commits after it.
  private async claim(now: Date, instance: string): Promise<string[]> {
    return this.db.transaction(async (tx) => {
      const { rows: locked } = await execute<{ id: string }>(
        tx,
        `SELECT id FROM digest WHERE status = 'pending' AND next_attempt_at <= $1 AND (claimed_until IS NULL OR claimed_until < $1)
         ORDER BY next_attempt_at LIMIT 100 FOR UPDATE SKIP LOCKED`,
        [now.toISOString()],
      );
      if (locked.length === 0) return [];
      const ids = locked.map((r) => r.id);
      const { rows: dropped } = await execute<{ id: string; local_date: string }>(
        tx,
        `DELETE FROM digest d WHERE d.id = ANY($1::uuid[]) AND EXISTS (SELECT 1 FROM digest l WHERE l.user_id = d.user_id AND l.local_date > d.local_date)
         RETURNING d.id, d.local_date::text`,
        [ids],
      );
      for (const d of dropped) this.logger.log({ event: 'digest.superseded', digestId: d.id, localDate: d.local_date });
      const { rows } = await execute<{ id: string }>(
        tx,
        `UPDATE digest SET claimed_until = $2, claimed_by = $3, attempts = attempts + 1 WHERE id = ANY($1::uuid[]) RETURNING id`,
        [
          ids.filter((id) => !dropped.some((d) => d.id === id)),
          new Date(now.getTime() + this.config.escalations.leaseMs).toISOString(),
          instance,
        ],
      );
      return rows.map((r) => r.id);
    });
  }

  async dispatchDue(now: Date = this.clock.now(), instance = 'digests'): Promise<number> {
    let sent = 0;
    for (const id of await this.claim(now, instance)) {
      const digest = await this.db.read((m) => m.findOne(Digest, { where: { id }, relations: { user: true } }));
      if (!digest?.user) continue;
      const u = digest.user;
      try {
        const clocks = await this.deadlines.openFor(
          { userId: u.id, email: u.email, organizationId: u.organizationId, role: u.role, locale: u.locale, timeZone: u.timeZone },
          null,
          200,
        );
        const organization = await this.identity.organizationById(u.organizationId);
        // User text is folded onto its line (oneLine): a title cannot add lines or links to the mail.
        const text = this.renderer.render('digest', u.locale, {
          recipientName: null,
          organization: oneLine(organization?.name ?? ''),
          date: digest.localDate,
          timeZone: u.timeZone,
          clocks: clocks.map((c) => ({
            reference: oneLine(c.reference),
            title: oneLine(c.title),
            clockName: c.kind === 'authority' ? words(u.locale).mail.digestAuthorityClock : words(u.locale).clocks[c.kind],
            dueLocal: formatInstant(c.dueAt, u.timeZone, u.locale),
            timeLeft: spanText(c.dueAt.getTime() - now.getTime(), u.locale),
            owner: null,
            url: `${this.config.publicUrl}/incidents/${c.incidentId}`,
          })),
        }).text;
        await this.mailer.send({
          from: this.config.mail.from,
          to: u.email,
          subject: t(u.locale, 'mail.digestSubject', { date: digest.localDate, count: clocks.length }),
          text,
          messageId: digest.messageId,
          headers: { 'X-Breachclock-Digest': digest.localDate },
        });
        await this.db.transaction((tx) =>
          execute(tx, `UPDATE digest SET status = 'sent', sent_at = $2, claimed_until = NULL WHERE id = $1`, [
            id,
            this.clock.now().toISOString(),
          ]),
        );
        sent += 1;
      } catch (error) {
        const failed = digest.attempts >= this.config.escalations.maxAttempts;
        await this.db.transaction((tx) =>
          execute(tx, `UPDATE digest SET status = $2, last_error = $3, claimed_until = NULL, next_attempt_at = $4 WHERE id = $1`, [
            id,
            failed ? 'failed' : 'pending',
            String((error as Error).message).slice(0, 500),
            new Date(this.clock.now().getTime() + this.config.escalations.retryBaseMs * 2 ** digest.attempts).toISOString(),
          ]),
        );
        this.logger.warn({ event: failed ? 'digest.failed' : 'digest.retry', digestId: id, error: (error as Error).message });
      }
    }
    return sent;
  }
}
