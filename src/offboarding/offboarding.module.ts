import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { IdentityModule } from '../identity/identity.module';
import { OrganizationDeletionService } from './organization-deletion.service';
import { OrganizationExportService } from './organization-export.service';
import { RetentionScheduler } from './retention.scheduler';
import { RetentionService } from './retention.service';

// Tenant offboarding (export, deletion) and retention of closed incidents (docs/offboarding.md).
@Module({
  imports: [AuditModule, IdentityModule],
  providers: [OrganizationExportService, OrganizationDeletionService, RetentionService, RetentionScheduler],
  exports: [OrganizationExportService, OrganizationDeletionService, RetentionService],
})
export class OffboardingModule {}
