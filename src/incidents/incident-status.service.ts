import { Injectable } from '@nestjs/common';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { isOpen } from '../deadlines/domain/deadline-rules';
import { Actor } from '../identity/actor';
import { Clock } from '../platform/clock/clock';
import { Database } from '../platform/database/database';
import { ValidationError } from '../platform/http/domain-error';
import { IncidentStatus, nextStatus } from './domain/incident-status';
import { IncidentError, IncidentErrorCode } from './incidents.errors';
import { IncidentsService, IncidentView } from './incidents.service';

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
    private readonly incidents: IncidentsService,
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
      await this.incidents.moveStatus(tx, actor, incident, to, reason, reopening);
      const authority = (await this.deadlines.rowsOf(tx, incident.id)).find((d) => d.kind === 'authority');
      if (to === 'not_a_breach' && authority && isOpen(authority)) await this.deadlines.setAuthorityStopped(tx, incident.id, now);
      if (reopening && authority?.stoppedAt) await this.deadlines.setAuthorityStopped(tx, incident.id, null);
    });
    return this.incidents.view(actor, id);
  }
}
