import { makeActor } from '../../../test/support/actors';
import { BOARD_ROWS, boardModel, boardQuery, OpenClock } from './board.view-model';

const HOUR = 3_600_000;
const now = new Date('2025-06-06T10:00:00Z');
const dpo = makeActor();
const GDPR = { en: 'Notify the supervisory authority', de: 'Meldung an die Aufsichtsbehörde' };
const clock = (n: number, msLeft: number): OpenClock => ({
  id: `o${n}`,
  incidentId: `i${n}`,
  reference: `BC-${n}`,
  title: `Breach ${n}`,
  dutyTitle: GDPR,
  recipient: { name: 'Commission nationale de l’informatique et des libertés (CNIL)' },
  startsAt: new Date(now.getTime() + msLeft - 72 * HOUR),
  dueAt: new Date(now.getTime() + msLeft),
  status: 'triage',
});
const facts = (over: Partial<Parameters<typeof boardModel>[0]> = {}) => ({
  actor: dpo,
  now,
  fetched: [clock(1, -60_000), clock(2, 3 * HOUR), clock(3, 30 * HOUR)],
  missing: new Map<string, unknown[]>([['i2', ['a', 'b']]]),
  reports: [],
  feed: 'https://bc.example/deadlines.ics?u=u1&k=key',
  within: undefined,
  band: undefined,
  ...over,
});

describe('the board', () => {
  it('narrows the query to the time asked for and the band’s limits, the tighter of both', () => {
    expect(boardQuery(undefined, undefined)).toEqual({ withinMs: null, fromMs: null });
    expect(boardQuery('24h', undefined)).toEqual({ withinMs: 24 * HOUR, fromMs: null });
    expect(boardQuery(undefined, 'soon')).toEqual({ withinMs: 24 * HOUR, fromMs: 4 * HOUR + 1 });
    expect(boardQuery('4h', 'soon')).toEqual({ withinMs: 4 * HOUR, fromMs: 4 * HOUR + 1 });
    expect(boardQuery(undefined, 'overdue')).toEqual({ withinMs: -1, fromMs: null });
    expect(boardQuery('lots', 'late')).toEqual({ withinMs: null, fromMs: null });
  });

  it('shows each clock with its band in words, the time left and what is missing', () => {
    const model = boardModel(facts());
    expect(model.clocks.map((c) => [c.reference, c.band, c.bandText, c.left, c.missing])).toEqual([
      ['BC-1', 'overdue', 'overdue', 'overdue by 1 min', 0],
      ['BC-2', 'urgent', '4 hours or less', '3 h 0 min', 2],
      ['BC-3', 'ok', 'more than 24 hours', '1 day 6 h 0 min', 0],
    ]);
    expect(model.clocks[1]).toMatchObject({
      incidentId: 'i2',
      clockName: 'Notify the supervisory authority',
      recipient: 'Commission nationale de l’informatique et des libertés (CNIL)',
      dueAt: '2025-06-06T13:00:00.000Z',
      status: 'in triage',
    });
    expect(model).toMatchObject({ title: 'Open clocks', more: false, feed: facts().feed, isProcessor: false, reports: [] });
  });

  it('shows a duty without a fixed deadline after the others, with since when it is open and no band', () => {
    const fdpic: OpenClock = {
      ...clock(4, 0),
      dutyTitle: { en: 'Report to the FDPIC', de: 'Meldung an den EDÖB' },
      recipient: { name: 'Federal Data Protection and Information Commissioner (FDPIC)' },
      startsAt: new Date('2025-06-05T08:00:00Z'),
      dueAt: null,
    };
    const model = boardModel(facts({ fetched: [clock(1, HOUR), fdpic] }));
    expect(model.clocks[1]).toEqual({
      id: 'o4',
      incidentId: 'i4',
      reference: 'BC-4',
      title: 'Breach 4',
      clockName: 'Report to the FDPIC',
      recipient: 'Federal Data Protection and Information Commissioner (FDPIC)',
      dueAt: null,
      dueLocal: null,
      openSince: '2025-06-05T08:00:00.000Z',
      openSinceLocal: '5 June 2025 at 10:00 (UTC+02:00)',
      left: null,
      band: 'open',
      bandText: 'no fixed deadline',
      missing: 0,
      status: 'in triage',
    });
    expect(boardModel(facts({ fetched: [clock(1, HOUR), fdpic], band: 'urgent' })).clocks.map((c) => c.reference)).toEqual(['BC-1']);
    expect(boardModel(facts({ fetched: [fdpic], actor: makeActor({ locale: 'de' }) })).clocks[0]).toMatchObject({
      clockName: 'Meldung an den EDÖB',
      bandText: 'keine feste Frist',
    });
  });

  it('keeps only the chosen band and marks the chosen filters', () => {
    const model = boardModel(facts({ band: 'urgent', within: '24h' }));
    expect(model.clocks.map((c) => c.reference)).toEqual(['BC-2']);
    expect(model.filters.within.filter((f) => f.selected).map((f) => f.value)).toEqual(['24h']);
    expect(model.filters.bands.map((f) => [f.value, f.label, f.selected])).toEqual([
      ['', 'all', false],
      ['overdue', 'overdue', false],
      ['urgent', '4 hours or less', true],
      ['soon', '24 hours or less', false],
      ['ok', 'more than 24 hours', false],
    ]);
  });

  it(`shows at most ${BOARD_ROWS} clocks and says there are more`, () => {
    const fetched = Array.from({ length: BOARD_ROWS + 1 }, (_, n) => clock(n, n * 60_000));
    const model = boardModel(facts({ fetched }));
    expect([model.clocks.length, model.more]).toEqual([BOARD_ROWS, true]);
  });

  it('lists a processor’s own reports in German with what each misses', () => {
    const staff = makeActor({ role: 'processor_staff', locale: 'de' });
    const reports = [{ incident: { id: 'i9', reference: 'BC-9', title: 'Laptop', status: 'draft' }, missing: ['x'] }];
    const model = boardModel(facts({ actor: staff, reports, fetched: [] }));
    expect(model.reports).toEqual([{ id: 'i9', reference: 'BC-9', title: 'Laptop', status: 'Entwurf', missing: 1 }]);
    expect([model.title, model.isProcessor]).toEqual(['Offene Fristen', true]);
  });
});
