import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { clockSummaries, ClockSummary, kindOf } from '../obligations/domain/open-duties';
import { Actor } from '../identity/domain/actor';
import { ObligationDetail, ObligationsService } from '../obligations/obligations.service';
import { Database } from '../platform/database/database';
import { missingItems } from './domain/incident-facts';
import { Side, trailFor } from './domain/trail-visibility';
import { Incident } from './incident.entity';
import { factsOf } from './incident-changes.service';
import { IncidentError, IncidentErrorCode } from './incidents.errors';
import { IncidentsRepository, Page } from './incidents.repository';

// One side's summary of the compatibility view (docs/api.md "Clocks"), with who said "I have this".
export type ClockDetail = ClockSummary & { acknowledgedBy: string | null; acknowledgedAt: Date | null };

export interface IncidentClocks {
  processorToController: ClockDetail | null;
  authority: ClockDetail | null;
}

export interface IncidentView {
  incident: Incident;
  missing: string[];
  // The soonest open obligation per side, derived from the obligations (both sides read both).
  clocks: IncidentClocks;
  // The duties the caller's side may see (the processor: its report to the controller only).
  obligations: ObligationDetail[];
}

// Who said "I have this" for the duty the summary shows (acknowledgements belong to obligations).
function withAcknowledgement(summary: ClockSummary | null, duties: ObligationDetail[]): ClockDetail | null {
  if (!summary) return null;
  const o = duties.find((d) => d.obligation.id === summary.obligationId)?.obligation;
  return { ...summary, acknowledgedBy: o?.acknowledgedBy ?? null, acknowledgedAt: o?.acknowledgedAt ?? null };
}

export function incidentNotFound(id: string): IncidentError {
  return new IncidentError(IncidentErrorCode.NotFound, `No incident ${id}.`);
}

// The read views of incidents: one as its caller may see it, lists, the register, the audit trail as
// the caller's side may see it, and what other modules read about incidents (escalations, assessments).
@Injectable()
export class IncidentQueries {
  constructor(
    private readonly db: Database,
    private readonly repo: IncidentsRepository,
    private readonly obligations: ObligationsService,
    private readonly audit: AuditService,
  ) {}

  async view(actor: Actor, id: string): Promise<IncidentView> {
    const incident = await this.db.read((m) => this.repo.findVisible(m, actor.organizationId, id));
    if (!incident) throw incidentNotFound(id);
    return (await this.viewsOf(actor, [incident]))[0];
  }

  // Several incidents as their caller may see them, in the order of `ids`; one missing → not found.
  async views(actor: Actor, ids: string[]): Promise<IncidentView[]> {
    const rows = await this.db.read((m) => this.repo.findVisibleMany(m, actor.organizationId, ids));
    const byId = new Map(rows.map((r) => [r.id, r]));
    const missing = ids.find((id) => !byId.has(id));
    if (missing) throw incidentNotFound(missing);
    return this.viewsOf(
      actor,
      ids.map((id) => byId.get(id)!),
    );
  }

  // Incidents just filed by the actor, as it sees them: the rows as written, when they carry both
  // parties (a filing under a contract), else read back; their duties are read.
  async viewsOfFiled(actor: Actor, filed: Incident[]): Promise<IncidentView[]> {
    const whole = filed.every((i) => i.controller !== undefined && (i.processorId === null || i.processor !== undefined));
    return whole
      ? this.viewsOf(actor, filed)
      : this.views(
          actor,
          filed.map((i) => i.id),
        );
  }

  async list(actor: Actor, page: Page): Promise<{ items: IncidentView[]; next: Incident | null }> {
    const rows = await this.db.read((m) => this.repo.listVisible(m, actor.organizationId, { ...page, limit: page.limit + 1 }));
    const items = rows.slice(0, page.limit);
    return {
      items: await this.viewsOf(actor, items),
      next: rows.length > page.limit ? items[items.length - 1] : null,
    };
  }

  // For modules that act on an incident as its controller (assessments, decisions): the incident,
  // locked for the rest of the transaction. Strangers get 404, the processor side 403.
  async loadForController(tx: EntityManager, actor: Actor, id: string, lock = true): Promise<Incident> {
    const incident = await this.repo.findVisible(tx, actor.organizationId, id, lock);
    if (!incident) throw incidentNotFound(id);
    if (actor.role !== 'controller_dpo' || incident.controllerId !== actor.organizationId) {
      throw new IncidentError(IncidentErrorCode.NotYourSide, 'Only DPOs of the controller assess, decide and close.');
    }
    return incident;
  }

  // For system jobs (escalations), inside their transaction: the incident and what is still missing.
  async forSystem(id: string): Promise<{ incident: Incident; missing: string[] } | null> {
    return (await this.forSystemMany([id])).get(id) ?? null;
  }

  async forSystemMany(ids: string[]): Promise<Map<string, { incident: Incident; missing: string[] }>> {
    const rows = await this.db.read((m) => this.repo.findForSystem(m, ids));
    return new Map(rows.map((incident) => [incident.id, { incident, missing: missingItems(factsOf(incident)) }]));
  }

  // What is still missing from each of these incidents (for lists such as the triage board): the
  // incident rows alone, without the parties and contract that forSystemMany loads.
  async missingOf(ids: string[]): Promise<Map<string, string[]>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.read((m) => this.repo.findByIds(m, ids));
    return new Map(rows.map((incident) => [incident.id, missingItems(factsOf(incident))]));
  }

  // Every incident reported to the caller's organization as controller, with clocks, oldest first;
  // with a period, those discovered in [start, end).
  async registerOf(actor: Actor, discovered?: { start: Date; end: Date }): Promise<IncidentView[]> {
    const incidents = await this.db.read((m) => this.repo.listOfController(m, actor.organizationId, discovered));
    return this.viewsOf(actor, incidents);
  }

  private async viewsOf(actor: Actor, incidents: Incident[]): Promise<IncidentView[]> {
    const ids = incidents.map((i) => i.id);
    const { all, visible: duties } = await this.obligations.allAndVisibleOf(actor, ids);
    return incidents.map((incident) => {
      const ofIncident = all.get(incident.id)!;
      const summary = clockSummaries(
        ofIncident.map(({ obligation: o, view }) => ({
          ...view,
          id: o.id,
          regime: o.regime,
          recipient: o.recipient,
          waivedAt: o.waivedAt,
        })),
      );
      return {
        incident,
        missing: missingItems(factsOf(incident)),
        clocks: {
          processorToController: withAcknowledgement(summary.processorToController, ofIncident),
          authority: withAcknowledgement(summary.authority, ofIncident),
        },
        obligations: duties.get(incident.id)!,
      };
    });
  }

  // The audit trail of one incident as the caller's side may see it (domain/trail-visibility.ts):
  // the processor never sees the controller's assessment, decision or notifications. Strangers get
  // "not found".
  async auditTrail(actor: Actor, id: string) {
    const { incident } = await this.view(actor, id);
    const side: Side = incident.controllerId === actor.organizationId ? 'controller' : 'processor';
    const [events, { all: duties }] = await Promise.all([
      this.audit.trailOfIncident(incident.id),
      this.obligations.allAndVisibleOf(actor, [incident.id]),
    ]);
    // Acknowledgements name the obligation (migrated ones keep the id of the clock they came from).
    const kinds = new Map(duties.get(incident.id)!.map(({ obligation: o }) => [o.id, kindOf(o)]));
    return trailFor(side, events, { controllerId: incident.controllerId, dutyKinds: kinds });
  }
}
