import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuditModule } from '../audit/audit.module';
import { AuthoritiesModule } from '../authorities/authorities.module';
import { ApiTokensController } from './api-tokens.controller';
import { ApiTokensService } from './api-tokens.service';
import { AuthGuard } from './auth.guard';
import { IdentityRepository } from './identity.repository';
import { IdentityService } from './identity.service';
import { OrganizationController } from './organization.controller';
import { OrganizationsService } from './organizations.service';
import { UsersController } from './users.controller';
import { PasswordLinksService } from './password-links.service';
import { SingleSignOnService } from './single-sign-on.service';
import { UsersService } from './users.service';
import { WebSessionsRepository } from './web-sessions.repository';
import { WebSessionsService } from './web-sessions.service';

@Module({
  imports: [AuditModule, AuthoritiesModule],
  controllers: [ApiTokensController, UsersController, OrganizationController],
  providers: [
    IdentityService,
    UsersService,
    OrganizationsService,
    ApiTokensService,
    PasswordLinksService,
    SingleSignOnService,
    IdentityRepository,
    WebSessionsRepository,
    WebSessionsService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [
    IdentityService,
    OrganizationsService,
    ApiTokensService,
    WebSessionsService,
    UsersService,
    PasswordLinksService,
    SingleSignOnService,
  ],
})
export class IdentityModule {}
