import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { IdentityModule } from '../identity/identity.module';
import { IncidentsModule } from '../incidents/incidents.module';
import { ObligationsModule } from '../obligations/obligations.module';
import { Acknowledgements } from './acknowledgements.service';
import { Digests } from './digests.service';
import { DigestsRepository } from './digests.repository';
import { EscalationDispatcher } from './escalation-dispatcher.service';
import { EscalationPlanner } from './escalation-planner.service';
import { EscalationScheduler } from './escalation.scheduler';
import { EscalationsController } from './escalations.controller';
import { EscalationsRepository } from './escalations.repository';
import { EscalationsService } from './escalations.service';

@Module({
  imports: [AuditModule, IdentityModule, IncidentsModule, ObligationsModule],
  controllers: [EscalationsController],
  providers: [
    EscalationsRepository,
    DigestsRepository,
    EscalationPlanner,
    EscalationDispatcher,
    EscalationScheduler,
    Acknowledgements,
    Digests,
    EscalationsService,
  ],
  exports: [EscalationDispatcher, Digests],
})
export class EscalationsModule {}
