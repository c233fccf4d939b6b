import { Injectable } from '@nestjs/common';
import { Actor } from '../identity/domain/actor';
import { Role } from '../identity/user.entity';
import { Clock } from '../platform/clock/clock';
import { Database } from '../platform/database/database';
import { LiveObligation, ObligationState, viewObligation } from './domain';
import { byUrgency, DutyKind, kindOf } from './domain/open-duties';
import { DutySide, OpenDutiesRepository, OpenDutyRow } from './open-duties.repository';

export interface OpenForOptions {
  withinMs?: number | null;
  fromMs?: number | null;
  limit?: number;
  // Only duties with a deadline (the calendar).
  dated?: boolean;
}

// One open duty of GET /deadlines (docs/api.md).
export type OpenDuty = OpenDutyRow & {
  kind: DutyKind;
  state: ObligationState;
  secondsLeft: number | null;
  openSince: Date | null;
};

const SIDES_BY_ROLE: Record<Role, DutySide[]> = {
  processor_staff: ['processor'],
  controller_dpo: ['controller'],
  org_admin: ['processor', 'controller'],
};

// The open duties of an organization, read across its incidents: what GET /deadlines (deadlines/),
// the triage board, the calendar feed and the DPO's digest list.
@Injectable()
export class OpenDuties {
  constructor(
    private readonly db: Database,
    private readonly repo: OpenDutiesRepository,
    private readonly clock: Clock,
  ) {}

  // GET /deadlines, the board, the calendar and the digest: the started, open duties of the caller's
  // organization that its role acts on (DPOs the controller's duties, processor staff the reports to
  // the controller, org admins both), soonest deadline first, then those without a fixed deadline
  // (oldest start first) unless `dated` only. `withinMs`: deadlines due within it from now (overdue
  // ones always); `fromMs`: not before now + fromMs (and then no undated ones: they have no time left).
  async openFor(actor: Actor, options: OpenForOptions = {}): Promise<OpenDuty[]> {
    const now = this.clock.now();
    const { withinMs = null, fromMs = null, limit = 500, dated = false } = options;
    const rows = await this.db.read((m) =>
      this.repo.openDutiesOf(m, actor.organizationId, {
        sides: SIDES_BY_ROLE[actor.role],
        now,
        dueBefore: withinMs === null ? null : new Date(now.getTime() + withinMs),
        dueFrom: fromMs === null ? null : new Date(now.getTime() + fromMs),
        undated: !dated && fromMs === null,
        limit,
      }),
    );
    return [...rows]
      .sort(byUrgency)
      .slice(0, limit)
      .map((r) => {
        const view = viewObligation({ phase: 'live', startsAt: r.startsAt, dueAt: r.dueAt } as LiveObligation, now);
        // Built field by field: an object spread of each row cost more than the rest of the mapping.
        return {
          id: r.id,
          incidentId: r.incidentId,
          regime: r.regime,
          duty: r.duty,
          dutyTitle: r.dutyTitle,
          recipient: r.recipient,
          legalBasis: r.legalBasis,
          dueRule: r.dueRule,
          startsAt: r.startsAt,
          dueAt: r.dueAt,
          reference: r.reference,
          title: r.title,
          status: r.status,
          kind: kindOf(r),
          state: view.state,
          secondsLeft: view.secondsLeft,
          openSince: view.openSince,
        };
      });
  }
}
