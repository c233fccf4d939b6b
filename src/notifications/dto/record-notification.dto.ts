import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { IsInstant } from '../../platform/validation/is-instant';
import { NOTIFICATION_KINDS, NotificationKind } from '../notification.entity';
import { Lang, LANGS } from '../../i18n';

// POST /incidents/:id/notifications: what was sent, when, to whom, by which channel.
export class RecordNotificationDto {
  // May be left out when obligationId names the obligation: the kind then follows from it.
  @IsOptional()
  @IsIn(NOTIFICATION_KINDS)
  kind?: NotificationKind;

  // The obligation this notification fulfils (GET /incidents/:id/obligations). Without it, today's
  // kinds fulfil the matching live obligation (an initial notification: its authority's duty).
  @IsOptional()
  @IsUUID('all')
  obligationId?: string;

  @IsInstant()
  sentAt: string;

  // For authority notifications; default: the competent authority of the controller.
  @IsOptional()
  @IsString()
  @Length(1, 50)
  authorityId?: string;

  @IsOptional()
  @IsString()
  @Length(1, 300)
  channel?: string;

  // The authority's case reference (Aktenzeichen); a follow-up inherits the initial one's.
  @IsOptional()
  @IsString()
  @Length(1, 200)
  reference?: string;

  // Required for an initial authority notification sent after the 72-hour deadline (Art. 33(1)).
  @IsOptional()
  @IsString()
  @Length(0, 10_000)
  reasonsForDelay?: string;

  @IsOptional()
  @IsIn(LANGS)
  language?: Lang;

  // The text as actually sent, when it was edited after drafting; otherwise the draft is stored.
  @IsOptional()
  @IsString()
  @Length(1, 200_000)
  body?: string;
}
