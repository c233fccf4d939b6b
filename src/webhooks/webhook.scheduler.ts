import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { AppConfig } from '../config/app-config';
import { Clock } from '../platform/clock/clock';
import { requestContext } from '../platform/logging/request-context';
import { WebhookDispatcher } from './webhook-dispatcher.service';

// The trigger, not the work: every second each instance asks for due deliveries; the claim decides
// who delivers. Runs where escalation mails run (ESCALATIONS=on): the outbox jobs of an instance.
@Injectable()
export class WebhookScheduler {
  private readonly logger = new Logger('webhooks');
  private dispatching = false;

  constructor(
    private readonly dispatcher: WebhookDispatcher,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  @Interval('webhooks', 1000)
  async tick(): Promise<void> {
    if (!this.config.escalations.enabled || this.dispatching) return;
    this.dispatching = true;
    try {
      await requestContext.run({ requestId: `job:webhooks:${this.clock.now().toISOString()}` }, async () => {
        for (let round = 0; round < 100; round++) {
          const result = await this.dispatcher.dispatchDue(this.clock.now());
          if (result.claimed + result.cancelled > 0) this.logger.log({ event: 'webhook.tick', ...result });
          if (!result.more) break;
        }
      });
    } catch (error) {
      this.logger.error({ event: 'webhook.tick_failed', err: error });
    } finally {
      this.dispatching = false;
    }
  }
}
