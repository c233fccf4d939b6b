import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ContractsModule } from '../contracts/contracts.module';
import { ObligationsModule } from '../obligations/obligations.module';
import { IncidentsController } from './incidents.controller';
import { IncidentsRepository } from './incidents.repository';
import { IncidentsService } from './incidents.service';
import { IncidentStatusService } from './incident-status.service';
import { IncidentChanges } from './incident-changes.service';
import { IncidentQueries } from './incident-queries.service';

@Module({
  imports: [AuditModule, ContractsModule, ObligationsModule],
  controllers: [IncidentsController],
  providers: [IncidentsService, IncidentStatusService, IncidentQueries, IncidentChanges, IncidentsRepository],
  exports: [IncidentsService, IncidentStatusService, IncidentQueries],
})
export class IncidentsModule {}
