import { DPO as dpo } from '../../../test/support/actors';
import type { RegisterEntry } from '../../register/register.service';
import { registerCsvName, registerModel } from './register.view-model';

const entry = (n: number, cause: string | null, notifiedAfterHours: number | null): RegisterEntry =>
  ({
    view: {
      incident: {
        id: `i${n}`,
        reference: `BC-${n}`,
        title: `Breach ${n}`,
        status: notifiedAfterHours === null ? 'triage' : 'notified',
        discoveredAt: new Date('2025-05-31T23:30:00Z'),
        natureCause: cause,
      },
      missing: [],
      clocks: {
        processorToController: null,
        authority: {
          startedAt: new Date('2025-06-01T08:00:00Z'),
          dueAt: new Date('2025-06-04T08:00:00Z'),
          completedAt: notifiedAfterHours === null ? null : new Date(Date.parse('2025-06-01T08:00:00Z') + notifiedAfterHours * 3_600_000),
          state: notifiedAfterHours === null ? 'running' : 'met',
        },
      },
    },
    assessment: notifiedAfterHours === null ? null : { band: 'high' },
    decisions: [],
    notifications: [],
  }) as unknown as RegisterEntry;

describe('the register page', () => {
  it('lists each breach with its status, local discovery time, clock and severity in words', () => {
    const model = registerModel(dpo, [entry(1, null, null), entry(2, 'phishing', 30)]);
    expect(model.rows).toEqual([
      {
        id: 'i1',
        reference: 'BC-1',
        title: 'Breach 1',
        status: 'in triage',
        discoveredAt: '2025-05-31T23:30:00.000Z',
        discoveredLocal: expect.stringContaining('2025'),
        clock: 'running',
        band: '–',
      },
      expect.objectContaining({ reference: 'BC-2', status: 'authority notified', clock: 'met in time', band: 'high' }),
    ]);
    expect(model.title).toBe('Breach register (Art. 33(5) GDPR)');
  });

  it('draws the months in the user’s zone and the hours to notification, with German titles', () => {
    const model = registerModel({ ...dpo, locale: 'de' }, [entry(1, null, null), entry(2, 'phishing', 30)]);
    const months = model.monthsSvg.toString();
    expect(months).toContain('2025-06'); // 23:30 UTC on 31 May is June in Berlin
    expect(months).toContain('Ursache unbekannt');
    expect(model.hoursSvg.toString()).toContain('BC-2');
    expect([model.chartMonths, model.colClock, model.colBand]).toEqual(['Vorfälle je Monat nach Ursache', 'Frist', 'Schweregrad']);
  });

  it('says when no authority was notified yet', () => {
    expect(registerModel(dpo, [entry(1, null, null)]).hoursSvg.toString()).toContain('No authority notified yet.');
  });

  it('names the CSV by the day it was made', () => {
    expect(registerCsvName(new Date('2025-06-07T22:00:00Z'))).toBe('breach-register-2025-06-07.csv');
  });
});
