import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { IncidentQueries } from '../incidents/incident-queries.service';
import { formatInstant, t, term, words } from '../i18n';
import { Obligation } from '../obligations/obligation.entity';
import { Clock } from '../platform/clock/clock';
import { Database } from '../platform/database/database';
import { HealthChecks } from '../platform/health/health-checks';
import { Mailer, MailMessage } from '../platform/mail/mailer';
import { TemplateRenderer } from '../platform/templates/template-renderer';
import { Acknowledgements } from './acknowledgements.service';
import { displayName, oneLine } from './domain/mail-text';
import { retryDelayMs, spanText } from './domain/milestones';
import { Escalation } from './escalation.entity';
import { EscalationsRepository } from './escalations.repository';
import { EscalationPlanner } from './escalation-planner.service';

export interface DispatchResult {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  skipped: number;
  cancelled: number;
  more: boolean; // a full batch was decided on: more may be due at once
}

const CONCURRENCY = 20;

// Sends due escalation mails, exactly once per row in normal operation: rows are claimed with a
// lease (FOR UPDATE SKIP LOCKED), sent, then marked sent. A crash between sending and marking sends
// that one mail again after the lease, with the same Message-ID (docs/escalations.md).
@Injectable()
export class EscalationDispatcher implements OnModuleInit {
  readonly instance = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private readonly logger = new Logger('escalations');

  constructor(
    private readonly db: Database,
    private readonly repo: EscalationsRepository,
    private readonly incidents: IncidentQueries,
    private readonly planner: EscalationPlanner,
    private readonly acks: Acknowledgements,
    private readonly mailer: Mailer,
    private readonly renderer: TemplateRenderer,
    private readonly health: HealthChecks,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.health.register('escalations', async () => {
      const failed = await this.db.read((m) => this.repo.countByStatus(m, 'failed'));
      return { ok: failed === 0, detail: { failedEscalations: failed } };
    });
  }

  static readonly BATCH = 500;

  async dispatchDue(now: Date = this.clock.now(), limit = EscalationDispatcher.BATCH): Promise<DispatchResult> {
    const result: DispatchResult = { claimed: 0, sent: 0, retried: 0, failed: 0, skipped: 0, cancelled: 0, more: false };
    // Superseded rows are skipped by the claim itself, never in a step before it.
    const { claimed, skipped, considered } = await this.db.transaction((tx) =>
      this.repo.claim(tx, now, new Date(now.getTime() + this.config.escalations.leaseMs), this.instance, limit),
    );
    Object.assign(result, { claimed: claimed.length, skipped, more: considered >= limit });
    const contexts = await this.contexts(claimed);
    const queue = [...claimed];
    const worker = async () => {
      for (let row = queue.shift(); row; row = queue.shift()) {
        const outcome = await this.deliver(row, contexts.get(row.obligationId) ?? null, now);
        result[outcome] += 1;
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, claimed.length) }, worker));
    return result;
  }

  async nextDueAt(): Promise<Date | null> {
    return this.db.read((m) => this.repo.nextDueAt(m));
  }

  // What the mails of a batch need, in two queries for the whole batch: the incidents, and the
  // obligations the mails are about (whether each is still live, its deadline, its owner).
  private async contexts(claimed: Escalation[]): Promise<Map<string, Context>> {
    const incidentIds = [...new Set(claimed.map((r) => r.incidentId))];
    const obligationIds = [...new Set(claimed.map((r) => r.obligationId))];
    const [facts, obligations] = await Promise.all([
      this.incidents.forSystemMany(incidentIds),
      this.db.read((m) => this.repo.obligationsByIds(m, obligationIds)),
    ]);
    const out = new Map<string, Context>();
    for (const o of obligations) {
      const f = facts.get(o.incidentId);
      if (f) out.set(o.id, { ...f, obligation: o });
    }
    return out;
  }

  // Whether the mail may still go out, decided from the obligation as it is now (its live phase):
  // a duty fulfilled or waived after the row was claimed, a deputy's mail after someone acknowledged,
  // a milestone of a duty that lost its deadline or a reminder of one that got a deadline.
  private stillDue(row: Escalation, o: Obligation): boolean {
    if (o.phase !== 'live' || o.startsAt === null) return false;
    if (row.recipientRole === 'deputy' && o.acknowledgedBy) return false;
    return row.reminderNo === null ? o.dueAt !== null : o.dueAt === null;
  }

  private async deliver(row: Escalation, ctx: Context | null, now: Date): Promise<'sent' | 'retried' | 'failed' | 'cancelled'> {
    if (!ctx || !this.stillDue(row, ctx.obligation)) {
      await this.db.write((m) => this.repo.finish(m, row.id, this.instance, { status: 'cancelled' }));
      return 'cancelled';
    }
    try {
      await this.mailer.send(await this.message(row, ctx, now));
    } catch (error) {
      const message = String((error as Error).message ?? error).slice(0, 500);
      if (row.attempts >= this.config.escalations.maxAttempts) {
        await this.db.write((m) => this.repo.finish(m, row.id, this.instance, { status: 'failed', lastError: message }));
        this.logger.error({
          event: 'escalation.failed',
          escalationId: row.id,
          incidentId: row.incidentId,
          attempts: row.attempts,
          error: message,
        });
        return 'failed';
      }
      const nextAttemptAt = new Date(now.getTime() + retryDelayMs(row.attempts, this.config.escalations.retryBaseMs, Math.random));
      await this.db.write((m) => this.repo.finish(m, row.id, this.instance, { status: 'pending', nextAttemptAt, lastError: message }));
      this.logger.warn({
        event: 'escalation.retry',
        escalationId: row.id,
        incidentId: row.incidentId,
        attempts: row.attempts,
        nextAttemptAt: nextAttemptAt.toISOString(),
        error: message,
      });
      return 'retried';
    }
    // A reminder that went out plans the next one in the same transaction: both or neither.
    const sentAt = new Date(Math.max(now.getTime(), this.clock.now().getTime()));
    await this.db.write(async (tx) => {
      const finished = await this.repo.finish(tx, row.id, this.instance, { status: 'sent', sentAt });
      if (finished && row.reminderNo !== null) {
        const [o] = await this.repo.obligationsByIds(tx, [row.obligationId]);
        await this.planner.planNextReminder(tx, row, o, sentAt);
      }
    });
    this.logger.log({
      event: 'escalation.sent',
      escalationId: row.id,
      incidentId: row.incidentId,
      obligationId: row.obligationId,
      deadlineKind: row.deadlineKind,
      milestone: row.milestone,
      attempts: row.attempts,
    });
    return 'sent';
  }

  private async message(row: Escalation, ctx: Context, now: Date): Promise<MailMessage> {
    const lang = row.recipientLocale;
    const i = ctx.incident;
    const o = ctx.obligation;
    const zoned = (at: Date) => formatInstant(at, row.recipientTimeZone, lang);
    const dueAt = row.reminderNo === null ? o.dueAt! : null;
    const left = dueAt ? dueAt.getTime() - now.getTime() : 0;
    const dueLocal = dueAt ? zoned(dueAt) : '';
    // User text is folded onto its line (oneLine): a title cannot add lines or links to the mail.
    const duty = oneLine(o.title[lang]);
    const recipient = oneLine(o.recipient.name);
    const text = this.renderer.render('escalation', lang, {
      recipientName: row.recipientName === null ? null : oneLine(row.recipientName),
      milestone: row.milestone,
      reminder: row.reminderNo !== null,
      duty,
      dutyRecipient: recipient,
      legalBasis: oneLine(o.legalBasis),
      dueRule: oneLine(o.dueRule[lang]),
      sinceLocal: `${zoned(o.startsAt!).slice(0, -1)}, ${row.recipientTimeZone})`,
      reference: oneLine(i.reference),
      title: oneLine(i.title),
      status: i.status,
      dueLocal: `${dueLocal.slice(0, -1)}, ${row.recipientTimeZone})`,
      overdue: left < 0,
      timeLeft: spanText(left, lang),
      owner: o.acknowledgedBy ? oneLine(o.acknowledgedBy) : null,
      deputy: row.recipientRole === 'deputy',
      missing: ctx.missing.map((m) => term(lang, 'missing', m)),
      incidentUrl: `${this.config.publicUrl}/incidents/${i.id}`,
      ackUrl: await this.acks.urlFor(row.id),
      roleText: words(lang).mail.role[row.recipientRole],
    }).text;
    const subject = oneLine(
      row.reminderNo === null
        ? t(lang, 'mail.escalationSubject', {
            milestone: row.milestone,
            reference: i.reference,
            duty,
            recipient: shortName(recipient),
            due: dueLocal,
          })
        : t(lang, 'mail.reminderSubject', { reference: i.reference, duty, recipient: shortName(recipient), since: zoned(o.startsAt!) }),
    );
    const host = new URL(this.config.publicUrl).hostname || 'breachclock';
    // The mails of one obligation form one thread: each refers to the obligation's thread id.
    const thread = `<obligation.${o.id}@${host}>`;
    return {
      from: this.config.mail.from,
      to:
        row.recipientName && displayName(row.recipientName)
          ? `"${displayName(row.recipientName)}" <${row.recipientEmail}>`
          : row.recipientEmail,
      subject,
      text,
      messageId: row.messageId,
      headers: {
        'In-Reply-To': thread,
        References: thread,
        'X-Breachclock-Incident': i.id,
        'X-Breachclock-Obligation': o.id,
        'X-Breachclock-Duty': `${o.regime}/${o.duty}`,
        'X-Breachclock-Deadline': row.deadlineKind,
        'X-Breachclock-Milestone': row.milestone,
      },
    };
  }
}

// "CNIL" from "National Commission on Informatics and Liberty (CNIL)": the abbreviation a directory
// name ends with, for the subject line; the name itself when there is none.
function shortName(name: string): string {
  return /\(([^()]+)\)\)?$/.exec(name)?.[1] ?? name;
}

interface Context {
  incident: NonNullable<Awaited<ReturnType<IncidentQueries['forSystem']>>>['incident'];
  missing: string[];
  obligation: Obligation;
}
