import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '../identity/domain/actor';
import { Role } from '../identity/user.entity';
import { Clock } from '../platform/clock/clock';
import { Database } from '../platform/database/database';
import { IdGenerator } from '../platform/ids/id-generator';
import { Deadline } from './deadline.entity';
import { LiveObligation, ObligationState, viewObligation } from '../obligations/domain';
import { DeadlineKind, authorityDueAt, processorDueAt } from './domain/deadline-rules';
import { byUrgency, DutyKind, kindOf } from './domain/open-duties';
import { DeadlinesRepository, DutySide, OpenDutyRow } from './deadlines.repository';
import { ClockObservers } from './clock-observers.service';
import { isOpen } from './domain/deadline-rules';

// The facts of an incident that decide its clocks.
export interface ClockInputs {
  incidentId: string;
  controllerId: string;
  processorId: string | null;
  processorNoticeHours: number | null; // null: no processor clock (the controller's own breach)
  discoveredAt: Date;
  reportedToControllerAt: Date | null;
  controllerAwareAt: Date | null;
}

export interface Acknowledgement {
  by: string | null;
  at: Date | null;
}

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

@Injectable()
export class DeadlinesService {
  constructor(
    private readonly db: Database,
    private readonly repo: DeadlinesRepository,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly observers: ClockObservers,
  ) {}

  // Brings an incident's clock rows in line with its facts, inside the caller's transaction.
  // A clock that has ended (notified or stopped) keeps its end; only its due instant moves.
  async plan(tx: EntityManager, facts: ClockInputs): Promise<Deadline[]> {
    const existing = await this.repo.ofIncidents(tx, [facts.incidentId]);
    const byKind = new Map(existing.map((d) => [d.kind, d]));
    const wanted: { kind: DeadlineKind; ownerOrgId: string; startedAt: Date; dueAt: Date; completedAt: Date | null }[] = [];
    if (facts.processorId && facts.processorNoticeHours !== null) {
      wanted.push({
        kind: 'processor_to_controller',
        ownerOrgId: facts.processorId,
        startedAt: facts.discoveredAt,
        dueAt: processorDueAt(facts.discoveredAt, facts.processorNoticeHours),
        completedAt: facts.reportedToControllerAt,
      });
    }
    if (facts.controllerAwareAt) {
      wanted.push({
        kind: 'authority',
        ownerOrgId: facts.controllerId,
        startedAt: facts.controllerAwareAt,
        dueAt: authorityDueAt(facts.controllerAwareAt),
        completedAt: byKind.get('authority')?.completedAt ?? null,
      });
    }
    const saved: Deadline[] = [];
    for (const w of wanted) {
      const row = byKind.get(w.kind) ?? tx.create(Deadline, { id: this.ids.next(), incidentId: facts.incidentId, stoppedAt: null });
      const changed =
        !byKind.has(w.kind) ||
        row.dueAt.getTime() !== w.dueAt.getTime() ||
        row.startedAt.getTime() !== w.startedAt.getTime() ||
        (row.completedAt?.getTime() ?? null) !== (w.completedAt?.getTime() ?? null);
      Object.assign(row, w);
      if (changed) {
        saved.push(byKind.has(w.kind) ? await this.repo.upsert(tx, row) : await this.repo.insert(tx, row));
        await this.observers.notify(tx, { incidentId: row.incidentId, kind: row.kind, dueAt: row.dueAt, open: isOpen(row) });
      } else saved.push(row);
    }
    return saved;
  }

  // "Not notifiable" (decided with reasons) stops the authority clock; a later decision to notify
  // lets it run again from the same due instant.
  async setAuthorityStopped(tx: EntityManager, incidentId: string, stoppedAt: Date | null): Promise<void> {
    const [row] = (await this.repo.ofIncidents(tx, [incidentId])).filter((d) => d.kind === 'authority');
    if (!row || (row.stoppedAt?.getTime() ?? null) === (stoppedAt?.getTime() ?? null)) return;
    row.stoppedAt = stoppedAt;
    await this.repo.upsert(tx, row);
    await this.observers.notify(tx, { incidentId, kind: 'authority', dueAt: row.dueAt, open: isOpen(row) });
  }

  // The initial notification to the authority ends its clock (met or late); follow-ups never
  // reopen or extend it. Only the first completion counts.
  async completeAuthority(tx: EntityManager, incidentId: string, at: Date): Promise<Deadline | null> {
    const [row] = (await this.repo.ofIncidents(tx, [incidentId])).filter((d) => d.kind === 'authority');
    if (!row) return null;
    if (row.completedAt === null) {
      row.completedAt = at;
      row.stoppedAt = null;
      await this.repo.upsert(tx, row);
      await this.observers.notify(tx, { incidentId, kind: 'authority', dueAt: row.dueAt, open: false });
    }
    return row;
  }

  // "I have this": the first person to acknowledge becomes the clock's owner; later ones are noted
  // by the caller but do not replace the owner. Returns the owner.
  async acknowledge(
    tx: EntityManager,
    incidentId: string,
    kind: DeadlineKind,
    who: string,
    at: Date,
  ): Promise<{ owner: string; first: boolean } | null> {
    const [row] = (await this.repo.ofIncidents(tx, [incidentId])).filter((d) => d.kind === kind);
    if (!row) return null;
    if (row.acknowledgedBy) return { owner: row.acknowledgedBy, first: false };
    row.acknowledgedBy = who;
    row.acknowledgedAt = at;
    await this.repo.upsert(tx, row);
    return { owner: who, first: true };
  }

  // Locks one clock for the rest of the caller's transaction, so that decisions about it (who owns
  // it) are taken one at a time even when many requests arrive at once.
  lockClock(tx: EntityManager, incidentId: string, kind: DeadlineKind): Promise<Deadline | null> {
    return this.repo.lockOne(tx, incidentId, kind);
  }

  // The clock rows of incidents, for system jobs (inside their transaction when they pass one).
  rowsOf(m: EntityManager, incidentId: string): Promise<Deadline[]> {
    return this.repo.ofIncidents(m, [incidentId]);
  }

  rowsOfMany(incidentIds: string[]): Promise<Deadline[]> {
    return this.db.read((m) => this.repo.ofIncidents(m, incidentIds));
  }

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
        return { ...r, kind: kindOf(r), state: view.state, secondsLeft: view.secondsLeft, openSince: view.openSince };
      });
  }

  // Who said "I have this" for each clock of these incidents (docs/escalations.md), for the
  // compatibility summary on the incident.
  async acknowledgementsOf(incidentIds: string[]): Promise<Map<string, Partial<Record<DeadlineKind, Acknowledgement>>>> {
    const rows = await this.db.read((m) => this.repo.acknowledgementsOf(m, incidentIds));
    const out = new Map<string, Partial<Record<DeadlineKind, Acknowledgement>>>();
    for (const r of rows) out.set(r.incidentId, { ...out.get(r.incidentId), [r.kind]: { by: r.acknowledgedBy, at: r.acknowledgedAt } });
    return out;
  }
}
