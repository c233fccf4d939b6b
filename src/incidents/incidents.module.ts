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
import { FilingGroups } from './filing-groups';
import { IncidentBatchDrafts } from './batches/incident-batch-drafts.service';
import { IncidentBatchRunner } from './batches/incident-batch.runner';
import { BatchChunkFailures } from './batches/incident-batch.failures';
import { IncidentBatchesController } from './batches/incident-batches.controller';
import { IncidentBatchesRepository } from './batches/incident-batches.repository';
import { IncidentBatches } from './batches/incident-batches.service';

@Module({
  imports: [AuditModule, ContractsModule, ObligationsModule],
  controllers: [IncidentBatchesController, IncidentsController],
  providers: [
    IncidentsService,
    IncidentStatusService,
    IncidentQueries,
    FilingGroups,
    IncidentChanges,
    IncidentsRepository,
    IncidentBatches,
    IncidentBatchDrafts,
    IncidentBatchesRepository,
    IncidentBatchRunner,
    BatchChunkFailures,
  ],
  exports: [IncidentsService, IncidentStatusService, IncidentQueries, IncidentBatches, IncidentBatchDrafts],
})
export class IncidentsModule {}
