import { calendarModel } from './calendar.view-model';

describe('the calendar feed', () => {
  it('names the calendar and makes one event per clock, linked to its incident', () => {
    const dueAt = new Date('2025-06-09T10:00:00Z');
    const clocks = [{ id: 'd1', incidentId: 'i1', reference: 'BC-1', title: 'Laptop', kind: 'authority' as const, dueAt }];
    expect(calendarModel('de', clocks, 'https://bc.example')).toEqual({
      name: 'breachclock – Offene Fristen',
      events: [
        {
          uid: 'd1@breachclock',
          start: dueAt,
          summary: 'BC-1: Meldung an die Aufsichtsbehörde',
          description: 'Laptop\nhttps://bc.example/incidents/i1',
          url: 'https://bc.example/incidents/i1',
        },
      ],
    });
    expect(calendarModel('en', [{ ...clocks[0], kind: 'processor_to_controller' }], 'https://bc.example').events[0].summary).toBe(
      'BC-1: Report to the controller',
    );
  });
});
