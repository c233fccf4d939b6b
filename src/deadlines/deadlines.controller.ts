import { Controller, Get, Query } from '@nestjs/common';
import { Actor } from '../identity/domain/actor';
import { CurrentActor, Roles } from '../identity/auth.guard';
import { toZonedIso } from '../platform/clock/zoned-time';
import { parseWithin } from './domain/deadline-rules';
import { DeadlinesService } from './deadlines.service';
import { DeadlinesQuery } from './dto/deadlines-query.dto';

@Controller('api/v1/deadlines')
export class DeadlinesController {
  constructor(private readonly deadlines: DeadlinesService) {}

  @Get()
  @Roles('controller_dpo', 'processor_staff', 'org_admin')
  async list(@CurrentActor() actor: Actor, @Query() query: DeadlinesQuery) {
    const items = await this.deadlines.openFor(actor, query.within ? parseWithin(query.within) : null, query.limit ?? 100);
    return {
      items: items.map((d) => ({
        incidentId: d.incidentId,
        reference: d.reference,
        title: d.title,
        status: d.status,
        kind: d.kind,
        startedAt: d.startedAt.toISOString(),
        dueAt: d.dueAt.toISOString(),
        dueAtLocal: toZonedIso(d.dueAt, actor.timeZone),
        secondsLeft: d.secondsLeft,
        state: d.state,
      })),
    };
  }
}
