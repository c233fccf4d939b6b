import { Controller, Get, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Actor } from '../identity/domain/actor';
import { CurrentActor, Roles } from '../identity/auth.guard';
import { RegisterEvidenceQuery } from './dto/register-evidence-query.dto';
import { RegisterEvidenceService } from './register-evidence.service';

// The register of a period with every incident's evidence bundle (docs/operations.md "Register
// bundle"). The register is the controller's (Art. 33(5)): its DPOs and org admins; processor staff 403.
@Controller('api/v1/register/evidence')
export class RegisterEvidenceController {
  constructor(private readonly evidence: RegisterEvidenceService) {}

  @Get()
  @Roles('controller_dpo', 'org_admin')
  async download(@CurrentActor() actor: Actor, @Query() query: RegisterEvidenceQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    const bundle = await this.evidence.bundle(actor, query.from, query.to, `user:${actor.email}`);
    reply.header('content-disposition', `attachment; filename="register-evidence-${bundle.period.from}-${bundle.period.to}.json"`);
    return bundle;
  }
}
