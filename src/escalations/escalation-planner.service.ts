import type { User } from '../identity/user.entity';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { IdentityService } from '../identity/identity.service';
import { defaultLocale } from '../identity/domain/places';
import { IncidentQueries } from '../incidents/incident-queries.service';
import { Incident } from '../incidents/incident.entity';
import { AppConfig } from '../config/app-config';
import { Clock } from '../platform/clock/clock';
import { IdGenerator } from '../platform/ids/id-generator';
import { Obligation } from '../obligations/obligation.entity';
import { ObligationChange, ObligationObserver, ObligationObservers } from '../obligations/obligation-observers.service';
import { DEFAULT_DEPUTY_AFTER, DEFAULT_MILESTONES, milestoneDueAt, milestoneLabel, supersededAt } from './domain/milestones';
import { nextReminderAt, reminderAfter, reminderEvery, reminderLabel } from './domain/reminders';
import { Escalation, EscalationSide, RecipientRole } from './escalation.entity';
import { EscalationsRepository, PlannedEscalation } from './escalations.repository';
import { Lang } from '../i18n';

interface Recipient {
  email: string;
  name: string | null;
  role: RecipientRole;
  locale: Lang;
  timeZone: string;
}

// The side whose duty it is: the processor's report to the controller, or the controller's duties.
const dpoRecipient = (u: Pick<User, 'email' | 'locale' | 'timeZone'>): Recipient => ({
  email: u.email,
  name: null,
  role: 'dpo',
  locale: u.locale,
  timeZone: u.timeZone,
});

export const sideOf = (o: Pick<Obligation, 'regime'>): EscalationSide =>
  o.regime === 'contract' ? 'processor_to_controller' : 'authority';

// Writes the escalation rows of an obligation in the transaction that creates, moves, fulfils or
// waives it (ObligationObservers). A duty with a deadline gets one row per milestone and recipient;
// a duty without one gets its next reminder to the controller's DPOs (reminder policy). Rows already
// sent are never touched again. Milestones that are past when planned stay pending: the claim
// decides which of them goes out (only the latest).
@Injectable()
export class EscalationPlanner implements ObligationObserver, OnModuleInit {
  constructor(
    private readonly observers: ObligationObservers,
    private readonly repo: EscalationsRepository,
    private readonly incidents: IncidentQueries,
    private readonly identity: IdentityService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  onModuleInit(): void {
    this.observers.register(this);
  }

  async obligationChanged(tx: EntityManager, change: ObligationChange): Promise<void> {
    const o = change.obligation;
    if (o.phase !== 'live' || o.startsAt === null) {
      await this.repo.cancelPending(tx, o.id);
      return;
    }
    const kept = o.dueAt === null ? await this.planReminders(tx, o) : await this.planMilestones(tx, o, o.dueAt);
    await this.repo.cancelPending(tx, o.id, kept);
  }

  private async planMilestones(tx: EntityManager, o: Obligation, dueAt: Date): Promise<string[]> {
    const facts = await this.incidents.forSystem(o.incidentId);
    if (!facts) return [];
    const recipients = await this.recipients(facts.incident, sideOf(o));
    return this.repo.upsertPlanned(tx, this.milestoneRows(o, dueAt, facts.incident, recipients, await this.repo.sentBefore(tx, o)));
  }

  // The obligations of incidents filed in this transaction (ObligationObservers.notifyAll): nothing
  // was planned or sent for them, so nothing to cancel or skip; their incidents are read in one
  // query, each controller's DPOs once, and every milestone row is written in one statement.
  async obligationsFiled(tx: EntityManager, changes: ObligationChange[]): Promise<void> {
    const withDeadline: Obligation[] = [];
    for (const { obligation: o } of changes) {
      if (o.phase !== 'live' || o.startsAt === null) continue;
      if (o.dueAt === null) await this.repo.cancelPending(tx, o.id, await this.planReminders(tx, o));
      else withDeadline.push(o);
    }
    if (withDeadline.length === 0) return;
    // The incidents the caller filed with their parties (a batch's chunk) are taken as they are; only
    // the others are read back.
    const incidents = new Map<string, IncidentFacts>();
    for (const { incident } of changes) if (incident instanceof Incident && withParties(incident)) incidents.set(incident.id, incident);
    const unread = [...new Set(withDeadline.map((o) => o.incidentId))].filter((id) => !incidents.has(id));
    if (unread.length > 0) for (const [id, f] of await this.incidents.forSystemMany(unread)) incidents.set(id, f.incident);
    // Every controller's DPOs in one read, not one per controller (a batch files for thousands).
    const dpos = new Map<string, Promise<Recipient[]>>();
    const controllers = [...new Set(withDeadline.filter((o) => sideOf(o) === 'authority').map((o) => o.controllerId))];
    for (const [id, users] of await this.identity.dpoUsersOfMany(controllers)) dpos.set(id, Promise.resolve(users.map(dpoRecipient)));
    const rows: PlannedEscalation[] = [];
    for (const o of withDeadline) {
      const incident = incidents.get(o.incidentId);
      if (!incident) continue;
      const recipients = await this.recipients(incident, sideOf(o), dpos);
      rows.push(...this.milestoneRows(o, o.dueAt!, incident, recipients, []));
    }
    await this.repo.upsertPlanned(tx, rows);
  }

  private milestoneRows(
    o: Obligation,
    dueAt: Date,
    incident: IncidentFacts,
    recipients: Recipient[],
    sent: { minutesBefore: number; recipientEmail: string }[],
  ): PlannedEscalation[] {
    const contract = incident.contract ?? null;
    // Once someone has said "I have this", the deputies are not woken: a later re-plan (a moved
    // awareness) must not bring their cancelled mails back.
    const acknowledged = !!o.acknowledgedBy;
    const milestones = contract?.escalationMilestones ?? DEFAULT_MILESTONES;
    const deputyAfter = contract?.deputyAfterMinutes ?? DEFAULT_DEPUTY_AFTER;
    const rows: PlannedEscalation[] = [];
    for (const r of recipients) {
      // Deputies join only from the deputy milestone on, and only if nobody has acknowledged by then.
      const theirs = r.role === 'deputy' ? (acknowledged ? [] : milestones.filter((m) => m <= deputyAfter)) : milestones;
      for (const minutesBefore of theirs) {
        if (sent.some((s) => s.minutesBefore === minutesBefore && s.recipientEmail === r.email)) continue;
        rows.push({
          ...this.row(o, r),
          minutesBefore,
          reminderNo: null,
          milestone: milestoneLabel(minutesBefore),
          dueAt: milestoneDueAt(dueAt, minutesBefore),
          supersededAt: supersededAt(dueAt, theirs, minutesBefore),
        });
      }
    }
    return rows;
  }

  // One pending reminder per DPO: the one after the last that went out (or the first after the
  // duty's start), at the interval in force now. The dispatcher plans the next one when it sends it.
  private async planReminders(tx: EntityManager, o: Obligation): Promise<string[]> {
    const every = reminderEvery(await this.repo.reminderEveryMinutes(tx, o.incidentId));
    if (every === 0) return [];
    const facts = await this.incidents.forSystem(o.incidentId);
    if (!facts) return [];
    const dpos = (await this.recipients(facts.incident, 'authority')).filter((r) => r.role === 'dpo');
    const earlier = await this.repo.remindersOf(tx, o.id);
    const now = this.clock.now();
    const rows: PlannedEscalation[] = [];
    for (const r of dpos) {
      const mine = earlier.filter((e) => e.recipientEmail === r.email);
      const done = mine.filter((e) => e.status !== 'pending' && e.status !== 'cancelled');
      const last = done[done.length - 1] as Escalation | undefined;
      const n = (last?.reminderNo ?? 0) + 1;
      rows.push({
        ...this.row(o, r),
        minutesBefore: null,
        reminderNo: n,
        milestone: reminderLabel(n),
        dueAt: nextReminderAt(last?.dueAt ?? o.startsAt!, every, now),
        supersededAt: null,
      });
    }
    return this.repo.upsertPlanned(tx, rows);
  }

  // The next reminder after one that went out, in the transaction that records it as sent: only
  // while the duty is still live without a deadline and reminders are on.
  async planNextReminder(tx: EntityManager, sent: Escalation, o: Obligation | undefined, now: Date): Promise<void> {
    if (!o || o.phase !== 'live' || o.dueAt !== null || sent.reminderNo === null) return;
    const every = reminderEvery(await this.repo.reminderEveryMinutes(tx, o.incidentId));
    if (every === 0) return;
    const n = sent.reminderNo + 1;
    const id = this.ids.next();
    await this.repo.insertReminder(tx, {
      id,
      incidentId: sent.incidentId,
      obligationId: sent.obligationId,
      deadlineKind: sent.deadlineKind,
      minutesBefore: null,
      reminderNo: n,
      milestone: reminderLabel(n),
      recipientEmail: sent.recipientEmail,
      recipientName: sent.recipientName,
      recipientRole: sent.recipientRole,
      recipientLocale: sent.recipientLocale,
      recipientTimeZone: sent.recipientTimeZone,
      dueAt: reminderAfter(sent.dueAt, every, now),
      supersededAt: null,
      messageId: this.messageId(id),
      createdAt: now,
    });
  }

  private row(o: Obligation, r: Recipient) {
    const id = this.ids.next();
    return {
      id,
      incidentId: o.incidentId,
      obligationId: o.id,
      deadlineKind: sideOf(o),
      recipientEmail: r.email,
      recipientName: r.name,
      recipientRole: r.role,
      recipientLocale: r.locale,
      recipientTimeZone: r.timeZone,
      messageId: this.messageId(id),
      createdAt: this.clock.now(),
    };
  }

  private host: string | null = null;

  private messageId(rowId: string): string {
    this.host ??= new URL(this.config.publicUrl).hostname || 'breachclock';
    return `<escalation.${rowId}@${this.host}>`;
  }

  // Controller duties → the controller's DPO users, the contract's escalation contacts and deputies;
  // the processor's report → the processor user who filed it and the incident's contact person.
  private async recipients(
    incident: IncidentFacts,
    side: EscalationSide,
    dpoCache = new Map<string, Promise<Recipient[]>>(),
  ): Promise<Recipient[]> {
    const contract = incident.contract ?? null;
    const recipients: Recipient[] = [];
    const add = (r: Recipient) => {
      if (!recipients.some((x) => x.email === r.email)) recipients.push(r);
    };
    if (side === 'authority') {
      const controller = incident.controller!;
      const fallbackLocale = defaultLocale(controller.country);
      if (!dpoCache.has(incident.controllerId))
        dpoCache.set(
          incident.controllerId,
          this.identity.dpoUsersOf(incident.controllerId).then((users) => users.map(dpoRecipient)),
        );
      for (const r of await dpoCache.get(incident.controllerId)!) add(r);
      for (const [role, list] of [
        ['escalation_contact', contract?.escalationContacts ?? []],
        ['deputy', contract?.deputyContacts ?? []],
      ] as const)
        for (const c of list)
          add({ email: c.email.toLowerCase(), name: c.name, role, locale: c.locale ?? fallbackLocale, timeZone: controller.timeZone });
    } else {
      const processor = incident.processor ?? incident.controller!;
      const reporter = incident.reportedBy;
      if (reporter) add({ email: reporter.email, name: null, role: 'reporter', locale: reporter.locale, timeZone: reporter.timeZone });
      if (incident.contactEmail)
        add({
          email: incident.contactEmail,
          name: incident.contactName,
          role: 'incident_contact',
          locale: defaultLocale(processor.country),
          timeZone: processor.timeZone,
        });
    }
    return recipients;
  }
}

type IncidentFacts = NonNullable<Awaited<ReturnType<IncidentQueries['forSystem']>>>['incident'];

// An incident that carries every party the recipients are taken from (as IncidentsRepository.findForSystem loads them).
const withParties = (i: Incident): boolean =>
  i.controller !== undefined &&
  i.reportedBy !== undefined &&
  (i.processorId === null || i.processor !== undefined) &&
  (i.contractId === null || i.contract !== undefined);
