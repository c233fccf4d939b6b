import type { DeadlineKind } from '../../deadlines/domain/deadline-rules';
import { Lang, wordsFor } from '../../i18n';
import { CalendarEvent } from './icalendar';

export interface FeedClock {
  id: string;
  incidentId: string;
  reference: string;
  title: string;
  kind: DeadlineKind;
  dueAt: Date;
}

// The calendar's name and one event per open clock, each linking to its incident's page.
export function calendarModel(lang: Lang, clocks: FeedClock[], publicUrl: string): { name: string; events: CalendarEvent[] } {
  const t = wordsFor(lang);
  return {
    name: `breachclock – ${t.board}`,
    events: clocks.map((c) => ({
      uid: `${c.id}@breachclock`,
      start: c.dueAt,
      summary: `${c.reference}: ${t[c.kind]}`,
      description: `${c.title}\n${publicUrl}/incidents/${c.incidentId}`,
      url: `${publicUrl}/incidents/${c.incidentId}`,
    })),
  };
}
