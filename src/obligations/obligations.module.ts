import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AuthoritiesModule } from '../authorities/authorities.module';
import { ClassificationsService } from './classifications.service';
import { ObligationsController } from './obligations.controller';
import { ObligationsRepository } from './obligations.repository';
import { ObligationsService } from './obligations.service';
import { ObligationObservers } from './obligation-observers.service';
import { OpenDutiesRepository } from './open-duties.repository';
import { OpenDuties } from './open-duties.service';

@Module({
  imports: [AuditModule, AuthoritiesModule],
  controllers: [ObligationsController],
  providers: [ObligationsService, ClassificationsService, ObligationsRepository, ObligationObservers, OpenDuties, OpenDutiesRepository],
  exports: [ObligationsService, ObligationObservers, OpenDuties],
})
export class ObligationsModule {}
