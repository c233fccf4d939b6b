import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { IdentityService } from '../identity/identity.service';
import { formatInstant } from '../notifications/domain/draft-model';
import { Clock } from '../platform/clock/clock';
import { toZonedIso } from '../platform/clock/zoned-time';
import { Database } from '../platform/database/database';
import { execute } from '../platform/database/execute';
import { IdGenerator } from '../platform/ids/id-generator';
import { Mailer } from '../platform/mail/mailer';
import { TemplateRenderer } from '../platform/templates/template-renderer';
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

  // Creates today's digest rows for every DPO whose local hour has come.
  async plan(now: Date = this.clock.now()): Promise<number> {
    let created = 0;
    const host = new URL(this.config.publicUrl).hostname || 'breachclock';
    for (const user of await this.identity.usersWithRole('controller_dpo')) {
      const local = toZonedIso(now, user.timeZone);
      if (Number(local.slice(11, 13)) < this.config.escalations.digestLocalHour) continue;
      const id = this.ids.next();
      const { affected } = await this.db.transaction((tx) =>
        execute(
          tx,
          `INSERT INTO digest (id, user_id, local_date, status, attempts, next_attempt_at, message_id, created_at)
           VALUES ($1, $2, $3, 'pending', 0, $4, $5, $4) ON CONFLICT (user_id, local_date) DO NOTHING`,
          [id, user.id, local.slice(0, 10), now.toISOString(), `<digest.${user.id}.${local.slice(0, 10)}@${host}>`],
        ),
      );
      created += affected;
    }
    return created;
  }

  async dispatchDue(now: Date = this.clock.now(), instance = 'digests'): Promise<number> {
    const { rows } = await this.db.transaction((tx) =>
      execute<{ id: string }>(
        tx,
        `UPDATE digest SET claimed_until = $2, claimed_by = $3, attempts = attempts + 1
         WHERE id IN (SELECT id FROM digest WHERE status = 'pending' AND next_attempt_at <= $1 AND (claimed_until IS NULL OR claimed_until < $1)
                      ORDER BY next_attempt_at LIMIT 100 FOR UPDATE SKIP LOCKED)
         RETURNING id`,
        [now.toISOString(), new Date(now.getTime() + this.config.escalations.leaseMs).toISOString(), instance],
      ),
    );
    let sent = 0;
    for (const { id } of rows) {
      const digest = await this.db.read((m) => m.findOne(Digest, { where: { id }, relations: { user: true } }));
      if (!digest?.user) continue;
      const u = digest.user;
      try {
        const clocks = await this.deadlines.openFor({ userId: u.id, email: u.email, organizationId: u.organizationId, role: u.role, locale: u.locale, timeZone: u.timeZone }, null, 200);
        const organization = await this.identity.organizationById(u.organizationId);
        const text = this.renderer.render('digest', u.locale, {
          recipientName: null,
          organization: organization?.name ?? '',
          date: digest.localDate,
          timeZone: u.timeZone,
          clocks: clocks.map((c) => ({
            reference: c.reference,
            title: c.title,
            clockName: c.kind === 'authority' ? (u.locale === 'de' ? 'Meldung an die Aufsichtsbehörde' : 'notify the authority') : u.locale === 'de' ? 'Meldung an den Verantwortlichen' : 'report to the controller',
            dueLocal: formatInstant(c.dueAt, u.timeZone, u.locale),
            timeLeft: spanText(c.dueAt.getTime() - now.getTime(), u.locale),
            owner: null,
            url: `${this.config.publicUrl}/incidents/${c.incidentId}`,
          })),
        }).text;
        await this.mailer.send({
          from: this.config.mail.from,
          to: u.email,
          subject: u.locale === 'de' ? `[breachclock] Offene Fristen am ${digest.localDate}: ${clocks.length}` : `[breachclock] Open clocks on ${digest.localDate}: ${clocks.length}`,
          text,
          messageId: digest.messageId,
          headers: { 'X-Breachclock-Digest': digest.localDate },
        });
        await this.db.transaction((tx) => execute(tx, `UPDATE digest SET status = 'sent', sent_at = $2, claimed_until = NULL WHERE id = $1`, [id, this.clock.now().toISOString()]));
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
