import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { uuidParam as uuid } from '../platform/http/uuid.pipe';
import { Actor } from './domain/actor';
import { CurrentActor, Roles } from './auth.guard';
import { InviteUserDto, UpdateUserDto } from './dto/manage-user.dto';
import { UsersService } from './users.service';
import { toUserResponse } from './dto/user.response';

// The users of the caller's organization, for its org admins.
@Controller('api/v1/users')
@Roles('org_admin')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  async list(@CurrentActor() actor: Actor) {
    return { items: (await this.users.list(actor)).map(toUserResponse) };
  }

  @Post()
  async invite(@CurrentActor() actor: Actor, @Body() body: InviteUserDto) {
    return toUserResponse(await this.users.invite(actor, body));
  }

  @Patch(':id')
  async update(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Body() body: UpdateUserDto) {
    return toUserResponse(await this.users.update(actor, id, body));
  }
}
