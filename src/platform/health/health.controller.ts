import { Controller, Get, Res, SetMetadata } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Database } from '../database/database';

// Same key as identity's @Public(); platform may not import a domain module, so it sets the flag itself.
const PUBLIC = 'breachclock:public';

@Controller()
export class HealthController {
  constructor(private readonly db: Database) {}

  // 200 when the database answers, 503 otherwise. Needs no token: load balancers call it.
  @Get('health')
  @SetMetadata(PUBLIC, true)
  async health(@Res({ passthrough: true }) reply: FastifyReply) {
    if (await this.db.ping()) return { status: 'ok' };
    reply.status(503);
    return { status: 'unavailable' };
  }
}
