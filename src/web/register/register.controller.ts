import { Get, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { registerCsv } from '../../register/dto/register-csv.response';
import { RegisterService } from '../../register/register.service';
import { SessionGuard } from '../shared/session.guard';
import { SignedInUser } from '../shared/sessions.service';
import { SignedIn } from '../shared/signed-in.decorator';
import { ViewsService } from '../shared/views.service';
import { page } from '../shared/web-answer';
import { WebPages } from '../shared/web-pages.decorator';
import { registerCsvName, registerModel } from './register.view-model';

// The register is the controller DPO's (Art. 33(5)); others get 403.
@WebPages()
@UseGuards(SessionGuard)
export class RegisterPageController {
  constructor(
    private readonly registers: RegisterService,
    private readonly views: ViewsService,
  ) {}

  @Get('register')
  async register(@SignedIn() signedIn: SignedInUser) {
    if (signedIn.actor.role !== 'controller_dpo') return page(403, 'Forbidden.');
    const { entries } = await this.registers.entries(signedIn.actor);
    return page(200, this.views.page('register', signedIn, registerModel(signedIn.actor, entries)));
  }

  @Get('register.csv')
  async csv(@SignedIn() signedIn: SignedInUser, @Res({ passthrough: true }) reply: FastifyReply) {
    if (signedIn.actor.role !== 'controller_dpo') return page(403, 'Forbidden.');
    const { generatedAt, entries } = await this.registers.entries(signedIn.actor);
    reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${registerCsvName(generatedAt)}"`);
    return registerCsv(entries);
  }
}
