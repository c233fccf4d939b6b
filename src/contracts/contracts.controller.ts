import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { uuidParam as uuid } from '../platform/http/uuid.pipe';
import { EscalationSettingsDto } from './dto/create-contract.dto';
import { Actor } from '../identity/domain/actor';
import { CurrentActor, Roles } from '../identity/auth.guard';
import { auditActorOf } from '../identity/domain/actor';
import { ContractsService } from './contracts.service';
import { toContractResponse } from './dto/contract.response';

@Controller('api/v1/contracts')
export class ContractsController {
  constructor(private readonly contracts: ContractsService) {}

  // The DPAs the caller's organization is party to: processor staff need the id to file a report.
  @Get()
  async list(@CurrentActor() actor: Actor) {
    const items = await this.contracts.listFor(actor);
    return { items: items.map(toContractResponse) };
  }

  // When to warn before each deadline of incidents under this contract, and the deputies.
  @Put(':id/escalation')
  @Roles('controller_dpo', 'org_admin')
  async escalation(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Body() body: EscalationSettingsDto) {
    return toContractResponse(await this.contracts.updateEscalation(actor, id, body, auditActorOf(actor)));
  }
}
