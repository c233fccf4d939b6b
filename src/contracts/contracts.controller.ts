import { Controller, Get } from '@nestjs/common';
import { Actor } from '../identity/actor';
import { CurrentActor } from '../identity/auth.guard';
import { Contract } from './contract.entity';
import { ContractsService } from './contracts.service';

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
}
