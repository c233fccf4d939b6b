import { parseWithin } from '../../deadlines/domain/within';
import type { Recipient, Words } from '../../obligations/domain';
import { URGENCY_BANDS, URGENCY_LIMITS, urgencyBand, urgencyOf } from '../../deadlines/domain/urgency';
import { spanText } from '../../escalations/domain/milestones';
import type { Actor } from '../../identity/domain/actor';
import { formatInstant } from '../../notifications/domain/draft-model';
import { Lang, term, wordsFor } from '../../i18n';

// The board shows this many clocks, soonest first, and says when there are more.
export const BOARD_ROWS = 200;

export interface BoardQuery {
  // Only clocks due within this many ms from now (overdue ones included); null: all.
  withinMs: number | null;
  // Only clocks with at least this many ms left; null: from any overdue one.
  fromMs: number | null;
}

// The urgency filter narrows the query to the band's limits, so the rows a page shows are the
// band's soonest, not whatever was left of the first 200 after filtering.
export function boardQuery(within: string | undefined, band: string | undefined): BoardQuery {
  const chosen = urgencyBand(band);
  const [fromMs, bandUpper] = chosen ? URGENCY_LIMITS[chosen] : [null, null];
  const withinMs = [within && /^\d{1,4}(m|h|d)$/.test(within) ? parseWithin(within) : null, bandUpper]
    .filter((x): x is number => x !== null)
    .reduce<number | null>((a, b) => (a === null ? b : Math.min(a, b)), null);
  return { withinMs, fromMs };
}

// One open obligation as the board shows it (DeadlinesService.openFor).
export interface OpenClock {
  id: string;
  incidentId: string;
  reference: string;
  title: string;
  dutyTitle: Words;
  recipient: Pick<Recipient, 'name'>;
  startsAt: Date;
  dueAt: Date | null;
  status: string;
}

export interface OwnReport {
  incident: { id: string; reference: string; title: string; status: string };
  missing: unknown[];
}

export interface BoardFacts {
  actor: Actor;
  now: Date;
  // The open clocks as fetched: up to BOARD_ROWS + 1 (one more says there are more).
  fetched: OpenClock[];
  // What is missing per incident.
  missing: Map<string, unknown[]>;
  // Processor staff also see their own reports, whatever their clocks.
  reports: OwnReport[];
  feed: string;
  within: string | undefined;
  band: string | undefined;
}

// The triage board: every open obligation of the organization, soonest deadline first (then those
// without a fixed deadline, with "open since"), with colour bands that
// are also told in words, and each deadline as <time datetime>.
export function boardModel(f: BoardFacts) {
  const lang: Lang = f.actor.locale;
  const t = wordsFor(lang);
  const chosen = urgencyBand(f.band);
  const clocks = f.fetched
    .slice(0, BOARD_ROWS)
    .map((c) => {
      // A duty without a fixed deadline has no time left and no band: it says since when it is open.
      const left = c.dueAt && c.dueAt.getTime() - f.now.getTime();
      const band = left === null ? null : urgencyOf(left);
      return {
        id: c.id,
        incidentId: c.incidentId,
        reference: c.reference,
        title: c.title,
        clockName: c.dutyTitle[lang],
        recipient: c.recipient.name,
        dueAt: c.dueAt && c.dueAt.toISOString(),
        dueLocal: c.dueAt && formatInstant(c.dueAt, f.actor.timeZone, lang),
        openSince: c.startsAt.toISOString(),
        openSinceLocal: formatInstant(c.startsAt, f.actor.timeZone, lang),
        left: left === null ? null : spanText(left, lang),
        band: band ?? 'open',
        bandText: band ? t[`band_${band}` as const] : t.noFixedDeadline,
        missing: (f.missing.get(c.incidentId) ?? []).length,
        status: term(lang, 'status', c.status),
      };
    })
    .filter((c) => !chosen || c.band === chosen);
  const reports = f.reports.map((v) => ({
    id: v.incident.id,
    reference: v.incident.reference,
    title: v.incident.title,
    status: term(lang, 'status', v.incident.status),
    missing: v.missing.length,
  }));
  const filters = {
    within: ['', '4h', '24h', '72h'].map((v) => ({ value: v, label: v || t.all, selected: (f.within ?? '') === v })),
    bands: ['', ...URGENCY_BANDS].map((v) => ({
      value: v,
      label: v ? t[`band_${v}` as 'band_ok'] : t.all,
      selected: (f.band ?? '') === v,
    })),
  };
  return {
    title: t.board,
    clocks,
    more: f.fetched.length > BOARD_ROWS,
    feed: f.feed,
    reports,
    filters,
    isProcessor: f.actor.role === 'processor_staff',
  };
}
