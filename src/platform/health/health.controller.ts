import { Controller, Get, Res, SetMetadata } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
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

  // 200 "ok" when the database answers and every registered check passes; 200 "degraded" with the
  // failing checks named (e.g. escalation mails that failed for good); 503 when the database is gone.
  // Needs no token: load balancers call it.
  @Get('health')
  @SetMetadata(PUBLIC, true)
  async health(@Res({ passthrough: true }) reply: FastifyReply) {
    if (!(await this.db.ping())) {
      reply.status(503);
      return { status: 'unavailable' };
    }
    const results = await this.checks.run();
    const failing = Object.entries(results).filter(([, r]) => !r.ok);
    if (failing.length === 0) return { status: 'ok' };
    return { status: 'degraded', checks: Object.fromEntries(failing.map(([name, r]) => [name, r.detail ?? {}])) };
  }
}
