import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { uuidParam as uuid } from '../platform/http/uuid-param';
import { EscalationSettingsDto } from './dto/create-contract.dto';
import { Actor } from '../identity/actor';
import { CurrentActor, Roles } from '../identity/auth.guard';
import { auditActorOf } from '../identity/actor';
import { Contract } from './contract.entity';
import { ContractsService } from './contracts.service';
import { DEFAULT_MILESTONES, durationText } from './domain/escalation-settings';

export function toContractResponse(c: Contract) {
  return {
    id: c.id,
    reference: c.reference,
    controller: c.controller ? { id: c.controller.id, slug: c.controller.slug, name: c.controller.name } : { id: c.controllerId },
    processor: c.processor ? { id: c.processor.id, slug: c.processor.slug, name: c.processor.name } : { id: c.processorId },
    signedOn: c.signedOn,
    processorNoticeHours: c.processorNoticeHours,
    dataCategories: c.dataCategories,
    subjectCategories: c.subjectCategories,
    subProcessors: c.subProcessors,
    escalationContacts: c.escalationContacts,
    escalation: {
      milestones: (c.escalationMilestones ?? DEFAULT_MILESTONES).map(durationText),
      deputies: c.deputyContacts,
      deputiesAfter: durationText(c.deputyAfterMinutes),
    },
  };
}

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
