import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { Actor, auditActorOf } from '../identity/domain/actor';
import { Clock } from '../platform/clock/clock';
import { Database } from '../platform/database/database';
import { errorFamily } from '../platform/http/domain-error';
import { Escalation, EscalationStatus } from './escalation.entity';
import { EscalationsRepository } from './escalations.repository';

enum EscalationErrorCode {
  NotFound = 'escalation.not_found',
  NotFailed = 'escalation.not_failed',
}

class EscalationError extends errorFamily<EscalationErrorCode>({
  [EscalationErrorCode.NotFound]: 'not_found',
  [EscalationErrorCode.NotFailed]: 'conflict',
}) {}

// What the people responsible can see and do about escalation mails: list them (failed ones
// especially) and send a failed one again.
@Injectable()
export class EscalationsService {
  constructor(
    private readonly db: Database,
    private readonly repo: EscalationsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(actor: Actor, status: EscalationStatus | null): Promise<{ escalation: Escalation; reference: string }[]> {
    const { entities, raw } = await this.db.read((m) => this.repo.listForOrganization(m, actor.organizationId, status, 500));
    return entities.map((escalation, i) => ({ escalation, reference: (raw[i] as { i_reference: string }).i_reference }));
  }

  async retry(actor: Actor, id: string): Promise<Escalation> {
    return this.db.transaction(async (tx) => {
      const row = await this.repo.findForOrganization(tx, actor.organizationId, id);
      if (!row) throw new EscalationError(EscalationErrorCode.NotFound, `No escalation ${id}.`);
      if (row.status !== 'failed')
        throw new EscalationError(EscalationErrorCode.NotFailed, `The escalation is ${row.status}; only failed ones are sent again.`);
      await this.repo.requeue(tx, id, this.clock.now());
      await this.audit.record(tx, auditActorOf(actor), {
        action: 'escalation.requeued',
        entityType: 'escalation',
        entityId: id,
        incidentId: row.incidentId,
        changes: { status: { from: 'failed', to: 'pending' } },
      });
      return (await this.repo.findById(tx, id))!;
    });
  }
}
