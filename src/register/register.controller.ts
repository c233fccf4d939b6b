import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Actor } from '../identity/domain/actor';
import { CurrentActor, Roles } from '../identity/auth.guard';
import { registerCsv } from './dto/register-csv.response';
import { toRegisterEntryResponse } from './dto/register-entry.response';
import { RegisterService } from './register.service';
import { RegisterQuery } from './dto/register-query.dto';

@Controller('api/v1/register')
@Roles('controller_dpo')
export class RegisterController {
  constructor(private readonly register: RegisterService) {}

  // JSON by default; ?format=csv (or Accept: text/csv) for spreadsheet programs.
  @Get()
  async list(
    @CurrentActor() actor: Actor,
    @Query() query: RegisterQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { generatedAt, entries } = await this.register.entries(actor);
    const csv = query.format === 'csv' || (!query.format && /text\/csv/.test(accept ?? ''));
    if (csv) {
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="breach-register-${generatedAt.toISOString().slice(0, 10)}.csv"`);
      return registerCsv(entries);
    }
    return {
      generatedAt: generatedAt.toISOString(),
      items: entries.map((e) => toRegisterEntryResponse(e, actor)),
    };
  }

  // Counts by cause and type, median hours from awareness to the authority, share on time.
  @Get('stats')
  async stats(@CurrentActor() actor: Actor) {
    const s = await this.register.stats(actor);
    return { ...s, generatedAt: s.generatedAt.toISOString() };
  }
}
