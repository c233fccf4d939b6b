import { Body, Controller, Get, Patch } from '@nestjs/common';
import { CurrentActor, Roles } from './auth.guard';
import { Actor } from './domain/actor';
import { toOrganizationResponse } from './dto/organization.response';
import { UpdateOrganizationDto } from './dto/update-organization.dto';
import { OrganizationsService } from './organizations.service';

// The caller's own organization: every user reads it, its org admins change it.
@Controller('api/v1/organization')
export class OrganizationController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Get()
  async get(@CurrentActor() actor: Actor) {
    return toOrganizationResponse(await this.organizations.ofActor(actor));
  }

  @Patch()
  @Roles('org_admin')
  async update(@CurrentActor() actor: Actor, @Body() body: UpdateOrganizationDto) {
    return toOrganizationResponse(await this.organizations.update(actor, body));
  }
}
