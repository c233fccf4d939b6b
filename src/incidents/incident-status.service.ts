import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { isOpen } from '../deadlines/domain/deadline-rules';
import { Actor } from '../identity/domain/actor';
import { Clock } from '../platform/clock/clock';
import { Database } from '../platform/database/database';
import { ValidationError } from '../platform/http/domain-error';
import { IncidentStatus, nextStatus, pathTo } from './domain/incident-status';
import { Incident } from './incident.entity';
import { IncidentChanges } from './incident-changes.service';
import { IncidentQueries, IncidentView } from './incident-queries.service';
import { IncidentError, IncidentErrorCode } from './incidents.errors';

// The steps a DPO takes by hand (POST /incidents/:id/status); assessed, notified and not_notifiable
// follow from assessments, decisions and notifications.
export const MANUAL_STATUSES = ['triage', 'not_a_breach', 'closed'] as const;
export type ManualStatus = (typeof MANUAL_STATUSES)[number];

// As for decisions (Art. 33(5): the reasoning behind every finding that nothing is to be notified).
export const MIN_STATUS_REASON = 20;

@Injectable()
export class IncidentStatusService {
  constructor(
    private readonly db: Database,
    private readonly incidents: IncidentQueries,
    private readonly changes: IncidentChanges,
    private readonly deadlines: DeadlinesService,
    private readonly clock: Clock,
  ) {}

  // One explicit step. "Not a personal-data breach" needs reasons and stops the open authority clock
  // (its escalations end with it); going back from it to triage needs reasons too, and lets the
  // clock run again from its original due instant.
  async change(actor: Actor, id: string, to: ManualStatus, reason: string | null): Promise<IncidentView> {
    await this.db.transaction(async (tx) => {
      const incident = await this.incidents.loadForController(tx, actor, id);
      const from: IncidentStatus = incident.status;
      const step = nextStatus(from, to);
      if (!step.ok) {
        throw new IncidentError(IncidentErrorCode.IllegalTransition, `The incident is ${from}; it cannot become ${to} from there.`, {
          extensions: { incidentStatus: from, allowed: step.allowed },
        });
      }
      const reopening = from === 'not_a_breach' && to === 'triage';
      if ((to === 'not_a_breach' || reopening) && (reason ?? '').length < MIN_STATUS_REASON) {
        const why = reopening
          ? 'which new facts show that personal data were affected after all'
          : 'why no personal data were affected (Art. 4(12), 33(5))';
        throw new ValidationError([
          { path: 'reason', message: `is required: at least ${MIN_STATUS_REASON} characters after trimming, saying ${why}` },
        ]);
      }
      const now = this.clock.now();
      if (to === 'not_a_breach') {
        incident.notABreachReason = reason;
        incident.notABreachAt = now;
      } else if (reopening) {
        incident.notABreachReason = null;
        incident.notABreachAt = null;
      }
      await this.moveStatus(tx, actor, incident, to, reason, reopening);
      const authority = (await this.deadlines.rowsOf(tx, incident.id)).find((d) => d.kind === 'authority');
      if (to === 'not_a_breach' && authority && isOpen(authority)) await this.deadlines.setAuthorityStopped(tx, incident.id, now);
      if (reopening && authority?.stoppedAt) await this.deadlines.setAuthorityStopped(tx, incident.id, null);
    });
    return this.incidents.view(actor, id);
  }

  // Moves an incident to a status through the legal steps (each step audited); 409 naming the
  // allowed next states when there is no legal way. An incident found not to be a breach is left
  // only by closing it or by a deliberate reopen (change(), with reasons).
  async moveStatus(
    tx: EntityManager,
    actor: Actor,
    incident: Incident,
    to: IncidentStatus,
    reason: string | null = null,
    reopen = false,
  ): Promise<void> {
    if (incident.status === to) return;
    const path = pathTo(incident.status, to);
    if (!path || (incident.status === 'not_a_breach' && to !== 'closed' && !reopen)) {
      const allowed = nextStatus(incident.status, to);
      const hint =
        incident.status === 'not_a_breach'
          ? ' Send it back to triage with reasons (POST …/status) if new facts show personal data were affected.'
          : '';
      throw new IncidentError(IncidentErrorCode.IllegalTransition, `The incident is ${incident.status}; it cannot become ${to}.${hint}`, {
        extensions: { incidentStatus: incident.status, allowed: allowed.ok ? [] : allowed.allowed },
      });
    }
    for (const step of path) {
      const from = incident.status;
      incident.status = step;
      await this.changes.commit(tx, actor, incident, {
        action: 'incident.status_changed',
        changes: { status: { from, to: step } },
        at: this.clock.now(),
        reason,
      });
    }
  }
}
