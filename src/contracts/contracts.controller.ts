import { Body, Controller, Get, HttpCode, Param, Post, Put, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ValidationError } from '../platform/http/domain-error';
import { uuidParam as uuid } from '../platform/http/uuid.pipe';
import { EscalationSettingsDto } from './dto/create-contract.dto';
import { Actor } from '../identity/domain/actor';
import { CurrentActor, Roles } from '../identity/auth.guard';
import { auditActorOf } from '../identity/domain/actor';
import { ContractsService } from './contracts.service';
import { ContractImportService } from './contract-import.service';
import { toContractResponse } from './dto/contract.response';
import { toContractImportResponse } from './dto/contract-import.response';

@Controller('api/v1/contracts')
export class ContractsController {
  constructor(
    private readonly contracts: ContractsService,
    private readonly imports: ContractImportService,
  ) {}

  // The DPAs the caller's organization is party to: processor staff need the id to file a report.
  @Get()
  async list(@CurrentActor() actor: Actor) {
    const items = await this.contracts.listFor(actor);
    return { items: items.map(toContractResponse) };
  }

  // The processor's org admin imports its contracts from a CSV file (text/csv): all or nothing.
  @Post('import')
  @HttpCode(200)
  @Roles('org_admin')
  async import(@CurrentActor() actor: Actor, @Req() request: FastifyRequest) {
    const type = String(request.headers['content-type'] ?? '')
      .split(';')[0]
      .trim()
      .toLowerCase();
    if (type !== 'text/csv' || typeof request.body !== 'string')
      throw new ValidationError([{ path: 'Content-Type', message: 'must be text/csv (the file as the body)' }]);
    return toContractImportResponse(await this.imports.importFor(actor, request.body, auditActorOf(actor)));
  }

  // When to warn before each deadline of incidents under this contract, and the deputies.
  @Put(':id/escalation')
  @Roles('controller_dpo', 'org_admin')
  async escalation(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Body() body: EscalationSettingsDto) {
    return toContractResponse(await this.contracts.updateEscalation(actor, id, body, auditActorOf(actor)));
  }
}
