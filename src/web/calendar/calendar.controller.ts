import { Get, Post, Query, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AppConfig } from '../../config/app-config';
import { CalendarFeedService } from '../../deadlines/calendar-feed.service';
import { OpenDuties } from '../../obligations/open-duties.service';
import { Clock } from '../../platform/clock/clock';
import { CsrfGuard } from '../shared/csrf.guard';
import { SessionGuard } from '../shared/session.guard';
import { SignedInUser } from '../shared/sessions.service';
import { SignedIn } from '../shared/signed-in.decorator';
import { seeOther } from '../shared/web-answer';
import { WebPages } from '../shared/web-pages.decorator';
import { calendarModel } from './calendar.view-model';
import { toICalendar } from './icalendar';

// The organization's open obligations with a deadline for calendar apps, at the user's secret address (calendar-feed.service.ts).
@WebPages()
export class CalendarController {
  constructor(
    private readonly calendarFeed: CalendarFeedService,
    private readonly openDuties: OpenDuties,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  @Get('deadlines.ics')
  async feed(@Query('u') userId: string | undefined, @Query('k') key: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    const actor = await this.calendarFeed.subscriber(userId, key);
    if (!actor) {
      reply.status(404).header('content-type', 'text/plain; charset=utf-8');
      return 'not found';
    }
    const { name, events } = calendarModel(
      actor.locale,
      await this.openDuties.openFor(actor, { limit: 500, dated: true }),
      this.config.publicUrl,
    );
    reply.header('content-type', 'text/calendar; charset=utf-8').header('cache-control', 'no-store');
    return toICalendar(name, events, this.clock.now());
  }

  // A leaked address is replaced from the board: the user's generation moves on, the old key fails.
  @Post('calendar-feed')
  @UseGuards(SessionGuard, CsrfGuard)
  async renew(@SignedIn() signedIn: SignedInUser) {
    await this.calendarFeed.renew(signedIn.actor);
    return seeOther('/#calendar-feed');
  }
}
