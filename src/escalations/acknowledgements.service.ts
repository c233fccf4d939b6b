import { Injectable } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { AuditService } from '../audit/audit.service';
import { IncidentQueries } from '../incidents/incident-queries.service';
import { Clock } from '../platform/clock/clock';
import { canonicalUuid } from '../platform/http/uuid.pipe';
import { safeEqual } from '../platform/security/constant-time';
import { AppSettings } from '../platform/database/app-settings';
import { Database } from '../platform/database/database';
import { AppConfig } from '../config/app-config';
import { Escalation } from './escalation.entity';
import { EscalationsRepository } from './escalations.repository';

export type AckOutcome =
  | { kind: 'invalid' } // unknown or forged link: reveals nothing
  | { kind: 'ended'; reference: string } // the duty ended (fulfilled, or waived)
  | { kind: 'ready'; reference: string; title: string; duty: string; dueAt: Date | null; owner: string | null; escalation: Escalation }
  | { kind: 'done'; reference: string; owner: string; you: string; first: boolean; already: boolean };

const KEY = 'escalation-ack-signing-key';

// The "I have this" links in escalation mails: signed per mail, valid while the mail's obligation is
// live, once per person. The first person to acknowledge becomes the obligation's owner
// (obligation.acknowledged_by/at); another duty of the same incident is not affected.
@Injectable()
export class Acknowledgements {
  constructor(
    private readonly db: Database,
    private readonly repo: EscalationsRepository,
    private readonly incidents: IncidentQueries,
    private readonly audit: AuditService,
    private readonly settings: AppSettings,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async urlFor(escalationId: string): Promise<string> {
    return `${this.config.publicUrl}/ack/${await this.token(escalationId)}`;
  }

  async token(escalationId: string): Promise<string> {
    const mac = createHmac('sha256', await this.settings.secret(KEY))
      .update(escalationId)
      .digest('base64url');
    return `${escalationId}.${mac}`;
  }

  private async verify(token: string): Promise<string | null> {
    const [id, mac] = token.split('.');
    if (!id || !mac || canonicalUuid(id) !== id) return null;
    return safeEqual(mac, (await this.token(id)).split('.')[1]) ? id : null;
  }

  async inspect(token: string): Promise<AckOutcome> {
    const id = await this.verify(token);
    if (!id) return { kind: 'invalid' };
    return this.db.read(async (m) => {
      const escalation = await this.repo.findById(m, id);
      if (!escalation) return { kind: 'invalid' };
      const facts = await this.incidents.forSystem(escalation.incidentId);
      const [obligation] = await this.repo.obligationsByIds(m, [escalation.obligationId]);
      if (!facts || !obligation) return { kind: 'invalid' };
      if (obligation.phase !== 'live') return { kind: 'ended', reference: facts.incident.reference };
      return {
        kind: 'ready',
        reference: facts.incident.reference,
        title: facts.incident.title,
        duty: `${obligation.title.en} (${obligation.recipient.name})`,
        dueAt: obligation.dueAt,
        owner: obligation.acknowledgedBy ?? null,
        escalation,
      };
    });
  }

  async acknowledge(token: string): Promise<AckOutcome> {
    const id = await this.verify(token);
    if (!id) return { kind: 'invalid' };
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const escalation = await this.repo.findById(tx, id);
      if (!escalation) return { kind: 'invalid' } as const;
      // The obligation's row is locked first, so acknowledgements of one duty run one after the
      // other: a link clicked ten times at once records one acknowledgement, and two people
      // acknowledging at once make exactly one of them the owner.
      const obligation = await this.repo.lockObligation(tx, escalation.obligationId);
      const facts = await this.incidents.forSystem(escalation.incidentId);
      if (!facts || !obligation) return { kind: 'invalid' } as const;
      if (obligation.phase !== 'live') return { kind: 'ended', reference: facts.incident.reference } as const;
      const who = escalation.recipientEmail;
      const owner = obligation.acknowledgedBy ?? null;
      const mine = await this.repo.ofObligationAndRecipient(tx, escalation.obligationId, who);
      if (mine.some((e) => e.acknowledgedAt)) {
        return { kind: 'done', reference: facts.incident.reference, owner: owner ?? who, you: who, first: false, already: true } as const;
      }
      await this.repo.markAcknowledged(tx, escalation.obligationId, who, now);
      const result = owner ? { owner, first: false } : { owner: who, first: true };
      if (result.first) await this.repo.acknowledgeObligation(tx, obligation.id, who, now);
      // Someone has it now: the deputies need not be woken for this duty.
      await this.repo.cancelPending(tx, escalation.obligationId, [], 'deputy');
      await this.audit.record(
        tx,
        { label: `mail:${who}`, userId: null, organizationId: null },
        {
          action: 'deadline.acknowledged',
          entityType: 'obligation',
          entityId: obligation.id,
          incidentId: escalation.incidentId,
          changes: {
            acknowledgedBy: { from: result.first ? null : result.owner, to: result.first ? who : result.owner },
            acknowledgement: { from: null, to: who },
          },
          reason: `"I have this" from the ${escalation.milestone} mail of ${obligation.key}`,
        },
      );
      return {
        kind: 'done',
        reference: facts.incident.reference,
        owner: result.owner,
        you: who,
        first: result.first,
        already: false,
      } as const;
    });
  }
}
