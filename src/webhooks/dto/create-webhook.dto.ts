import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { WEBHOOK_EVENTS, WebhookEventType } from '../domain/webhook-events';

// POST /api/v1/webhooks. The URL's scheme and address are checked by the service (domain/target-address.ts).
export class CreateWebhookDto {
  @IsString()
  @MaxLength(2000)
  url: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENTS.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENTS, { each: true, message: `each value must be one of ${WEBHOOK_EVENTS.join(', ')}` })
  events: WebhookEventType[];

  // Opt-in: payloads also carry the incident's facts as the API shows them to this organization.
  @IsOptional()
  @IsBoolean()
  includeDetails?: boolean;
}
