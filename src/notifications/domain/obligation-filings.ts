import type { Duty, Recipient, Regime } from '../../obligations/domain';
import type { NotificationKind } from '../notification.entity';

// Which kind of notification fulfils which obligation, both ways. Today's kinds keep working and
// fulfil the matching obligation; duties without a template of their own are recorded as `filing`.

export interface FilingTarget {
  regime: Regime;
  duty: Duty;
  recipient: Pick<Recipient, 'kind'>;
}

// The kind a filing for this obligation is recorded as.
export function kindFor(o: FilingTarget): NotificationKind {
  if (o.regime === 'contract') return 'processor_to_controller';
  if (o.duty === 'communicate_to_data_subjects') return o.recipient.kind === 'public' ? 'public_communication' : 'data_subjects';
  if (o.duty === 'notify_authority' && (o.regime === 'gdpr' || o.regime === 'uk_gdpr' || o.regime === 'ch_fadp'))
    return 'authority_initial';
  return 'filing';
}

// The obligations a notification of one of today's kinds answers when it names none, in order of
// preference; null for kinds that fulfil nothing (a follow-up supplements an initial notification).
export function obligationsAnswering(kind: NotificationKind): { regimes: Regime[]; duty: Duty } | null {
  switch (kind) {
    case 'authority_initial':
      return { regimes: ['gdpr', 'uk_gdpr', 'ch_fadp'], duty: 'notify_authority' };
    case 'data_subjects':
    case 'public_communication':
      return { regimes: ['gdpr'], duty: 'communicate_to_data_subjects' };
    case 'processor_to_controller':
      return { regimes: ['contract'], duty: 'report_to_controller' };
    default:
      return null;
  }
}
