import { Module } from '@nestjs/common';
import { AssessmentsModule } from '../assessments/assessments.module';
import { AuthoritiesModule } from '../authorities/authorities.module';
import { RegisterModule } from '../register/register.module';
import { ContractsModule } from '../contracts/contracts.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { IncidentsModule } from '../incidents/incidents.module';
import { IdentityModule } from '../identity/identity.module';
import { Sessions } from './sessions';
import { Views } from './views';
import { WebController } from './web.controller';

// Server-rendered pages; they call the same services as the API (no second path around tenancy).
@Module({
  imports: [
    IdentityModule,
    DeadlinesModule,
    IncidentsModule,
    ContractsModule,
    AssessmentsModule,
    NotificationsModule,
    AuthoritiesModule,
    RegisterModule,
  ],
  controllers: [WebController],
  providers: [Sessions, Views],
})
export class WebModule {}
