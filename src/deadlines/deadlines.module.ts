import { Module } from '@nestjs/common';
import { DeadlinesController } from './deadlines.controller';
import { DeadlinesRepository } from './deadlines.repository';
import { DeadlinesService } from './deadlines.service';

@Module({
  controllers: [DeadlinesController],
  providers: [DeadlinesService, DeadlinesRepository],
  exports: [DeadlinesService],
})
export class DeadlinesModule {}
