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
      obligations:
        notifiedAfterHours === null
          ? []
          : [
              {
                obligation: {
                  title: { en: 'Notify the supervisory authority', de: 'Meldung an die Aufsichtsbehörde' },
                  recipient: { name: 'CNIL' },
                  phase: 'fulfilled',
                  reasonsForDelay: null,
                  waiveReason: null,
                },
                view: { state: 'met' },
              },
              {
                obligation: {
                  title: { en: 'Notify the supervisory authority', de: 'Meldung an die Aufsichtsbehörde' },
                  recipient: { name: 'Garante' },
                  phase: 'fulfilled',
                  reasonsForDelay: 'Italian residents were found only on day four.',
                  waiveReason: null,
                },
                view: { state: 'late' },
              },
              {
                obligation: {
                  title: { en: 'Report to the FDPIC', de: 'Meldung an den EDÖB' },
                  recipient: { name: 'FDPIC' },
                  phase: 'waived',
                  reasonsForDelay: null,
                  waiveReason: 'assessed: no high risk (revFADP Art. 24(1))',
                },
                view: { state: 'waived' },
              },
            ],
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
        obligations: [],
        band: '–',
      },
      expect.objectContaining({ reference: 'BC-2', status: 'authority notified', clock: 'met in time', band: 'high' }),
    ]);
    expect(model.title).toBe('Breach register (Art. 33(5) GDPR)');
  });

  it("shows each obligation's outcome with its reasons: for a delay, or for waiving it", () => {
    expect(registerModel(dpo, [entry(2, 'phishing', 30)]).rows[0].obligations).toEqual([
      { name: 'Notify the supervisory authority – CNIL', state: 'met in time', reasons: null },
      { name: 'Notify the supervisory authority – Garante', state: 'met late', reasons: 'Italian residents were found only on day four.' },
      { name: 'Report to the FDPIC – FDPIC', state: 'waived', reasons: 'assessed: no high risk (revFADP Art. 24(1))' },
    ]);
    expect(registerModel({ ...dpo, locale: 'de' }, [entry(2, 'phishing', 30)]).rows[0].obligations[1]).toMatchObject({
      name: 'Meldung an die Aufsichtsbehörde – Garante',
      state: 'verspätet erfüllt',
    });
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
