import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { AuditActor, AuditService } from '../audit/audit.service';
import { AppConfig } from '../config/app-config';
import { Clock } from '../platform/clock/clock';
import { Database } from '../platform/database/database';
import { execute } from '../platform/database/execute';
import { IdGenerator } from '../platform/ids/id-generator';
import { requestContext } from '../platform/logging/request-context';
import { CronSpec, lastSlot, parseCron } from './domain/retention-schedule';
import { RetentionReport, RetentionService } from './retention.service';

export const RETENTION_SCHEDULED_ACTION = 'retention.scheduled_run';
export const RETENTION_JOB_ACTOR: AuditActor = { label: 'job:retention', userId: null, organizationId: null };

// Retention without an operator (RETENTION_SCHEDULE, docs/offboarding.md). The trigger, not the
// work: every minute each instance asks whether the latest slot of the schedule has run. The first to
// claim it (under a transaction-level advisory lock, the claim an event in the system chain naming
// the slot) runs retention; every other instance finds the claim and does nothing. A run cut short
// (a crash) is not repeated for its slot: what it did not reach is due again at the next slot.
@Injectable()
export class RetentionScheduler {
  private readonly logger = new Logger('retention');
  private readonly spec: CronSpec | null;
  private running = false;
  // The last slot this instance knows to be claimed: asks the database once per slot.
  private known: string | null = null;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly ids: IdGenerator,
    private readonly retention: RetentionService,
  ) {
    this.spec = config.retentionSchedule ? parseCron(config.retentionSchedule) : null;
  }

  @Interval('retention', 60_000)
  async tick(): Promise<void> {
    if (!this.spec || this.running) return;
    this.running = true;
    try {
      await this.runIfDue();
    } catch (error) {
      this.logger.error({ event: 'retention.scheduled_run_failed', err: error });
    } finally {
      this.running = false;
    }
  }

  // Runs retention when the latest slot has not run anywhere yet; returns its report, or null.
  async runIfDue(): Promise<RetentionReport | null> {
    if (!this.spec) return null;
    const now = this.clock.now();
    const slot = lastSlot(this.spec, now)?.toISOString();
    if (!slot || slot === this.known) return null;
    const claimed = await this.db.transaction(async (tx) => {
      await execute(tx, `SELECT pg_advisory_xact_lock(hashtextextended('breachclock:retention-schedule', 0))`, []);
      const { rows } = await execute(
        tx,
        `SELECT 1 FROM audit_event WHERE chain = 'system' AND action = $1 AND changes -> 'slot' ->> 'to' = $2 LIMIT 1`,
        [RETENTION_SCHEDULED_ACTION, slot],
      );
      if (rows.length > 0) return false;
      await this.audit.record(tx, RETENTION_JOB_ACTOR, {
        action: RETENTION_SCHEDULED_ACTION,
        entityType: 'retention_run',
        entityId: this.ids.next(),
        changes: { slot: { from: null, to: slot }, schedule: { from: null, to: this.config.retentionSchedule } },
      });
      return true;
    });
    this.known = slot;
    if (!claimed) return null;
    return requestContext.run({ requestId: `job:retention:${slot}` }, async () => {
      const report = await this.retention.run({ dryRun: false }, RETENTION_JOB_ACTOR);
      // Counts only: never a reference's people or text.
      this.logger.log({
        event: 'retention.scheduled_run',
        slot,
        incidents: report.incidents.length,
        auditValuesErased: report.incidents.reduce((n, i) => n + i.auditValues, 0),
        cutoff: report.cutoff,
      });
      return report;
    });
  }
}
