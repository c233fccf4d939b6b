import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ClockChange, ClockObserver, ClockObservers } from '../deadlines/clock-observers.service';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { IdentityService } from '../identity/identity.service';
import { defaultLocale } from '../identity/domain/places';
import { IncidentQueries } from '../incidents/incident-queries.service';
import { AppConfig } from '../config/app-config';
import { Clock } from '../platform/clock/clock';
import { IdGenerator } from '../platform/ids/id-generator';
import { DEFAULT_DEPUTY_AFTER, DEFAULT_MILESTONES, milestoneDueAt, milestoneLabel, supersededAt } from './domain/milestones';
import { RecipientRole } from './escalation.entity';
import { EscalationsRepository, PlannedEscalation } from './escalations.repository';
import { Lang } from '../i18n';

interface Recipient {
  email: string;
  name: string | null;
  role: RecipientRole;
  locale: Lang;
  timeZone: string;
}

// Writes the escalation rows of a clock in the transaction that starts, moves, ends or reopens it:
// one per milestone and recipient. Rows already sent are never touched again. Milestones that are
// past when planned stay pending: the claim decides which of them goes out (only the latest).
@Injectable()
export class EscalationPlanner implements ClockObserver, OnModuleInit {
  constructor(
    private readonly observers: ClockObservers,
    private readonly repo: EscalationsRepository,
    private readonly incidents: IncidentQueries,
    private readonly deadlines: DeadlinesService,
    private readonly identity: IdentityService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  onModuleInit(): void {
    this.observers.register(this);
  }

  async clockChanged(tx: EntityManager, change: ClockChange): Promise<void> {
    if (!change.open) {
      await this.repo.cancelPending(tx, change.incidentId, change.kind);
      return;
    }
    const facts = await this.incidents.forSystem(change.incidentId);
    if (!facts) return;
    const { incident } = facts;
    const contract = incident.contract ?? null;
    const recipients: Recipient[] = [];
    const add = (r: Recipient) => {
      if (!recipients.some((x) => x.email === r.email)) recipients.push(r);
    };
    if (change.kind === 'authority') {
      const controller = incident.controller!;
      const fallbackLocale = defaultLocale(controller.country);
      for (const u of await this.identity.dpoUsersOf(incident.controllerId))
        add({ email: u.email, name: null, role: 'dpo', locale: u.locale, timeZone: u.timeZone });
      for (const c of contract?.escalationContacts ?? [])
        add({
          email: c.email.toLowerCase(),
          name: c.name,
          role: 'escalation_contact',
          locale: c.locale ?? fallbackLocale,
          timeZone: controller.timeZone,
        });
      for (const c of contract?.deputyContacts ?? [])
        add({
          email: c.email.toLowerCase(),
          name: c.name,
          role: 'deputy',
          locale: c.locale ?? fallbackLocale,
          timeZone: controller.timeZone,
        });
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
    // Once someone has said "I have this", the deputies are not woken: a later re-plan (a moved
    // awareness, a reopened clock) must not bring their cancelled mails back.
    const acknowledged = (await this.deadlines.rowsOf(tx, change.incidentId)).some(
      (d) => d.kind === change.kind && d.acknowledgedAt !== null,
    );
    const milestones = contract?.escalationMilestones ?? DEFAULT_MILESTONES;
    const deputyAfter = contract?.deputyAfterMinutes ?? DEFAULT_DEPUTY_AFTER;
    const host = new URL(this.config.publicUrl).hostname || 'breachclock';
    const now = this.clock.now();
    const rows: PlannedEscalation[] = [];
    for (const r of recipients) {
      // Deputies join only from the deputy milestone on, and only if nobody has acknowledged by then.
      const theirs = r.role === 'deputy' ? (acknowledged ? [] : milestones.filter((m) => m <= deputyAfter)) : milestones;
      for (const minutesBefore of theirs) {
        const id = this.ids.next();
        rows.push({
          id,
          incidentId: change.incidentId,
          deadlineKind: change.kind,
          minutesBefore,
          milestone: milestoneLabel(minutesBefore),
          recipientEmail: r.email,
          recipientName: r.name,
          recipientRole: r.role,
          recipientLocale: r.locale,
          recipientTimeZone: r.timeZone,
          dueAt: milestoneDueAt(change.dueAt, minutesBefore),
          supersededAt: supersededAt(change.dueAt, theirs, minutesBefore),
          messageId: `<escalation.${id}@${host}>`,
          createdAt: now,
        });
      }
    }
    const kept = await this.repo.upsertPlanned(tx, rows);
    await this.repo.cancelPending(tx, change.incidentId, change.kind, kept);
  }
}
