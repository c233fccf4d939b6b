import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { OpenDuties } from '../obligations/open-duties.service';
import { IdentityService } from '../identity/identity.service';
import { formatInstant, t } from '../i18n';
import { Clock } from '../platform/clock/clock';
import { toZonedIso } from '../platform/clock/zoned-time';
import { Database } from '../platform/database/database';
import { IdGenerator } from '../platform/ids/id-generator';
import { Mailer } from '../platform/mail/mailer';
import { TemplateRenderer } from '../platform/templates/template-renderer';
import { oneLine } from './domain/mail-text';
import { spanText } from './domain/milestones';
import { DigestsRepository } from './digests.repository';

// One e-mail a day per DPO, at DIGEST_LOCAL_HOUR in the DPO's own zone, listing the organization's
// open obligations (GET /deadlines): soonest deadline first, then those without one. The (user, local date) row is unique, so each goes out once.
@Injectable()
export class Digests {
  private readonly logger = new Logger('digests');

  constructor(
    private readonly db: Database,
    private readonly repo: DigestsRepository,
    private readonly identity: IdentityService,
    private readonly openDuties: OpenDuties,
    private readonly mailer: Mailer,
    private readonly renderer: TemplateRenderer,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  // Creates today's digest rows for every DPO whose local hour has come (DigestsRepository.plan drops
  // the DPO's older digests still waiting, and never plans a date older than one the DPO has).
  async plan(now: Date = this.clock.now()): Promise<number> {
    let created = 0;
    const host = new URL(this.config.publicUrl).hostname || 'breachclock';
    for (const user of await this.identity.usersWithRole('controller_dpo')) {
      const local = toZonedIso(now, user.timeZone);
      if (Number(local.slice(11, 13)) < this.config.escalations.digestLocalHour) continue;
      const localDate = local.slice(0, 10);
      const planned = await this.db.transaction((tx) =>
        this.repo.plan(tx, { id: this.ids.next(), userId: user.id, localDate, now, messageId: `<digest.${user.id}.${localDate}@${host}>` }),
      );
      if (planned) created += 1;
    }
    return created;
  }

  private async claim(now: Date, instance: string): Promise<string[]> {
    const { claimed, dropped } = await this.db.transaction((tx) =>
      this.repo.claim(tx, now, new Date(now.getTime() + this.config.escalations.leaseMs), instance, 100),
    );
    for (const d of dropped) this.logger.log({ event: 'digest.superseded', digestId: d.id, localDate: d.localDate });
    return claimed;
  }

  async dispatchDue(now: Date = this.clock.now(), instance = 'digests'): Promise<number> {
    let sent = 0;
    for (const id of await this.claim(now, instance)) {
      const digest = await this.db.read((m) => this.repo.findWithUser(m, id));
      if (!digest?.user) continue;
      const u = digest.user;
      try {
        const clocks = await this.openDuties.openFor(
          { userId: u.id, email: u.email, organizationId: u.organizationId, role: u.role, locale: u.locale, timeZone: u.timeZone },
          { limit: 200 },
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
            clockName: c.dutyTitle[u.locale],
            recipient: oneLine(c.recipient.name),
            // A duty without a fixed deadline says since when it is open.
            dueLocal: c.dueAt && formatInstant(c.dueAt, u.timeZone, u.locale),
            timeLeft: c.dueAt && spanText(c.dueAt.getTime() - now.getTime(), u.locale),
            openSince: formatInstant(c.startsAt, u.timeZone, u.locale),
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
        await this.db.write((tx) => this.repo.markSent(tx, id, instance, this.clock.now()));
        sent += 1;
      } catch (error) {
        const failed = digest.attempts >= this.config.escalations.maxAttempts;
        await this.db.write((tx) =>
          this.repo.retry(tx, id, instance, {
            failed,
            lastError: String((error as Error).message).slice(0, 500),
            nextAttemptAt: new Date(this.clock.now().getTime() + this.config.escalations.retryBaseMs * 2 ** digest.attempts),
          }),
        );
        this.logger.warn({ event: failed ? 'digest.failed' : 'digest.retry', digestId: id, error: (error as Error).message });
      }
    }
    return sent;
  }
}
