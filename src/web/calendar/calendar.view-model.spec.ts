import { calendarModel, FeedClock } from './calendar.view-model';

describe('the calendar feed', () => {
  const dueAt = new Date('2025-06-09T10:00:00Z');
  const cnil: FeedClock = {
    id: 'o1',
    incidentId: 'i1',
    reference: 'BC-1',
    title: 'Laptop',
    dutyTitle: { en: 'Notify the supervisory authority', de: 'Meldung an die Aufsichtsbehörde' },
    recipient: { name: 'CNIL' },
    dueAt,
  };

  it('names the calendar and makes one event per obligation, its UID the obligation id, its summary the duty and recipient', () => {
    const garante: FeedClock = { ...cnil, id: 'o2', recipient: { name: 'Garante per la protezione dei dati personali' } };
    expect(calendarModel('de', [cnil, garante], 'https://bc.example')).toEqual({
      name: 'breachclock – Offene Fristen',
      events: [
        {
          uid: 'o1@breachclock',
          start: dueAt,
          summary: 'BC-1: Meldung an die Aufsichtsbehörde – CNIL',
          description: 'Laptop\nhttps://bc.example/incidents/i1',
          url: 'https://bc.example/incidents/i1',
        },
        {
          uid: 'o2@breachclock',
          start: dueAt,
          summary: 'BC-1: Meldung an die Aufsichtsbehörde – Garante per la protezione dei dati personali',
          description: 'Laptop\nhttps://bc.example/incidents/i1',
          url: 'https://bc.example/incidents/i1',
        },
      ],
    });
    const report = {
      ...cnil,
      dutyTitle: { en: 'Report to the controller', de: 'Meldung an den Verantwortlichen' },
      recipient: { name: 'i-SECON GmbH' },
    };
    expect(calendarModel('en', [report], 'https://bc.example').events[0].summary).toBe('BC-1: Report to the controller – i-SECON GmbH');
  });

  it('leaves out a duty without a fixed deadline: it has no instant for a calendar', () => {
    expect(calendarModel('en', [{ ...cnil, dueAt: null }], 'https://bc.example').events).toEqual([]);
  });
});
