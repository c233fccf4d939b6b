import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { CalendarFeedService } from './calendar-feed.service';
import { ClockObservers } from './clock-observers.service';
import { DeadlinesController } from './deadlines.controller';
import { DeadlinesRepository } from './deadlines.repository';
import { DeadlinesService } from './deadlines.service';

@Module({
  imports: [IdentityModule],
  controllers: [DeadlinesController],
  providers: [DeadlinesService, DeadlinesRepository, ClockObservers, CalendarFeedService],
  exports: [DeadlinesService, ClockObservers, CalendarFeedService],
})
export class DeadlinesModule {}
