import { Module } from '@nestjs/common';
import { ClockObservers } from './clock-observers.service';
import { DeadlinesController } from './deadlines.controller';
import { DeadlinesRepository } from './deadlines.repository';
import { DeadlinesService } from './deadlines.service';

@Module({
  controllers: [DeadlinesController],
  providers: [DeadlinesService, DeadlinesRepository, ClockObservers],
  exports: [DeadlinesService, ClockObservers],
})
export class DeadlinesModule {}
