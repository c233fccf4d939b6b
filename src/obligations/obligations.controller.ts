import { Body, Controller, HttpCode, Param, Post, Put } from '@nestjs/common';
import { Actor } from '../identity/domain/actor';
import { CurrentActor, Roles } from '../identity/auth.guard';
import { uuidParam as uuid } from '../platform/http/uuid.pipe';
import { ClassificationsService } from './classifications.service';
import { DoraClassificationDto, Nis2ClassificationDto } from './dto/classification.dto';
import { toObligationResponse } from './dto/obligation.response';
import { WaiveObligationDto } from './dto/waive-obligation.dto';
import { ObligationsService } from './obligations.service';

@Controller('api/v1')
export class ObligationsController {
  constructor(
    private readonly obligations: ObligationsService,
    private readonly classifications: ClassificationsService,
  ) {}

  @Post('obligations/:id/waive')
  @HttpCode(200)
  @Roles('controller_dpo')
  async waive(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Body() body: WaiveObligationDto) {
    return toObligationResponse(await this.obligations.waive(actor, id, body.reason), actor.timeZone);
  }

  @Put('incidents/:id/classifications/nis2')
  @Roles('controller_dpo')
  async nis2(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Body() body: Nis2ClassificationDto) {
    const items = await this.classifications.classifyNis2(actor, id, body);
    return { items: items.map((o) => toObligationResponse(o, actor.timeZone)) };
  }

  @Put('incidents/:id/classifications/dora')
  @Roles('controller_dpo')
  async dora(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Body() body: DoraClassificationDto) {
    const items = await this.classifications.classifyDora(actor, id, body);
    return { items: items.map((o) => toObligationResponse(o, actor.timeZone)) };
  }
}
