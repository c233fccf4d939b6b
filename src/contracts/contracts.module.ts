import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { IdentityModule } from '../identity/identity.module';
import { ContractsController } from './contracts.controller';
import { ContractsRepository } from './contracts.repository';
import { ContractsService } from './contracts.service';
import { ContractImportRepository } from './contract-import.repository';
import { ContractImportService } from './contract-import.service';

@Module({
  imports: [AuditModule, IdentityModule],
  controllers: [ContractsController],
  providers: [ContractsService, ContractsRepository, ContractImportService, ContractImportRepository],
  exports: [ContractsService, ContractImportService],
})
export class ContractsModule {}
