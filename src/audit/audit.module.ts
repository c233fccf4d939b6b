import { Module } from '@nestjs/common';
import { AuditObservers } from './audit-observers.service';
import { AuditService } from './audit.service';

@Module({ providers: [AuditService, AuditObservers], exports: [AuditService, AuditObservers] })
export class AuditModule {}
