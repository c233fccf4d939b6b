import { Injectable } from '@nestjs/common';
import { Assessment } from '../assessments/assessment.entity';
import { AssessmentsService } from '../assessments/assessments.service';
import { Decision } from '../assessments/decision.entity';
import { Actor } from '../identity/domain/actor';
import { IncidentQueries, IncidentView } from '../incidents/incident-queries.service';
import { Notification } from '../notifications/notification.entity';
import { NotificationsService } from '../notifications/notifications.service';
import { Clock } from '../platform/clock/clock';
import { RegisterStats, registerStats } from './domain/register-stats';

export interface RegisterEntry {
  view: IncidentView;
  assessment: Assessment | null;
  decisions: Decision[];
  notifications: Notification[];
}

// The Art. 33(5) register: every breach reported to the controller, notified or not, never deleted.
@Injectable()
export class RegisterService {
  constructor(
    private readonly incidents: IncidentQueries,
    private readonly assessments: AssessmentsService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  // The whole register, or the entries of the incidents discovered in [start, end).
  async entries(actor: Actor, discovered?: { start: Date; end: Date }): Promise<{ generatedAt: Date; entries: RegisterEntry[] }> {
    const views = await this.incidents.registerOf(actor, discovered);
    const ids = views.map((v) => v.incident.id);
    const { assessments, decisions } = await this.assessments.ofIncidents(ids);
    const notifications = await this.notifications.ofIncidents(ids);
    return {
      generatedAt: this.clock.now(),
      entries: views.map((view) => ({
        view,
        assessment: assessments.get(view.incident.id) ?? null,
        decisions: decisions.get(view.incident.id) ?? [],
        notifications: notifications.get(view.incident.id) ?? [],
      })),
    };
  }

  async stats(actor: Actor): Promise<RegisterStats & { generatedAt: Date }> {
    const views = await this.incidents.registerOf(actor);
    const stats = registerStats(
      views.map((v) => ({
        cause: v.incident.natureCause,
        types: v.incident.natureTypes,
        authority:
          v.clocks.authority?.startedAt && v.clocks.authority.dueAt
            ? { startedAt: v.clocks.authority.startedAt, dueAt: v.clocks.authority.dueAt, completedAt: completedAt(v) }
            : null,
      })),
    );
    return { ...stats, generatedAt: this.clock.now() };
  }
}

function completedAt(v: IncidentView): Date | null {
  const clock = v.clocks.authority;
  return clock && (clock.state === 'met' || clock.state === 'late') ? clock.completedAt : null;
}
