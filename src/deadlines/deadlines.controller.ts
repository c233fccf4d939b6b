import { Controller, Get, Query } from '@nestjs/common';
import { Actor } from '../identity/domain/actor';
import { CurrentActor, Roles } from '../identity/auth.guard';
import { OpenDuties } from '../obligations/open-duties.service';
import { parseWithin } from './domain/within';
import { DeadlinesQuery } from './dto/deadlines-query.dto';
import { toOpenDutyResponse } from './dto/open-duty.response';

@Controller('api/v1/deadlines')
export class DeadlinesController {
  constructor(private readonly openDuties: OpenDuties) {}

  // The open obligations of the caller's organization, soonest deadline first, then those without
  // a fixed deadline ("open since"); docs/api.md.
  @Get()
  @Roles('controller_dpo', 'processor_staff', 'org_admin')
  async list(@CurrentActor() actor: Actor, @Query() query: DeadlinesQuery) {
    const items = await this.openDuties.openFor(actor, {
      withinMs: query.within ? parseWithin(query.within) : null,
      limit: query.limit ?? 100,
    });
    return { items: items.map((d) => toOpenDutyResponse(d, actor)) };
  }
}
