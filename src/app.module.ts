import { DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { EscalationsModule } from './escalations/escalations.module';
import { EvidenceModule } from './evidence/evidence.module';
import { AssessmentsModule } from './assessments/assessments.module';
import { AuthoritiesModule } from './authorities/authorities.module';
import { AuditModule } from './audit/audit.module';
import { ContractsModule } from './contracts/contracts.module';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { IdentityModule } from './identity/identity.module';
import { IncidentsModule } from './incidents/incidents.module';
import { RegisterModule } from './register/register.module';
import { NotificationsModule } from './notifications/notifications.module';
import { ObligationsModule } from './obligations/obligations.module';
import { OffboardingModule } from './offboarding/offboarding.module';
import { WebModule } from './web/web.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { PlatformModule, PlatformParts } from './platform/platform.module';

@Module({})
export class AppModule {
  static forRoot(parts: PlatformParts): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ScheduleModule.forRoot(),
        PlatformModule.forRoot(parts),
        AuthoritiesModule,
        AuditModule,
        IdentityModule,
        ContractsModule,
        DeadlinesModule,
        ObligationsModule,
        IncidentsModule,
        AssessmentsModule,
        NotificationsModule,
        RegisterModule,
        EvidenceModule,
        EscalationsModule,
        WebhooksModule,
        OffboardingModule,
        WebModule,
      ],
    };
  }
}
