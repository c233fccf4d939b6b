import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { isOpen } from '../deadlines/domain/deadline-rules';
import { IncidentQueries } from '../incidents/incident-queries.service';
import { formatInstant, t, term, words } from '../i18n';
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
    private readonly deadlines: DeadlinesService,
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
    const contexts = await this.contexts([...new Set(claimed.map((r) => r.incidentId))]);
    const queue = [...claimed];
    const worker = async () => {
      for (let row = queue.shift(); row; row = queue.shift()) {
        const outcome = await this.deliver(row, contexts.get(row.incidentId) ?? null, now);
        result[outcome] += 1;
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, claimed.length) }, worker));
    return result;
  }

  async nextDueAt(): Promise<Date | null> {
    return this.db.read((m) => this.repo.nextDueAt(m));
  }

  // What the mails of a batch need, in two queries for the whole batch.
  private async contexts(incidentIds: string[]): Promise<Map<string, Context>> {
    const [facts, rows] = await Promise.all([this.incidents.forSystemMany(incidentIds), this.deadlines.rowsOfMany(incidentIds)]);
    const out = new Map<string, Context>();
    for (const [id, f] of facts) out.set(id, { ...f, deadlines: rows.filter((d) => d.incidentId === id) });
    return out;
  }

  private async deliver(row: Escalation, ctx: Context | null, now: Date): Promise<'sent' | 'retried' | 'failed' | 'cancelled'> {
    const deadline = ctx?.deadlines.find((d) => d.kind === row.deadlineKind);
    // The clock ended after the row was claimed, or someone acknowledged before a deputy's turn.
    if (!ctx || !deadline || !isOpen(deadline) || (row.recipientRole === 'deputy' && deadline.acknowledgedAt)) {
      await this.db.write((m) => this.repo.finish(m, row.id, this.instance, { status: 'cancelled' }));
      return 'cancelled';
    }
    try {
      await this.mailer.send(await this.message(row, ctx, deadline.dueAt, deadline.acknowledgedBy, now));
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
    await this.db.write((m) =>
      this.repo.finish(m, row.id, this.instance, { status: 'sent', sentAt: new Date(Math.max(now.getTime(), this.clock.now().getTime())) }),
    );
    this.logger.log({
      event: 'escalation.sent',
      escalationId: row.id,
      incidentId: row.incidentId,
      deadlineKind: row.deadlineKind,
      milestone: row.milestone,
      attempts: row.attempts,
    });
    return 'sent';
  }

  private async message(row: Escalation, ctx: Context, dueAt: Date, owner: string | null, now: Date): Promise<MailMessage> {
    const lang = row.recipientLocale;
    const i = ctx.incident;
    const left = dueAt.getTime() - now.getTime();
    const dueLocal = formatInstant(dueAt, row.recipientTimeZone, lang);
    // User text is folded onto its line (oneLine): a title cannot add lines or links to the mail.
    const text = this.renderer.render('escalation', lang, {
      recipientName: row.recipientName === null ? null : oneLine(row.recipientName),
      milestone: row.milestone,
      clockName: words(lang).mail.clockName[row.deadlineKind],
      reference: oneLine(i.reference),
      title: oneLine(i.title),
      status: i.status,
      dueLocal: `${dueLocal.slice(0, -1)}, ${row.recipientTimeZone})`,
      overdue: left < 0,
      timeLeft: spanText(left, lang),
      owner: owner === null ? null : oneLine(owner),
      deputy: row.recipientRole === 'deputy',
      missing: ctx.missing.map((m) => term(lang, 'missing', m)),
      incidentUrl: `${this.config.publicUrl}/incidents/${i.id}`,
      ackUrl: await this.acks.urlFor(row.id),
      roleText: words(lang).mail.role[row.recipientRole],
    }).text;
    const subject = oneLine(
      t(lang, 'mail.escalationSubject', {
        milestone: row.milestone,
        reference: i.reference,
        clock: words(lang).clocks[row.deadlineKind],
        due: dueLocal,
      }),
    );
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
        'X-Breachclock-Incident': i.id,
        'X-Breachclock-Deadline': row.deadlineKind,
        'X-Breachclock-Milestone': row.milestone,
      },
    };
  }
}

interface Context {
  incident: NonNullable<Awaited<ReturnType<IncidentQueries['forSystem']>>>['incident'];
  missing: string[];
  deadlines: Awaited<ReturnType<DeadlinesService['rowsOf']>>;
}
