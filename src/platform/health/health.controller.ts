import { Controller, Get, Req, Res, SetMetadata } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Database } from '../database/database';
import { HealthChecks } from './health-checks';

// Same key as identity's @Public(); platform may not import a domain module, so it sets the flag itself.
const PUBLIC = 'breachclock:public';

@Controller()
export class HealthController {
  constructor(
    private readonly db: Database,
    private readonly checks: HealthChecks,
  ) {}

  // 200 "ok" when the database answers and every registered check passes; 200 "degraded" when one
  // fails (e.g. escalation mails that failed for good); 503 "unavailable" when the database is gone.
  // Needs no token (load balancers call it) and then says only that word; an organization admin's
  // bearer token also gets the failing checks with their details.
  @Get('health')
  @SetMetadata(PUBLIC, true)
  async health(@Req() request: FastifyRequest & { actor?: { role?: string } }, @Res({ passthrough: true }) reply: FastifyReply) {
    if (!(await this.db.ping())) {
      reply.status(503);
      return { status: 'unavailable' };
    }
    const results = await this.checks.run();
    const failing = Object.entries(results).filter(([, r]) => !r.ok);
    if (failing.length === 0) return { status: 'ok' };
    // The actor is set by identity's guard; platform reads only its role (it imports no domain module).
    if (request.actor?.role !== 'org_admin') return { status: 'degraded' };
    return { status: 'degraded', checks: Object.fromEntries(failing.map(([name, r]) => [name, r.detail ?? {}])) };
  }
}
