import { Module } from '@nestjs/common';
import { AssessmentsModule } from '../assessments/assessments.module';
import { AuthoritiesModule } from '../authorities/authorities.module';
import { ContractsModule } from '../contracts/contracts.module';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { IdentityModule } from '../identity/identity.module';
import { IncidentsModule } from '../incidents/incidents.module';
import { ObligationsModule } from '../obligations/obligations.module';
import { OffboardingModule } from '../offboarding/offboarding.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { RegisterModule } from '../register/register.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { AdminPagesController } from './admin/admin.controller';
import { AdminOrganizationPageController } from './admin/admin-organization.controller';
import { AdminWebhooksPageController } from './admin/admin-webhooks.controller';
import { AdminContractsPagesController } from './admin/admin-contracts.controller';
import { PasswordPagesController } from './password/password-pages.controller';
import { AuthoritiesPageController } from './authorities/authorities.controller';
import { BoardController } from './board/board.controller';
import { CalendarController } from './calendar/calendar.controller';
import { DraftsController } from './drafts/drafts.controller';
import { ObligationDraftsPageController } from './drafts/obligation-drafts.controller';
import { IncidentController } from './incident/incident.controller';
import { IntakeController } from './intake/intake.controller';
import { BatchFormPage } from './batches/batch-form-page';
import { IncidentBatchDraftPagesController } from './batches/incident-batch-draft-pages.controller';
import { IncidentBatchPagesController } from './batches/incident-batch-pages.controller';
import { OffboardingPagesController } from './offboarding/offboarding-pages.controller';
import { LoginController } from './login/login.controller';
import { OidcClientService } from './login/oidc-client.service';
import { SsoController } from './login/sso.controller';
import { RegisterPageController } from './register/register.controller';
import { SettingsController } from './settings/settings.controller';
import { CsrfGuard } from './shared/csrf.guard';
import { SessionGuard } from './shared/session.guard';
import { SessionsService } from './shared/sessions.service';
import { SsoFlowsService } from './shared/sso-flows.service';
import { ViewsService } from './shared/views.service';
import { WebExceptionFilter } from './shared/web-exception.filter';

// Server-rendered pages, one folder per page; they call the same services as the API (no second
// path around tenancy). The session and CSRF guards, the @SignedIn() decorator and the exception
// filter (web/shared/) do what every handler needs.
@Module({
  imports: [
    IdentityModule,
    DeadlinesModule,
    IncidentsModule,
    ContractsModule,
    AssessmentsModule,
    NotificationsModule,
    ObligationsModule,
    AuthoritiesModule,
    RegisterModule,
    WebhooksModule,
    OffboardingModule,
  ],
  controllers: [
    LoginController,
    SsoController,
    BoardController,
    IntakeController,
    IncidentBatchPagesController,
    IncidentBatchDraftPagesController,
    IncidentController,
    DraftsController,
    ObligationDraftsPageController,
    RegisterPageController,
    SettingsController,
    AuthoritiesPageController,
    CalendarController,
    AdminPagesController,
    AdminOrganizationPageController,
    AdminWebhooksPageController,
    AdminContractsPagesController,
    PasswordPagesController,
    OffboardingPagesController,
  ],
  providers: [
    SessionsService,
    SsoFlowsService,
    OidcClientService,
    ViewsService,
    SessionGuard,
    CsrfGuard,
    WebExceptionFilter,
    BatchFormPage,
  ],
})
export class WebModule {}
