import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '../identity/domain/actor';
import { reasonsProblem } from '../obligations/domain';
import { ObligationsService } from '../obligations/obligations.service';
import { Clock } from '../platform/clock/clock';
import { Database } from '../platform/database/database';
import { FieldError, ValidationError } from '../platform/http/domain-error';
import { CLOCK_SKEW_MS } from './domain/incident-facts';
import { IncidentStatus, nextStatus, pathTo } from './domain/incident-status';
import { Incident } from './incident.entity';
import { diff, IncidentChanges } from './incident-changes.service';
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
    private readonly obligations: ObligationsService,
    private readonly clock: Clock,
  ) {}

  // One explicit step. "Not a personal-data breach" needs reasons and waives the incident's live
  // duties but the processor's report (their escalations end with them, ObligationsService.sync);
  // going back from it to triage needs reasons too, and brings the duties back.
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
      if (to === 'closed') await this.assertNothingOpen(tx, incident.id);
      if (to === 'not_a_breach') {
        incident.notABreachReason = reason;
        incident.notABreachAt = now;
      } else if (reopening) {
        incident.notABreachReason = null;
        incident.notABreachAt = null;
      }
      await this.moveStatus(tx, actor, incident, to, reason, reopening);
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

  // POST /incidents/:id/reopen: new facts after "not notifiable" or closing (EDPB 01/2021 case 02:
  // the key of an encrypted backup turns out to be compromised). The controller is aware anew from
  // `awareAt`: new authority duties run 72 h from it; the old ones stay on the record as they were.
  async reopen(actor: Actor, id: string, awareAt: string, reason: string): Promise<IncidentView> {
    await this.db.transaction(async (tx) => {
      const incident = await this.incidents.loadForController(tx, actor, id);
      if (incident.status !== 'not_notifiable' && incident.status !== 'closed') {
        throw new IncidentError(
          IncidentErrorCode.IllegalTransition,
          `The incident is ${incident.status}; only a not notifiable or closed incident is reopened (its duties still run).`,
          { extensions: { incidentStatus: incident.status, allowed: [] } },
        );
      }
      const now = this.clock.now();
      const at = new Date(awareAt);
      const problems: FieldError[] = [];
      const reasonProblem = reasonsProblem(reason);
      if (reasonProblem) problems.push({ path: 'reason', message: `${reasonProblem}: say which new facts reopen it` });
      if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) problems.push({ path: 'awareAt', message: 'must not be in the future' });
      else if (at < incident.discoveredAt) problems.push({ path: 'awareAt', message: 'must not be before discoveredAt' });
      else if (incident.controllerAwareAt && at <= incident.controllerAwareAt)
        problems.push({ path: 'awareAt', message: `must be after the awareness it reopens (${incident.controllerAwareAt.toISOString()})` });
      if (problems.length) throw new ValidationError(problems);

      const before = { ...incident };
      const to: IncidentStatus = incident.notABreachReason ? 'triage' : 'assessed';
      Object.assign(incident, { status: to, controllerAwareAt: at });
      if (to === 'triage') Object.assign(incident, { notABreachReason: null, notABreachAt: null });
      await this.changes.commit(tx, actor, incident, {
        action: 'incident.reopened',
        changes: { status: { from: before.status, to }, ...diff(before, incident) },
        at: now,
        reason: reason.trim(),
      });
    });
    return this.incidents.view(actor, id);
  }

  // Closing needs every obligation met, late (with reasons) or waived: 409 naming the open ones.
  private async assertNothingOpen(tx: EntityManager, incidentId: string): Promise<void> {
    const open = await this.obligations.blockersToClosing(tx, incidentId);
    if (open.length === 0) return;
    throw new IncidentError(
      IncidentErrorCode.OpenObligations,
      `Open obligations keep the incident from closing: ${open.map((o) => o.key).join(', ')}. File them, or waive those that do not apply with reasons.`,
      { extensions: { obligations: open.map((o) => ({ id: o.id, key: o.key, dueAt: o.dueAt?.toISOString() ?? null })) } },
    );
  }
}
