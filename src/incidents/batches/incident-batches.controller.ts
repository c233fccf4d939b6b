import { Body, Controller, Get, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CurrentActor, Roles } from '../../identity/auth.guard';
import { Actor } from '../../identity/domain/actor';
import { uuidParam as uuid } from '../../platform/http/uuid.pipe';
import { UpdateIncidentDto } from '../dto/update-incident.dto';
import { CreateBatchDto } from './dto/create-batch.dto';
import { toIncidentBatchResponse } from './dto/incident-batch.response';
import { IncidentBatches } from './incident-batches.service';

// One processor breach filed for many contracts (docs/api.md, "Batches").
@Controller('api/v1/incidents/batches')
export class IncidentBatchesController {
  constructor(private readonly batches: IncidentBatches) {}

  @Post()
  @HttpCode(202)
  @Roles('processor_staff', 'org_admin')
  async create(@CurrentActor() actor: Actor, @Body() body: CreateBatchDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const batch = await this.batches.create(actor, body);
    reply.header('location', `/api/v1/incidents/batches/${batch.id}`);
    return toIncidentBatchResponse(batch);
  }

  @Get(':id')
  async get(@CurrentActor() actor: Actor, @Param('id', uuid) id: string) {
    return toIncidentBatchResponse(await this.batches.view(actor, id));
  }

  @Patch(':id')
  @Roles('processor_staff')
  followUp(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Body() body: UpdateIncidentDto) {
    return this.batches.followUp(actor, id, body);
  }

  @Post(':id/resume')
  @HttpCode(202)
  @Roles('processor_staff', 'org_admin')
  async resume(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const batch = await this.batches.resume(actor, id);
    reply.header('location', `/api/v1/incidents/batches/${batch.id}`);
    return toIncidentBatchResponse(batch);
  }
}
