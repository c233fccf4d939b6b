import { SafeString } from 'handlebars';
import type { Actor } from '../../identity/domain/actor';
import { toZonedIso } from '../../platform/clock/zoned-time';
import { formatInstant } from '../../notifications/domain/draft-model';
import type { RegisterEntry } from '../../register/register.service';
import { Lang, term, words } from '../../i18n';
import { hoursToNotificationSvg, monthsByCauseSvg } from './charts';

// The Art. 33(5) register for the DPO, with two charts drawn on the server.
export function registerModel(actor: Actor, entries: RegisterEntry[]) {
  const lang: Lang = actor.locale;
  const w = words(lang).pages.register;
  const rows = entries.map((e) => {
    const i = e.view.incident;
    const a = e.view.clocks.authority;
    return {
      id: i.id,
      reference: i.reference,
      title: i.title,
      status: term(lang, 'status', i.status),
      discoveredAt: i.discoveredAt.toISOString(),
      discoveredLocal: formatInstant(i.discoveredAt, actor.timeZone, lang),
      clock: a ? term(lang, a.state === 'open' ? 'obligationState' : 'clockState', a.state) : '–',
      // Each duty's outcome and its reasons: for a delay, or for waiving it.
      obligations: e.view.obligations.map(({ obligation: o, view }) => ({
        name: `${o.title[lang]} – ${o.recipient.name}`,
        state: term(lang, 'obligationState', view.state),
        reasons: o.phase === 'waived' ? o.waiveReason : o.reasonsForDelay,
      })),
      band: e.assessment ? term(lang, 'severity', e.assessment.band) : '–',
    };
  });
  const months = entries.map((e) => ({
    month: toZonedIso(e.view.incident.discoveredAt, actor.timeZone).slice(0, 7),
    cause: e.view.incident.natureCause ? term(lang, 'cause', e.view.incident.natureCause) : w.causeUnknown,
  }));
  const hours = entries.flatMap(({ view: { incident, clocks } }) =>
    clocks.authority?.completedAt && clocks.authority.startedAt
      ? [
          {
            reference: incident.reference,
            hours: (clocks.authority.completedAt.getTime() - clocks.authority.startedAt.getTime()) / 3_600_000,
          },
        ]
      : [],
  );
  const { chartMonths, chartHours } = w;
  return {
    title: w.title,
    rows,
    chartMonths,
    chartHours,
    monthsSvg: new SafeString(monthsByCauseSvg(months, chartMonths)),
    hoursSvg: new SafeString(hoursToNotificationSvg(hours, chartHours, w.noneNotified)),
    colClock: w.colClock,
    colBand: w.colBand,
  };
}

// The CSV download's file name, by the day it was made.
export function registerCsvName(generatedAt: Date): string {
  return `breach-register-${generatedAt.toISOString().slice(0, 10)}.csv`;
}
