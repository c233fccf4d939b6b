import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '../identity/domain/actor';
import { Role } from '../identity/user.entity';
import { Clock } from '../platform/clock/clock';
import { Database } from '../platform/database/database';
import { IdGenerator } from '../platform/ids/id-generator';
import { Deadline } from './deadline.entity';
import { ClockView, DeadlineKind, authorityDueAt, processorDueAt, viewClock } from './domain/deadline-rules';
import { DeadlinesRepository } from './deadlines.repository';
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

export type ClockDetail = ClockView & {
  startedAt: Date;
  completedAt: Date | null;
  stoppedAt: Date | null;
  acknowledgedBy: string | null;
  acknowledgedAt: Date | null;
};

export interface IncidentClocks {
  processorToController: ClockDetail | null;
  authority: ClockDetail | null;
}

const KINDS_BY_ROLE: Record<Role, DeadlineKind[]> = {
  processor_staff: ['processor_to_controller'],
  controller_dpo: ['authority'],
  org_admin: ['processor_to_controller', 'authority'],
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

  async clocksOf(incidentIds: string[]): Promise<Map<string, IncidentClocks>> {
    const rows = await this.db.read((m) => this.repo.ofIncidents(m, incidentIds));
    const now = this.clock.now();
    const out = new Map<string, IncidentClocks>(incidentIds.map((id) => [id, { processorToController: null, authority: null }]));
    for (const row of rows) {
      const view = {
        ...viewClock(row, now),
        startedAt: row.startedAt,
        completedAt: row.completedAt,
        stoppedAt: row.stoppedAt,
        acknowledgedBy: row.acknowledgedBy,
        acknowledgedAt: row.acknowledgedAt,
      };
      const clocks = out.get(row.incidentId)!;
      if (row.kind === 'authority') clocks.authority = view;
      else clocks.processorToController = view;
    }
    return out;
  }

  // GET /deadlines: the caller's organization's open clocks of the kinds its role acts on, soonest first.
  // Open clocks due within `withinMs` from now (null: any), and, with `fromMs`, not before now + fromMs.
  async openFor(actor: Actor, withinMs: number | null, limit = 500, fromMs: number | null = null) {
    const now = this.clock.now();
    const dueBefore = withinMs === null ? null : new Date(now.getTime() + withinMs);
    const dueFrom = fromMs === null ? null : new Date(now.getTime() + fromMs);
    const rows = await this.db.read((m) =>
      this.repo.openOfOrganization(m, actor.organizationId, KINDS_BY_ROLE[actor.role], dueBefore, limit, dueFrom),
    );
    return rows.map((r) => ({ ...r, ...viewClock({ dueAt: r.dueAt, completedAt: null, stoppedAt: null }, now) }));
  }
}
