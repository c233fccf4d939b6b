import { Module } from '@nestjs/common';
import { AssessmentsModule } from '../assessments/assessments.module';
import { IncidentsModule } from '../incidents/incidents.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { RegisterModule } from '../register/register.module';
import { IncidentEvidenceController } from './evidence.controller';
import { EvidenceService } from './evidence.service';
import { RegisterEvidenceController } from './register-evidence.controller';
import { RegisterEvidenceService } from './register-evidence.service';

@Module({
  imports: [IncidentsModule, AssessmentsModule, NotificationsModule, RegisterModule],
  controllers: [IncidentEvidenceController, RegisterEvidenceController],
  providers: [EvidenceService, RegisterEvidenceService],
  exports: [EvidenceService, RegisterEvidenceService],
})
export class EvidenceModule {}
