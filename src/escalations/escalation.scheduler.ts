import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { AppConfig } from '../config/app-config';
import { Clock } from '../platform/clock/clock';
import { requestContext } from '../platform/logging/request-context';
import { Digests } from './digests.service';
import { EscalationDispatcher } from './escalation-dispatcher.service';

// The trigger, not the work: every second each instance asks the database for due mails; the
// claim decides who sends. A mail therefore leaves within about a second of its time, and after a
// restart everything due is caught up at once.
@Injectable()
export class EscalationScheduler {
  private readonly logger = new Logger('escalations');
  private dispatching = false;
  private digesting = false;

  constructor(
    private readonly dispatcher: EscalationDispatcher,
    private readonly digests: Digests,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  @Interval('escalations', 1000)
  async tick(): Promise<void> {
    if (!this.config.escalations.enabled || this.dispatching) return;
    this.dispatching = true;
    try {
      await requestContext.run({ requestId: `job:escalations:${this.clock.now().toISOString()}` }, async () => {
        // A full batch means more may be due: go on at once rather than wait for the next tick.
        for (let round = 0; round < 100; round++) {
          const result = await this.dispatcher.dispatchDue(this.clock.now());
          if (result.claimed + result.skipped + result.cancelled > 0) this.logger.log({ event: 'escalation.tick', ...result });
          if (!result.more) break;
        }
      });
    } catch (error) {
      this.logger.error({ event: 'escalation.tick_failed', err: error });
    } finally {
      this.dispatching = false;
    }
  }

  @Interval('digests', 60_000)
  async digestTick(): Promise<void> {
    if (!this.config.escalations.enabled || this.digesting) return;
    this.digesting = true;
    try {
      await this.digests.plan(this.clock.now());
      await this.digests.dispatchDue(this.clock.now(), this.dispatcher.instance);
    } catch (error) {
      this.logger.error({ event: 'digest.tick_failed', err: error });
    } finally {
      this.digesting = false;
    }
  }
}
