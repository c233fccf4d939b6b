import { Controller, Get, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Actor } from '../identity/domain/actor';
import { CurrentActor, Roles } from '../identity/auth.guard';
import { uuidParam as uuid } from '../platform/http/uuid.pipe';
import { EvidenceService } from './evidence.service';

// One download per incident for an auditor or an authority (docs/operations.md "Evidence bundle").
@Controller('api/v1/incidents/:id/evidence')
export class IncidentEvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  @Get()
  @Roles('controller_dpo', 'processor_staff')
  async download(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const { reference, bundle } = await this.evidence.signed(actor, id, `user:${actor.email}`);
    reply.header('content-disposition', `attachment; filename="evidence-${reference}.json"`);
    return bundle;
  }
}
