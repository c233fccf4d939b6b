import type { FieldError } from '../../platform/http/domain-error';
import { WEBHOOK_EVENTS } from '../../webhooks/domain/webhook-events';
import type { WebhooksOverview } from '../../webhooks/webhooks.service';
import { Lang, formatInstant, wordsFor } from '../../i18n';
import { formErrors, FormField } from '../shared/form-errors';
import { adminNav } from './admin-sections';

export const WEBHOOK_FIELDS: FormField[] = [
  ['url', 'url', 'webhookUrl'],
  ['events', 'events', 'webhookEvents'],
  ['includeDetails', 'includeDetails', 'webhookIncludeDetails'],
];

export interface WebhookValues {
  url: string;
  events: string[];
  includeDetails: boolean;
}

export const NO_WEBHOOK: WebhookValues = { url: '', events: [], includeDetails: false };

// The form as posted, as the API's body (POST /api/v1/webhooks): the ticked events, details only when ticked.
export function webhookInput(body: Record<string, unknown>): { values: WebhookValues; input: Record<string, unknown> } {
  const raw = body?.events;
  const events = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((e): e is string => typeof e === 'string');
  const values = { url: typeof body?.url === 'string' ? body.url.trim() : '', events, includeDetails: body?.includeDetails === 'true' };
  return { values, input: { url: values.url, events: values.events, includeDetails: values.includeDetails } };
}

// The webhooks page: each endpoint with its latest delivery and failures, the failed deliveries to
// send again, the form for a new endpoint, and the secret of one just made (shown this once).
export function adminWebhooksModel(
  lang: Lang,
  viewer: { timeZone: string },
  overview: WebhooksOverview,
  values: WebhookValues,
  errors: FieldError[],
  made: { secret: string; url: string } | null,
  notice: string | null,
) {
  const t = wordsFor(lang);
  const w = t as unknown as Record<string, string>;
  const { byField, summary } = formErrors(errors, WEBHOOK_FIELDS, w);
  const when = (d: Date) => formatInstant(d, viewer.timeZone, lang);
  const urls = new Map(overview.endpoints.map(({ endpoint }) => [endpoint.id, endpoint.url]));
  return {
    title: t.adminWebhooks,
    nav: adminNav('org_admin', w, '/admin/webhooks'),
    notice,
    made,
    errors: summary,
    e: byField,
    values,
    events: WEBHOOK_EVENTS.map((value) => ({ value, checked: values.events.includes(value) })),
    endpoints: overview.endpoints.map(({ endpoint, last, failed }) => ({
      id: endpoint.id,
      url: endpoint.url,
      events: endpoint.events.join(', '),
      createdAt: when(endpoint.createdAt),
      last: last
        ? `${w[`deliveryStatus_${last.status}`]}${last.httpStatus === null ? '' : ` (HTTP ${last.httpStatus})`}, ${when(last.at)}`
        : t.never,
      failed,
    })),
    failed: overview.failed.map((d) => ({
      id: d.id,
      endpointId: d.endpointId,
      url: urls.get(d.endpointId) ?? '',
      event: d.eventType,
      createdAt: when(d.createdAt),
      attempts: d.attempts,
      lastError: d.lastError ?? (d.lastStatus === null ? '' : `HTTP ${d.lastStatus}`),
    })),
  };
}
