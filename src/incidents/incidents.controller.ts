import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { uuidParam as uuid } from '../platform/http/uuid.pipe';
import type { FastifyReply } from 'fastify';
import { Actor } from '../identity/domain/actor';
import { CurrentActor, Roles } from '../identity/auth.guard';
import { ValidationError } from '../platform/http/domain-error';
import { toObligationResponse } from '../obligations/dto/obligation.response';
import { CreateIncidentDto } from './dto/create-incident.dto';
import { decodeCursor, encodeCursor } from './dto/incident-cursor';
import { toAuditEventResponse, toIncidentResponse } from './dto/incident.response';
import { UpdateIncidentDto } from './dto/update-incident.dto';
import { IncidentsService } from './incidents.service';
import { IncidentQueries } from './incident-queries.service';
import { IncidentStatusService } from './incident-status.service';
import { ChangeStatusDto } from './dto/change-status.dto';
import { ListIncidentsQuery } from './dto/list-incidents-query.dto';
import { ReopenDto } from './dto/reopen.dto';

// If-Match: "7", W/"7" or 7 → 7; absent → null; anything else → 400.
function parseIfMatch(header: string | undefined): number | null {
  if (header === undefined) return null;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match) throw new ValidationError([{ path: 'If-Match', message: 'must be the incident version, e.g. "3"' }]);
  return Number(match[1]);
}

@Controller('api/v1/incidents')
export class IncidentsController {
  constructor(
    private readonly incidents: IncidentsService,
    private readonly queries: IncidentQueries,
    private readonly statuses: IncidentStatusService,
  ) {}

  @Post()
  @Roles('processor_staff', 'controller_dpo')
  async create(@CurrentActor() actor: Actor, @Body() body: CreateIncidentDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const view = await this.incidents.create(actor, body);
    reply.status(201).header('etag', `"${view.incident.version}"`).header('location', `/api/v1/incidents/${view.incident.id}`);
    return toIncidentResponse(view, actor.timeZone, actor.organizationId);
  }

  @Get()
  async list(@CurrentActor() actor: Actor, @Query() query: ListIncidentsQuery) {
    const page = await this.queries.list(actor, {
      limit: query.limit ?? 25,
      after: query.cursor ? decodeCursor(query.cursor) : undefined,
      batchId: query.batch,
    });
    return {
      items: page.items.map((view) => toIncidentResponse(view, actor.timeZone, actor.organizationId)),
      nextCursor: page.next ? encodeCursor(page.next.createdAt, page.next.id) : null,
    };
  }

  @Get(':id')
  async get(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const view = await this.queries.view(actor, id);
    reply.header('etag', `"${view.incident.version}"`);
    return toIncidentResponse(view, actor.timeZone, actor.organizationId);
  }

  @Patch(':id')
  @Roles('processor_staff', 'controller_dpo')
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', uuid) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateIncidentDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const view = await this.incidents.update(actor, id, parseIfMatch(ifMatch), body);
    reply.header('etag', `"${view.incident.version}"`);
    return toIncidentResponse(view, actor.timeZone, actor.organizationId);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @Roles('processor_staff')
  async submit(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const view = await this.incidents.submit(actor, id);
    reply.header('etag', `"${view.incident.version}"`);
    return toIncidentResponse(view, actor.timeZone, actor.organizationId);
  }

  @Post(':id/status')
  @HttpCode(200)
  @Roles('controller_dpo')
  async changeStatus(
    @CurrentActor() actor: Actor,
    @Param('id', uuid) id: string,
    @Body() body: ChangeStatusDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const view = await this.statuses.change(actor, id, body.status, body.reason?.trim() || null);
    reply.header('etag', `"${view.incident.version}"`);
    return toIncidentResponse(view, actor.timeZone, actor.organizationId);
  }

  // The incident's duties the caller's side may see (the processor: its report to the controller).
  @Get(':id/obligations')
  async obligations(@CurrentActor() actor: Actor, @Param('id', uuid) id: string) {
    const view = await this.incidents.view(actor, id);
    return { items: view.obligations.map((o) => toObligationResponse(o, actor.timeZone)) };
  }

  @Post(':id/reopen')
  @HttpCode(200)
  @Roles('controller_dpo')
  async reopen(
    @CurrentActor() actor: Actor,
    @Param('id', uuid) id: string,
    @Body() body: ReopenDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const view = await this.statuses.reopen(actor, id, body.awareAt, body.reason);
    reply.header('etag', `"${view.incident.version}"`);
    return toIncidentResponse(view, actor.timeZone, actor.organizationId);
  }

  @Get(':id/audit')
  async audit(@CurrentActor() actor: Actor, @Param('id', uuid) id: string) {
    const events = await this.queries.auditTrail(actor, id);
    return { items: events.map(toAuditEventResponse) };
  }
}
