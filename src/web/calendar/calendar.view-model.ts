import type { Recipient, Words } from '../../obligations/domain';
import { Lang, wordsFor } from '../../i18n';
import { CalendarEvent } from './icalendar';

// One open obligation with a deadline (DeadlinesService.openFor, dated only).
export interface FeedClock {
  id: string;
  incidentId: string;
  reference: string;
  title: string;
  dutyTitle: Words;
  recipient: Pick<Recipient, 'name'>;
  dueAt: Date | null;
}

// The calendar's name and one event per open obligation with a deadline, its UID the obligation's
// id (stable while the deadline moves), each linking to its incident's page. Duties without a fixed
// deadline have no instant to put in a calendar.
export function calendarModel(lang: Lang, clocks: FeedClock[], publicUrl: string): { name: string; events: CalendarEvent[] } {
  const t = wordsFor(lang);
  return {
    name: `breachclock – ${t.board}`,
    events: clocks
      .filter((c): c is FeedClock & { dueAt: Date } => c.dueAt !== null)
      .map((c) => ({
        uid: `${c.id}@breachclock`,
        start: c.dueAt,
        summary: `${c.reference}: ${c.dutyTitle[lang]} – ${c.recipient.name}`,
        description: `${c.title}\n${publicUrl}/incidents/${c.incidentId}`,
        url: `${publicUrl}/incidents/${c.incidentId}`,
      })),
  };
}
