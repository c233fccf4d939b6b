import { ReportFacts, Timeline, containmentProblems, missingItems, timelineProblems } from './incident-facts';

const complete: ReportFacts = {
  natureTypes: ['confidentiality'],
  natureCause: 'phishing',
  occurredAt: new Date('2025-01-01T00:00:00Z'),
  occurredFrom: null,
  dataCategories: ['names'],
  specialCategories: [],
  subjectCategories: ['customers'],
  approximateSubjects: 0,
  approximateRecords: 0,
  contactEmail: 'a@b.example',
  likelyConsequences: 'x',
  measuresTaken: 'y',
  measuresProposed: 'z',
};

describe('missingItems (Art. 33(3), phased reporting Art. 33(4))', () => {
  it('is empty for a complete report; zero counts and "no special categories" are known facts', () => {
    expect(missingItems(complete)).toEqual([]);
  });

  it('lists unknown counts (null, not 0) and unknown special categories (null, not [])', () => {
    expect(missingItems({ ...complete, approximateSubjects: null, specialCategories: null })).toEqual([
      'approximateSubjects',
      'specialCategories',
    ]);
  });

  it('accepts an occurrence range instead of an instant', () => {
    expect(missingItems({ ...complete, occurredAt: null, occurredFrom: new Date('2025-01-01T00:00:00Z') })).toEqual([]);
    expect(missingItems({ ...complete, occurredAt: null })).toEqual(['occurredAt']);
  });

  it('treats empty lists of types and categories as missing', () => {
    expect(missingItems({ ...complete, natureTypes: [], dataCategories: [], subjectCategories: [] })).toEqual([
      'nature.types',
      'subjectCategories',
      'dataCategories',
    ]);
  });
});

describe('timelineProblems', () => {
  const now = new Date('2025-06-06T12:00:00Z');
  const base: Timeline = {
    occurredAt: null,
    occurredFrom: null,
    occurredUntil: null,
    discoveredAt: new Date('2025-06-06T10:00:00Z'),
    reportedToControllerAt: null,
    controllerAwareAt: null,
  };

  it('accepts a consistent timeline', () => {
    expect(
      timelineProblems(
        {
          ...base,
          occurredAt: new Date('2025-06-05T10:00:00Z'),
          reportedToControllerAt: now,
          controllerAwareAt: new Date('2025-06-06T11:00:00Z'),
        },
        now,
      ),
    ).toEqual([]);
  });

  it('refuses discovery in the future beyond one minute of clock skew', () => {
    expect(timelineProblems({ ...base, discoveredAt: new Date('2025-06-06T12:00:59Z') }, now)).toEqual([]);
    expect(timelineProblems({ ...base, discoveredAt: new Date('2025-06-06T12:01:01Z') }, now)).toEqual([
      { path: 'discoveredAt', message: 'must not be in the future' },
    ]);
  });

  it('refuses an occurrence after discovery', () => {
    expect(timelineProblems({ ...base, occurredAt: new Date('2025-06-06T11:00:00Z') }, now)).toEqual([
      { path: 'occurredAt', message: 'must not be after discoveredAt' },
    ]);
  });

  it('refuses a reversed range and a range together with an instant', () => {
    const reversed = timelineProblems(
      { ...base, occurredFrom: new Date('2025-06-05T00:00:00Z'), occurredUntil: new Date('2025-06-04T00:00:00Z') },
      now,
    );
    expect(reversed.map((p) => p.path)).toEqual(['occurredUntil']);
    const both = timelineProblems(
      { ...base, occurredAt: new Date('2025-06-05T00:00:00Z'), occurredFrom: new Date('2025-06-05T00:00:00Z') },
      now,
    );
    expect(both.map((p) => p.path)).toEqual(['occurredAt']);
  });

  it('refuses a controller awareness later than the moment the report reached the controller (§9.1 item 2)', () => {
    const problems = timelineProblems(
      { ...base, reportedToControllerAt: new Date('2025-06-06T11:00:00Z'), controllerAwareAt: new Date('2025-06-06T11:30:00Z') },
      now,
    );
    expect(problems.map((p) => p.path)).toEqual(['controllerAwareAt']);
  });
});

describe('containment and other bodies informed', () => {
  const now = new Date('2025-06-06T12:00:00Z');
  const base = {
    ongoing: null,
    containedAt: null,
    start: new Date('2025-06-06T08:00:00Z'),
    otherAuthoritiesInformed: null,
    containedAtGiven: false,
  };

  it('accepts every fact unknown, and a containment time with "ongoing" unknown or false', () => {
    expect(containmentProblems(base, now)).toEqual([]);
    expect(containmentProblems({ ...base, containedAt: new Date('2025-06-06T09:00:00Z'), containedAtGiven: true }, now)).toEqual([]);
    expect(containmentProblems({ ...base, ongoing: false, containedAt: new Date('2025-06-06T09:00:00Z') }, now)).toEqual([]);
  });

  it('refuses a containment time while the breach goes on, naming the field the request set', () => {
    const contained = { ...base, ongoing: true, containedAt: new Date('2025-06-06T09:00:00Z') };
    expect(containmentProblems({ ...contained, containedAtGiven: true }, now).map((p) => p.path)).toEqual(['containedAt']);
    expect(containmentProblems(contained, now).map((p) => p.path)).toEqual(['ongoing']);
  });

  it('refuses a containment before the breach began or in the future, and a body informed in the future', () => {
    expect(containmentProblems({ ...base, containedAt: new Date('2025-06-06T07:59:00Z') }, now)).toEqual([
      { path: 'containedAt', message: 'must not be before the breach began (occurredAt or occurredFrom)' },
    ]);
    expect(containmentProblems({ ...base, containedAt: new Date('2025-06-06T12:01:01Z') }, now)).toEqual([
      { path: 'containedAt', message: 'must not be in the future' },
    ]);
    const informed = [
      { name: 'Police', at: '2025-06-06T11:00:00.000Z', reference: null },
      { name: 'BSI', at: '2025-06-06T13:00:00.000Z', reference: null },
    ];
    expect(containmentProblems({ ...base, otherAuthoritiesInformed: informed }, now)).toEqual([
      { path: 'otherAuthoritiesInformed.1.at', message: 'must not be in the future' },
    ]);
  });
});
