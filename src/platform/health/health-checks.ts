import { Injectable } from '@nestjs/common';

export interface HealthCheckResult {
  ok: boolean;
  detail?: Record<string, unknown>;
}

// Modules register what makes the service "degraded" (e.g. mails that could not be sent);
// platform/ runs them without knowing what they are about.
@Injectable()
export class HealthChecks {
  private readonly checks = new Map<string, () => Promise<HealthCheckResult>>();

  register(name: string, check: () => Promise<HealthCheckResult>): void {
    this.checks.set(name, check);
  }

  async run(): Promise<Record<string, HealthCheckResult>> {
    const out: Record<string, HealthCheckResult> = {};
    for (const [name, check] of this.checks) {
      try {
        out[name] = await check();
      } catch (error) {
        out[name] = { ok: false, detail: { error: (error as Error).message } };
      }
    }
    return out;
  }
}
