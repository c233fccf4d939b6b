import { Module } from '@nestjs/common';
import { AssessmentsModule } from '../assessments/assessments.module';
import { IncidentsModule } from '../incidents/incidents.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { IncidentEvidenceController } from './evidence.controller';
import { EvidenceService } from './evidence.service';

@Module({
  imports: [IncidentsModule, AssessmentsModule, NotificationsModule],
  controllers: [IncidentEvidenceController],
  providers: [EvidenceService],
  exports: [EvidenceService],
})
export class EvidenceModule {}
