import { SafeString } from 'handlebars';
import type { Actor } from '../../identity/domain/actor';
import { toZonedIso } from '../../platform/clock/zoned-time';
import { formatInstant } from '../../notifications/domain/draft-model';
import { CAUSE_LABELS, label } from '../../notifications/domain/labels';
import type { RegisterEntry } from '../../register/register.service';
import { CLOCK_STATE_WORDS, Lang, say, SEVERITY_WORDS, STATUS_WORDS } from '../i18n';
import { hoursToNotificationSvg, monthsByCauseSvg } from './charts';

// The Art. 33(5) register for the DPO, with two charts drawn on the server.
export function registerModel(actor: Actor, entries: RegisterEntry[]) {
  const lang: Lang = actor.locale;
  const de = lang === 'de';
  const rows = entries.map((e) => {
    const i = e.view.incident;
    const a = e.view.clocks.authority;
    return {
      id: i.id,
      reference: i.reference,
      title: i.title,
      status: say(STATUS_WORDS, i.status, lang),
      discoveredAt: i.discoveredAt.toISOString(),
      discoveredLocal: formatInstant(i.discoveredAt, actor.timeZone, lang),
      clock: a ? say(CLOCK_STATE_WORDS, a.state, lang) : '–',
      band: e.assessment ? say(SEVERITY_WORDS, e.assessment.band, lang) : '–',
    };
  });
  const months = entries.map((e) => ({
    month: toZonedIso(e.view.incident.discoveredAt, actor.timeZone).slice(0, 7),
    cause: e.view.incident.natureCause
      ? label(CAUSE_LABELS, e.view.incident.natureCause, lang)
      : de
        ? 'Ursache unbekannt'
        : 'cause unknown',
  }));
  const hours = entries
    .filter((e) => e.view.clocks.authority?.completedAt)
    .map((e) => ({
      reference: e.view.incident.reference,
      hours: (e.view.clocks.authority!.completedAt!.getTime() - e.view.clocks.authority!.startedAt.getTime()) / 3_600_000,
    }));
  const chartMonths = de ? 'Vorfälle je Monat nach Ursache' : 'Incidents per month by cause';
  const chartHours = de
    ? 'Stunden vom Bekanntwerden bis zur Meldung an die Aufsichtsbehörde (Linie: 72 h)'
    : 'Hours from awareness to notifying the authority (line: 72 h)';
  return {
    title: de ? 'Dokumentation von Verletzungen (Art. 33 Abs. 5 DSGVO)' : 'Breach register (Art. 33(5) GDPR)',
    rows,
    chartMonths,
    chartHours,
    monthsSvg: new SafeString(monthsByCauseSvg(months, chartMonths)),
    hoursSvg: new SafeString(
      hoursToNotificationSvg(hours, chartHours, de ? 'Noch keine Meldung an eine Aufsichtsbehörde.' : 'No authority notified yet.'),
    ),
    colClock: de ? 'Frist' : 'Clock',
    colBand: de ? 'Schweregrad' : 'Severity',
  };
}

// The CSV download's file name, by the day it was made.
export function registerCsvName(generatedAt: Date): string {
  return `breach-register-${generatedAt.toISOString().slice(0, 10)}.csv`;
}
