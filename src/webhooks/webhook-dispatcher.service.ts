import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { lookup } from 'node:dns/promises';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { retryDelayMs } from '../escalations/domain/milestones';
import { Clock } from '../platform/clock/clock';
import { Database } from '../platform/database/database';
import { HealthChecks } from '../platform/health/health-checks';
import { signedHeaders } from './domain/signature';
import { isInternalAddress } from './domain/target-address';
import { WebhookDelivery } from './webhook-delivery.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { WebhooksRepository } from './webhooks.repository';

export interface WebhookDispatchResult {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  cancelled: number;
  more: boolean;
}

const CONCURRENCY = 10;

// Delivers due webhook events, exactly once per event and endpoint in normal operation: rows are
// claimed with a lease (FOR UPDATE SKIP LOCKED), POSTed signed, then marked sent on a 2xx answer.
// Anything else is retried with the escalations' backoff until the attempts are used up (failed,
// /health degraded). A crash between the answer and the mark delivers that event again after the
// lease, with the same webhook-id, so receivers can tell.
@Injectable()
export class WebhookDispatcher implements OnModuleInit {
  readonly instance = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private readonly logger = new Logger('webhooks');

  constructor(
    private readonly db: Database,
    private readonly repo: WebhooksRepository,
    private readonly health: HealthChecks,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.health.register('webhooks', async () => {
      const failed = await this.db.read((m) => this.repo.countFailed(m));
      return { ok: failed === 0, detail: { failedWebhookDeliveries: failed } };
    });
  }

  static readonly BATCH = 200;

  async dispatchDue(now: Date = this.clock.now(), limit = WebhookDispatcher.BATCH): Promise<WebhookDispatchResult> {
    const { claimed, cancelled, considered } = await this.db.transaction((tx) =>
      this.repo.claim(tx, now, new Date(now.getTime() + this.config.escalations.leaseMs), this.instance, limit),
    );
    const result: WebhookDispatchResult = { claimed: claimed.length, sent: 0, retried: 0, failed: 0, cancelled, more: considered >= limit };
    const endpoints = new Map(
      (await this.db.read((m) => this.repo.endpointsByIds(m, [...new Set(claimed.map((r) => r.endpointId))]))).map((e) => [e.id, e]),
    );
    const queue = [...claimed];
    const worker = async () => {
      for (let row = queue.shift(); row; row = queue.shift()) result[await this.deliver(row, endpoints.get(row.endpointId)!, now)] += 1;
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, claimed.length) }, worker));
    return result;
  }

  async nextDueAt(): Promise<Date | null> {
    return this.db.read((m) => this.repo.outbox.nextDueAt(m));
  }

  private async deliver(row: WebhookDelivery, endpoint: WebhookEndpoint, now: Date): Promise<'sent' | 'retried' | 'failed'> {
    const answer = await this.post(row, endpoint);
    if (answer.ok) {
      const sentAt = new Date(Math.max(now.getTime(), this.clock.now().getTime()));
      await this.db.write(async (tx) => {
        if (await this.repo.outbox.finish(tx, row.id, this.instance, { status: 'sent', sentAt }))
          await this.repo.recordStatus(tx, row.id, answer.status);
      });
      this.logger.log({ event: 'webhook.sent', deliveryId: row.id, endpointId: endpoint.id, type: row.eventType, attempts: row.attempts });
      return 'sent';
    }
    const failed = row.attempts >= this.config.webhooks.maxAttempts;
    const nextAttemptAt = failed
      ? undefined
      : new Date(now.getTime() + retryDelayMs(row.attempts, this.config.webhooks.retryBaseMs, Math.random));
    await this.db.write(async (tx) => {
      if (await this.repo.outbox.retry(tx, row.id, this.instance, { failed, nextAttemptAt, lastError: answer.error }))
        await this.repo.recordStatus(tx, row.id, answer.status);
    });
    const line = {
      deliveryId: row.id,
      endpointId: endpoint.id,
      type: row.eventType,
      attempts: row.attempts,
      status: answer.status,
      error: answer.error,
    };
    if (failed) this.logger.error({ event: 'webhook.failed', ...line });
    else this.logger.warn({ event: 'webhook.retry', ...line, nextAttemptAt: nextAttemptAt!.toISOString() });
    return failed ? 'failed' : 'retried';
  }

  // One signed POST with a timeout; redirects are not followed (a 3xx is not a delivery).
  private async post(
    row: WebhookDelivery,
    endpoint: WebhookEndpoint,
  ): Promise<{ ok: true; status: number } | { ok: false; status: number | null; error: string }> {
    const body = JSON.stringify(row.payload);
    try {
      await this.checkTarget(endpoint.url);
      const response = await fetch(endpoint.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(this.config.webhooks.timeoutMs),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'breachclock-webhooks',
          ...signedHeaders(endpoint.secret, row.messageId, this.clock.now(), body),
        },
        body,
      });
      await response.body?.cancel();
      if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status };
      return { ok: false, status: response.status, error: `HTTP ${response.status}` };
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      return { ok: false, status: null, error: String((error as Error).message ?? error).slice(0, 300) + (cause ? ` (${cause})` : '') };
    }
  }

  // Unless private addresses are allowed, every address the host name resolves to must be public.
  private async checkTarget(url: string): Promise<void> {
    if (this.config.webhooks.allowPrivate) return;
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    const addresses = await lookup(host, { all: true });
    if (addresses.some((a) => isInternalAddress(a.address))) throw new Error('the endpoint resolves to a private or loopback address');
  }
}
