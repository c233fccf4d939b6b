import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditActor, AuditEntry, AuditService, createdChanges } from '../audit/audit.service';
import { AuthoritiesService } from '../authorities/authorities.service';
import { Actor, auditActorOf } from '../identity/domain/actor';
import { Clock } from '../platform/clock/clock';
import { Database } from '../platform/database/database';
import { ValidationError } from '../platform/http/domain-error';
import { IdGenerator } from '../platform/ids/id-generator';
import {
  blockersToClosing,
  Derivation,
  deriveObligations,
  diffObligations,
  Directory,
  fulfilObligation,
  FulfilmentInput,
  ObligationView,
  Regime,
  REGIME_ENTRIES,
  SECTOR_RECIPIENTS,
  viewObligation,
  waiveObligation,
} from './domain';
import { Obligation } from './obligation.entity';
import { ObligationChange, ObligationChangeKind, ObligationObservers } from './obligation-observers.service';
import { entryOf, specColumns, toFacts, toRecord } from './obligation.mapper';
import { ObligationError, ObligationErrorCode } from './obligations.errors';
import { IncidentParties, ObligationsRepository } from './obligations.repository';

export interface ObligationDetail {
  obligation: Obligation;
  view: ObligationView;
}

export interface SyncOptions {
  // The reason to record when the rules waive a live duty of this regime (e.g. a withdrawn
  // classification, in the DPO's words), instead of the rule's own words.
  waiveReasons?: Partial<Record<Regime, string>>;
  // The incident was inserted in this transaction (a filing): its parties as the caller has them.
  newIncident?: IncidentParties;
  // The caller's audit events of the same change, appended just before the obligations' own.
  auditBefore?: AuditEntry[];
}

const NOT_A_BREACH = 'the DPO found it is not a personal-data breach (Art. 4(12) GDPR)';

// An incident found not to be a personal-data breach owes no report to anyone but, under the
// contract, the processor's report to the controller (which was made with the report itself).
function withoutDutiesOfABreach(d: Derivation): Derivation {
  const dropped = d.specs.filter((s) => s.regime !== 'contract');
  return {
    ...d,
    specs: d.specs.filter((s) => s.regime === 'contract'),
    exclusions: [...dropped.map((s) => ({ regime: s.regime, duty: s.duty, reason: NOT_A_BREACH })), ...d.exclusions],
  };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

// One incident's duties in the order of the regime entries (a chain in its own order), then as created.
const entryIndex = (o: Obligation) => REGIME_ENTRIES.findIndex((e) => e.regime === o.regime && e.duty === o.duty);
const byDutyOrder = (a: Obligation, b: Obligation) =>
  entryIndex(a) - entryIndex(b) || a.createdAt.getTime() - b.createdAt.getTime() || a.key.localeCompare(b.key);

// The obligations of incidents: derived from the facts by the domain rules, stored, fulfilled by
// notifications, waived by the rules or by hand. Every change is audited in the caller's transaction.
@Injectable()
export class ObligationsService {
  private readonly directory: Directory;

  constructor(
    private readonly db: Database,
    private readonly repo: ObligationsRepository,
    private readonly audit: AuditService,
    authorities: AuthoritiesService,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly observers: ObligationObservers,
  ) {
    this.directory = { authorities: authorities.list(), recipients: SECTOR_RECIPIENTS };
  }

  // Brings the stored obligations of an incident in line with its facts, inside the caller's
  // transaction: derive, diff against the stored rows, create / update / waive. Fulfilled rows are
  // never touched. The processor's report to the controller is fulfilled by the report itself
  // (reportedToControllerAt). Each change is its own audit event; the events of one sync are
  // appended together (AuditService.recordAll), and the new rows are inserted in one statement.
  async sync(tx: EntityManager, incidentId: string, actor: AuditActor, options: SyncOptions = {}): Promise<Obligation[]> {
    // A filing in this transaction: nobody else sees the incident yet and it has no obligations,
    // no filings: no lock, no reading back of what cannot be there.
    const fresh = options.newIncident;
    const parties = fresh ?? (await this.repo.lockIncident(tx, incidentId));
    if (fresh) await this.repo.fixRegimes(tx, [incidentId]);
    const facts = parties && (await this.repo.factsOf(tx, incidentId, { filings: !fresh }));
    if (!parties || !facts) {
      await this.audit.recordAll(tx, actor, options.auditBefore ?? []);
      return [];
    }
    const derivation = this.derive(facts);
    const rows = fresh ? [] : await this.repo.ofIncident(tx, incidentId);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const diff = diffObligations(rows.map(toRecord), derivation);
    const now = this.clock.now();
    const events: AuditEntry[] = [];
    // Observers hear of each changed row once, in its final state: a processor's report created
    // and fulfilled in one change is one fulfilment, not a plan and a cancellation.
    const changed = new Map<string, ObligationChangeKind>();

    const { created, events: createdEvents } = this.newRows(incidentId, parties, diff.create, now);
    for (const row of created) {
      rows.push(row);
      changed.set(row.id, 'created');
    }
    events.push(...createdEvents);
    // The report made with the filing is stored fulfilled at once (its events stay two: created, fulfilled).
    const report = rows.find((r) => r.regime === 'contract' && r.phase === 'live');
    const reportedAt = report ? facts.reportedToControllerAt : null;
    const fulfilment = report && reportedAt && created.includes(report) ? this.applyFulfilment(report, { at: reportedAt, by: null }) : null;
    await this.repo.insertAll(tx, created);

    for (const update of diff.update) {
      const row = byId.get(update.id)!;
      Object.assign(row, specColumns(update.next), { updatedAt: now });
      await this.repo.save(tx, row);
      changed.set(row.id, 'updated');
      events.push(entryOf('obligation.updated', row, { changes: update.changes }));
    }
    for (const waiver of diff.waive) {
      const row = byId.get(waiver.id)!;
      const reason = options.waiveReasons?.[row.regime] ?? waiver.reason;
      Object.assign(row, { phase: 'waived', waivedAt: now, waiveReason: reason, waivedBy: 'rules', updatedAt: now });
      await this.repo.save(tx, row);
      changed.set(row.id, 'waived');
      events.push(entryOf('obligation.waived', row, { changes: { phase: { from: 'live', to: 'waived' } }, reason }));
    }
    if (report && reportedAt) {
      if (fulfilment) events.push(fulfilment);
      else {
        events.push(this.applyFulfilment(report, { at: reportedAt, by: null }));
        await this.repo.save(tx, report);
      }
      changed.set(report.id, 'fulfilled');
    }
    await this.audit.recordAll(tx, actor, [...(options.auditBefore ?? []), ...events]);
    for (const row of rows) {
      const kind = changed.get(row.id);
      if (kind) await this.observers.notify(tx, { kind, obligation: row });
    }
    return rows;
  }

  // Obligations of incidents filed in this transaction, set-based (IntakeWriter): their facts in one
  // statement, every duty in one INSERT, every event in one append (each incident's own events first,
  // then its duties'). Nothing was stored for them before: no lock, no diff, no filings.
  // A filing's requestId (several requests filed together) goes on each of its events.
  async syncNew(
    tx: EntityManager,
    actor: AuditActor,
    filed: { incident: IncidentParties; auditBefore: AuditEntry[]; requestId?: string | null }[],
  ): Promise<void> {
    const ids = filed.map((f) => f.incident.id);
    const facts = await this.repo.factsOfMany(tx, ids, { fixRegimes: true });
    const now = this.clock.now();
    const all: Obligation[] = [];
    const events: AuditEntry[] = [];
    const changes: ObligationChange[] = [];
    for (const { incident, auditBefore, requestId } of filed) {
      const own: AuditEntry[] = [...auditBefore];
      const f = facts.get(incident.id);
      const created = f ? this.newRows(incident.id, incident, this.derive(f).specs, now) : { created: [], events: [] };
      own.push(...created.events);
      const report = created.created.find((r) => r.regime === 'contract');
      if (report && f?.reportedToControllerAt) own.push(this.applyFulfilment(report, { at: f.reportedToControllerAt, by: null }));
      events.push(...(requestId === undefined ? own : own.map((e) => ({ ...e, requestId }))));
      if (!f) continue;
      all.push(...created.created);
      for (const row of created.created)
        changes.push({ kind: row === report && f.reportedToControllerAt ? 'fulfilled' : 'created', obligation: row, incident });
    }
    await this.repo.insertAll(tx, all);
    await this.observers.notifyAll(tx, changes, 'beforeAudit');
    // As late as may be: the append locks the actor's chain until the transaction ends, so chunks of
    // a batch filed at once wait for each other only from here on.
    await this.audit.recordAll(tx, actor, events);
    await this.observers.notifyAll(tx, changes, 'afterAudit');
  }

  private derive(facts: NonNullable<Awaited<ReturnType<ObligationsRepository['factsOf']>>>): Derivation {
    const derivation = deriveObligations(toFacts(facts), this.directory);
    return facts.status === 'not_a_breach' ? withoutDutiesOfABreach(derivation) : derivation;
  }

  // New live rows for the duties the rules derived, and their "created" events.
  private newRows(
    incidentId: string,
    parties: Pick<IncidentParties, 'controllerId' | 'processorId'>,
    specs: Derivation['specs'],
    now: Date,
  ): { created: Obligation[]; events: AuditEntry[] } {
    const created = specs.map((spec) =>
      this.repo.create({
        ...specColumns(spec),
        id: this.ids.next(),
        incidentId,
        controllerId: parties.controllerId,
        processorId: parties.processorId,
        phase: 'live',
        fulfilledAt: null,
        fulfilledBy: null,
        outcome: null,
        reasonsForDelay: null,
        frozenStartsAt: null,
        frozenDueAt: null,
        waivedAt: null,
        waiveReason: null,
        waivedBy: null,
        createdAt: now,
        updatedAt: now,
      }),
    );
    const events = created.map((row) =>
      entryOf('obligation.created', row, {
        changes: createdChanges({
          key: row.key,
          regime: row.regime,
          duty: row.duty,
          recipient: row.recipient.name,
          startsAt: iso(row.startsAt),
          dueAt: iso(row.dueAt),
        }),
      }),
    );
    return { created, events };
  }

  // Records a fulfilment and freezes the obligation (domain fulfilObligation): fulfilledAt, dueAt
  // and met/late are stored now and never change again. Late needs reasons where the law asks.
  async fulfil(tx: EntityManager, actor: AuditActor, row: Obligation, input: FulfilmentInput): Promise<Obligation> {
    const event = this.applyFulfilment(row, input);
    await this.repo.save(tx, row);
    await this.audit.record(tx, actor, event);
    await this.observers.notify(tx, { kind: 'fulfilled', obligation: row });
    return row;
  }

  // The fulfilment on the row in memory, and its audit event; the caller stores both.
  private applyFulfilment(row: Obligation, input: FulfilmentInput): AuditEntry {
    const result = fulfilObligation(toRecord(row), input);
    if (!result.ok) throw this.fulfilmentError(row, result);
    const f = result.obligation.frozen;
    Object.assign(row, {
      phase: 'fulfilled',
      startsAt: null,
      dueAt: null,
      fulfilledAt: f.fulfilledAt,
      fulfilledBy: f.fulfilledBy,
      outcome: f.outcome,
      reasonsForDelay: f.reasonsForDelay,
      frozenStartsAt: f.startsAt,
      frozenDueAt: f.dueAt,
      updatedAt: this.clock.now(),
    });
    return entryOf('obligation.fulfilled', row, {
      changes: {
        phase: { from: 'live', to: 'fulfilled' },
        fulfilledAt: { from: null, to: iso(f.fulfilledAt) },
        fulfilledBy: { from: null, to: f.fulfilledBy },
        outcome: { from: null, to: f.outcome },
        dueAt: { from: null, to: iso(f.dueAt) },
      },
      reason: f.reasonsForDelay,
    });
  }

  // The same check as fulfil, before anything is written (a notification is recorded only when the
  // obligation it fulfils accepts it).
  assertFulfilable(row: Obligation, input: FulfilmentInput): void {
    const result = fulfilObligation(toRecord(row), input);
    if (!result.ok) throw this.fulfilmentError(row, result);
  }

  // The live obligation a filing is for, on the caller's side and of this incident; 404 otherwise,
  // 409 when it is fulfilled or waived already.
  // DORA's intermediate report may be updated after it was filed (Del. Reg. 2025/301 Art. 5(1)(c)):
  // an update is another filing of the fulfilled obligation, and the final report runs from the latest.
  async liveForFiling(tx: EntityManager, actor: Actor, incidentId: string, obligationId: string): Promise<Obligation> {
    const row = await this.repo.findVisible(tx, actor.organizationId, obligationId, true);
    if (!row || row.incidentId !== incidentId) {
      throw new ObligationError(ObligationErrorCode.NotFound, `No obligation ${obligationId} of this incident.`);
    }
    const update = row.phase === 'fulfilled' && row.regime === 'dora' && row.duty === 'intermediate_report';
    if (row.phase !== 'live' && !update) {
      throw new ObligationError(ObligationErrorCode.NotLive, `The obligation ${row.key} is ${row.phase} already.`, {
        extensions: { phase: row.phase },
      });
    }
    return row;
  }

  // The live obligation a filing of one of today's kinds answers: the authority's duty for that
  // authority (GDPR, UK GDPR or revFADP), the duty to tell the people, or the processor's report.
  async liveMatching(
    tx: EntityManager,
    incidentId: string,
    match: { regimes: Regime[]; duty: Obligation['duty']; authorityId?: string | null },
  ): Promise<Obligation | null> {
    const rows = await this.repo.ofIncident(tx, incidentId);
    const candidates = rows.filter(
      (r) =>
        r.phase === 'live' &&
        r.duty === match.duty &&
        match.regimes.includes(r.regime) &&
        (match.authorityId === undefined || r.recipient.authorityId === match.authorityId),
    );
    candidates.sort((a, b) => match.regimes.indexOf(a.regime) - match.regimes.indexOf(b.regime));
    return candidates[0] ?? null;
  }

  // POST /obligations/:id/waive: a duty that does not apply after all, with the DPO's reasons.
  async waive(actor: Actor, id: string, reason: string): Promise<ObligationDetail> {
    const row = await this.db.transaction(async (tx) => {
      const row = await this.repo.findVisible(tx, actor.organizationId, id, true);
      if (!row) throw new ObligationError(ObligationErrorCode.NotFound, `No obligation ${id}.`);
      if (actor.role !== 'controller_dpo' || row.controllerId !== actor.organizationId) {
        throw new ObligationError(ObligationErrorCode.NotYourSide, "Only DPOs of the controller waive the controller's duties.");
      }
      const now = this.clock.now();
      const result = waiveObligation(toRecord(row), { reason, at: now, by: 'user' });
      if (!result.ok && result.path === 'reason') throw new ValidationError([{ path: 'reason', message: result.message }]);
      if (!result.ok) throw new ObligationError(ObligationErrorCode.NotLive, `The obligation ${row.key} ${result.message}.`);
      Object.assign(row, {
        phase: 'waived',
        waivedAt: now,
        waiveReason: result.obligation.waiver.reason,
        waivedBy: 'user',
        updatedAt: now,
      });
      await this.repo.save(tx, row);
      await this.audit.record(
        tx,
        auditActorOf(actor),
        entryOf('obligation.waived', row, { changes: { phase: { from: 'live', to: 'waived' } }, reason: row.waiveReason }),
      );
      await this.observers.notify(tx, { kind: 'waived', obligation: row });
      return row;
    });
    return this.detail(row);
  }

  // One obligation the caller's side may see (the processor: its report to the controller only); null otherwise.
  async visible(actor: Actor, id: string): Promise<ObligationDetail | null> {
    const row = await this.db.read((m) => this.repo.findVisible(m, actor.organizationId, id));
    return row ? this.detail(row) : null;
  }

  // The obligations of incidents the caller's side may see (the caller has checked the incidents).
  async visibleOf(actor: Actor, incidentIds: string[]): Promise<Map<string, ObligationDetail[]>> {
    return this.byIncident(incidentIds, await this.db.read((m) => this.repo.visibleOfIncidents(m, actor.organizationId, incidentIds)));
  }

  // In one read: every obligation of these incidents, whichever side asks, for the summary of the two
  // clocks that both sides read (docs/api.md "Clocks"; the caller has checked the incidents), and
  // those of them the caller sees.
  async allAndVisibleOf(actor: Actor, incidentIds: string[]): Promise<Record<'all' | 'visible', Map<string, ObligationDetail[]>>> {
    const rows = await this.db.read((m) => this.repo.ofIncidentsSeenBy(m, actor.organizationId, incidentIds));
    const seen = new Set(rows.filter((r) => r.visible).map((r) => r.row.id));
    const all = this.byIncident(incidentIds, rows.map(rowOf));
    return { all, visible: new Map([...all].map(([id, duties]) => [id, duties.filter((d) => seen.has(d.obligation.id))])) };
  }

  private byIncident(incidentIds: string[], rows: Obligation[]): Map<string, ObligationDetail[]> {
    const out = new Map<string, ObligationDetail[]>(incidentIds.map((id) => [id, []]));
    for (const row of [...rows].sort(byDutyOrder)) out.get(row.incidentId)?.push(this.detail(row));
    return out;
  }

  // The live obligations that keep an incident from being closed.
  async blockersToClosing(tx: EntityManager, incidentId: string): Promise<Obligation[]> {
    return blockersToClosing((await this.repo.ofIncident(tx, incidentId)).map((row) => ({ ...toRecord(row), row }))).map((r) => r.row);
  }

  // Obligation ids and regimes of an incident, for the trail (the processor sees contract duties only).
  async regimesOf(incidentId: string): Promise<Map<string, Regime>> {
    const rows = await this.db.read((m) => this.repo.ofIncident(m, incidentId));
    return new Map(rows.map((r) => [r.id, r.regime]));
  }

  detail(row: Obligation): ObligationDetail {
    return { obligation: row, view: viewObligation(toRecord(row), this.clock.now()) };
  }

  private fulfilmentError(row: Obligation, result: { path: string; message: string }) {
    if (result.path === 'reasonsForDelay') {
      return new ObligationError(
        ObligationErrorCode.ReasonsForDelayRequired,
        `Filed after the deadline of ${row.key}: the reasons for the delay are required.`,
        { errors: [{ path: 'reasonsForDelay', message: result.message }], extensions: { dueAt: iso(row.dueAt) } },
      );
    }
    return new ObligationError(ObligationErrorCode.NotLive, `The obligation ${row.key} ${result.message}.`);
  }
}

// One audit event about an obligation (its key in every event, so the trail reads without the row).

const rowOf = (r: { row: Obligation }): Obligation => r.row;
