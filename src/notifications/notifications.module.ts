import { Module } from '@nestjs/common';
import { AssessmentsModule } from '../assessments/assessments.module';
import { AuditModule } from '../audit/audit.module';
import { AuthoritiesModule } from '../authorities/authorities.module';
import { IncidentsModule } from '../incidents/incidents.module';
import { ObligationsModule } from '../obligations/obligations.module';
import { NotificationDraftsService } from './notification-drafts.service';
import { NotificationsController } from './notifications.controller';
import { ObligationDraftsController } from './obligation-drafts.controller';
import { ObligationDraftsService } from './obligation-drafts.service';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';

@Module({
  imports: [AuditModule, AuthoritiesModule, AssessmentsModule, IncidentsModule, ObligationsModule],
  controllers: [NotificationsController, ObligationDraftsController],
  providers: [NotificationsService, NotificationDraftsService, ObligationDraftsService, NotificationsRepository],
  exports: [NotificationsService, NotificationDraftsService, ObligationDraftsService],
})
export class NotificationsModule {}
