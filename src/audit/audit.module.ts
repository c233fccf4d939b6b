import { Module } from '@nestjs/common';
import { AuditErasureService } from './audit-erasure.service';
import { AuditObservers } from './audit-observers.service';
import { AuditService } from './audit.service';

@Module({
  providers: [AuditService, AuditObservers, AuditErasureService],
  exports: [AuditService, AuditObservers, AuditErasureService],
})
export class AuditModule {}
