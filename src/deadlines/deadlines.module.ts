import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { ObligationsModule } from '../obligations/obligations.module';
import { CalendarFeedService } from './calendar-feed.service';
import { DeadlinesController } from './deadlines.controller';

// The reading side of deadlines: GET /deadlines (the open duties of the caller's organization, read
// by obligations/open-duties.service.ts), its `within` filter, the urgency bands of the board and the
// calendar feed's address. It stores nothing of its own.
@Module({
  imports: [IdentityModule, ObligationsModule],
  controllers: [DeadlinesController],
  providers: [CalendarFeedService],
  exports: [CalendarFeedService],
})
export class DeadlinesModule {}
