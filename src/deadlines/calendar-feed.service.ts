import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { Actor } from '../identity/domain/actor';
import { IdentityService } from '../identity/identity.service';
import { AppSettings } from '../platform/database/app-settings';
import { signToken, verifyToken } from '../platform/security/signed-token';

const FEED_KEY_SETTING = 'calendar-feed-key';

// A calendar of the organization's open clocks at a secret address per user (calendar apps cannot
// sign in): /deadlines.ics?u=<user id>&k=<HMAC of the user id and the address's generation>. A leaked
// address is replaced by renewing it: the user's generation moves on, and the old key fails.
@Injectable()
export class CalendarFeedService {
  constructor(
    private readonly identity: IdentityService,
    private readonly settings: AppSettings,
    private readonly config: AppConfig,
  ) {}

  // The user's current address.
  async addressOf(actor: Actor): Promise<string> {
    const generation = (await this.identity.calendarFeedGeneration(actor.userId)) ?? 0;
    const key = signToken(await this.settings.secret(FEED_KEY_SETTING), payload(actor.userId, generation));
    return `${this.config.publicUrl}/deadlines.ics?u=${actor.userId}&k=${key}`;
  }

  // The (active) user an address belongs to, or null when the address is not, or no longer, valid.
  async subscriber(userId: unknown, key: unknown): Promise<Actor | null> {
    if (typeof userId !== 'string' || !/^[0-9a-f-]{36}$/.test(userId)) return null;
    const generation = await this.identity.calendarFeedGeneration(userId);
    if (generation === null) return null;
    if (!verifyToken(await this.settings.secret(FEED_KEY_SETTING), payload(userId, generation), key)) return null;
    return this.identity.actorById(userId);
  }

  async renew(actor: Actor): Promise<void> {
    await this.identity.renewCalendarFeed(actor);
  }
}

// Generation 0 signs the user id alone: the addresses handed out before renewing existed stay valid.
function payload(userId: string, generation: number): string {
  return generation === 0 ? userId : `${userId}.${generation}`;
}
