import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CurrentActor, Roles } from '../../identity/auth.guard';
import { Actor } from '../../identity/domain/actor';
import { uuidParam as uuid } from '../../platform/http/uuid.pipe';
import { CreateBatchDto, PatchBatchDto } from './dto/create-batch.dto';
import { toIncidentBatchResponse } from './dto/incident-batch.response';
import { IncidentBatchDrafts } from './incident-batch-drafts.service';
import { IncidentBatches } from './incident-batches.service';

// One processor breach filed for many contracts (docs/api.md, "Batches").
@Controller('api/v1/incidents/batches')
export class IncidentBatchesController {
  constructor(
    private readonly batches: IncidentBatches,
    private readonly drafts: IncidentBatchDrafts,
  ) {}

  @Post()
  @HttpCode(202)
  @Roles('processor_staff', 'org_admin')
  async create(@CurrentActor() actor: Actor, @Body() body: CreateBatchDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const batch = await this.batches.create(actor, body);
    reply.header('location', `/api/v1/incidents/batches/${batch.id}`);
    return toIncidentBatchResponse(batch);
  }

  // The organization's draft batches: each one draft, whatever the number of contracts it names.
  @Get('drafts')
  async listDrafts(@CurrentActor() actor: Actor) {
    const items = await this.drafts.drafts(actor);
    return { items: items.map((d) => ({ ...d, updatedAt: d.updatedAt.toISOString() })) };
  }

  @Get(':id')
  async get(@CurrentActor() actor: Actor, @Param('id', uuid) id: string) {
    return toIncidentBatchResponse(await this.batches.view(actor, id));
  }

  // Follow-up facts for the reports of a filed batch; while a draft, its facts and selection.
  @Patch(':id')
  @Roles('processor_staff', 'org_admin')
  patch(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Body() body: PatchBatchDto) {
    return this.drafts.patch(actor, id, body);
  }

  @Post(':id/submit')
  @HttpCode(202)
  @Roles('processor_staff', 'org_admin')
  async submit(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const batch = await this.drafts.submit(actor, id);
    reply.header('location', `/api/v1/incidents/batches/${batch.id}`);
    return toIncidentBatchResponse(batch);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('processor_staff', 'org_admin')
  async discard(@CurrentActor() actor: Actor, @Param('id', uuid) id: string): Promise<void> {
    await this.drafts.discard(actor, id);
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
