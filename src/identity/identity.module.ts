import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuditModule } from '../audit/audit.module';
import { AuthoritiesModule } from '../authorities/authorities.module';
import { AuthGuard } from './auth.guard';
import { IdentityRepository } from './identity.repository';
import { IdentityService } from './identity.service';

@Module({
  imports: [AuditModule, AuthoritiesModule],
  providers: [IdentityService, IdentityRepository, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [IdentityService],
})
export class IdentityModule {}
