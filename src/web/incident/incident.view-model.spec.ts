import { DPO as dpo, STAFF as staff } from '../../../test/support/actors';
import type { IncidentView } from '../../incidents/incidents.service';
import { previewModel } from './assessment-preview.view-model';
import { choices, IncidentPageFacts, incidentModel } from './incident.view-model';

const HOUR = 3_600_000;
const now = new Date('2025-06-06T10:00:00Z');

const incident = {
  id: 'i1',
  reference: 'BC-2025-0001',
  title: 'Lost laptop',
  status: 'triage',
  version: 3,
  controllerId: 'ctrl',
  reporterOrgId: 'proc',
  contractId: 'c1',
  notABreachReason: null,
  natureDescription: 'A laptop was left on a train.',
  natureTypes: ['confidentiality'],
  natureCause: null,
  occurredAt: null,
  discoveredAt: new Date('2025-06-05T08:00:00Z'),
  reportedToControllerAt: new Date('2025-06-05T09:00:00Z'),
  controllerAwareAt: new Date('2025-06-05T09:00:00Z'),
  dataCategories: ['contact data'],
  subjectCategories: ['customers'],
  approximateSubjects: 1200,
  approximateSubjectsIsEstimate: true,
  approximateRecords: null,
  approximateRecordsIsEstimate: null,
  contactName: 'Ann',
  contactEmail: 'ann@proc.example',
  contactPhone: null,
  likelyConsequences: null,
  measuresTaken: 'Device wiped remotely',
  measuresProposed: null,
};
const words = (en: string, de: string) => ({ en, de });
const duty = (o: Record<string, unknown>, v: Record<string, unknown>) => ({
  obligation: { reasonsForDelay: null, waiveReason: null, waivedAt: null, unresolved: null, provisional: null, phase: 'live', ...o },
  view: { startsAt: null, dueAt: null, secondsLeft: null, openSince: null, fulfilledAt: null, ...v },
});
const GDPR = {
  regime: 'gdpr',
  title: words('Notify the supervisory authority', 'Meldung an die Aufsichtsbehörde'),
  legalBasis: 'Art. 33(1) GDPR',
};
const due72 = words('72 hours after the controller became aware', '72 Stunden nach Kenntnis');
const obligations = [
  duty(
    {
      id: 'o1',
      regime: 'contract',
      title: words('Report to the controller', 'Meldung an den Verantwortlichen'),
      recipient: { kind: 'controller', name: 'Controller GmbH' },
      legalBasis: 'Art. 33(2) GDPR',
      dueRule: words('the contract hours', 'die Vertragsfrist'),
      phase: 'fulfilled',
    },
    { state: 'met', dueAt: new Date('2025-06-06T08:00:00Z'), fulfilledAt: new Date('2025-06-05T09:00:00Z') },
  ),
  duty(
    { id: 'o2', ...GDPR, recipient: { kind: 'authority', name: 'CNIL' }, dueRule: due72 },
    { state: 'running', startsAt: incident.controllerAwareAt, dueAt: new Date(now.getTime() + 2 * HOUR) },
  ),
  duty(
    {
      id: 'o3',
      ...GDPR,
      recipient: { kind: 'authority', name: 'Garante' },
      dueRule: due72,
      phase: 'waived',
      waiveReason: 'No one in Italy was affected after all.',
      waivedAt: new Date('2025-06-05T12:00:00Z'),
    },
    { state: 'waived', dueAt: new Date(now.getTime() + 2 * HOUR) },
  ),
  duty(
    {
      id: 'o4',
      regime: 'ch_fadp',
      title: words('Report to the FDPIC', 'Meldung an den EDÖB'),
      recipient: { kind: 'authority', name: 'FDPIC' },
      legalBasis: 'Art. 24(1) revFADP',
      dueRule: words('as soon as possible', 'so rasch als möglich'),
      provisional: 'until the risk is assessed',
    },
    { state: 'open', startsAt: incident.controllerAwareAt, openSince: incident.controllerAwareAt },
  ),
  duty(
    {
      id: 'o5',
      ...GDPR,
      recipient: { kind: 'authority', name: 'ICO' },
      dueRule: due72,
      phase: 'fulfilled',
      reasonsForDelay: 'The processor told us two days late.',
    },
    { state: 'late', dueAt: new Date('2025-06-04T09:00:00Z'), fulfilledAt: new Date('2025-06-05T10:00:00Z') },
  ),
];
const view = {
  incident,
  missing: ['likelyConsequences'],
  clocks: { processorToController: null, authority: null },
  obligations,
} as unknown as IncidentView;

const facts = (over: Partial<IncidentPageFacts> = {}): IncidentPageFacts => ({
  actor: dpo,
  now,
  view,
  trail: [
    { occurredAt: incident.discoveredAt, actor: 'user:staff@proc.example', action: 'incident.reported' },
  ] as IncidentPageFacts['trail'],
  history: { assessments: [], decisions: [] },
  sent: [],
  contract: {
    id: 'c1',
    reference: 'DPA-7',
    processorId: 'proc',
    controllerId: 'ctrl',
    processor: { name: 'Processor AG' },
  } as IncidentPageFacts['contract'],
  errors: [],
  posted: null,
  ...over,
});

describe('the incident page', () => {
  it('shows the facts in the reader’s words, counts with their estimate, and the contract by the other side', () => {
    const model = incidentModel(facts());
    expect(model.incident).toMatchObject({
      reference: 'BC-2025-0001',
      status: 'in triage',
      contract: 'DPA-7 – Processor AG',
      types: 'Confidentiality (disclosed or accessed without authorisation)',
      cause: null,
      occurredAt: null,
      subjects: '1,200 (estimate)',
      records: null,
      contact: 'Ann, ann@proc.example',
      measuresTaken: 'Device wiped remotely',
    });
    expect(model.incident.reportedAt).toEqual({ at: '2025-06-05T09:00:00.000Z', local: expect.stringContaining('2025') });
    expect(model.timeline).toEqual([
      { at: '2025-06-05T08:00:00.000Z', local: expect.any(String), actor: 'staff@proc.example', action: 'breach reported' },
    ]);
  });

  it('shows every obligation with recipient, legal basis, deadline or open since, state, and how it ended', () => {
    const model = incidentModel(facts());
    expect(model.obligations.map((o) => [o.name, o.recipient, o.state, o.running, o.left, o.band])).toEqual([
      ['Report to the controller', 'Controller GmbH', 'met in time', false, null, 'ok'],
      ['Notify the supervisory authority', 'CNIL', 'running', true, '2 h 0 min', 'urgent'],
      ['Notify the supervisory authority', 'Garante', 'waived', false, null, 'ok'],
      ['Report to the FDPIC', 'FDPIC', 'open, no fixed deadline', false, null, 'ok'],
      ['Notify the supervisory authority', 'ICO', 'met late', false, null, 'ok'],
    ]);
    expect(model.obligations[0]).toMatchObject({
      legalBasis: 'Art. 33(2) GDPR',
      dueRule: 'the contract hours',
      fulfilledAt: '2025-06-05T09:00:00.000Z',
    });
    expect(model.obligations[2].waived).toEqual({
      reason: 'No one in Italy was affected after all.',
      at: '2025-06-05T12:00:00.000Z',
      local: expect.any(String),
    });
    expect(model.obligations[3]).toMatchObject({ dueAt: null, openSince: '2025-06-05T09:00:00.000Z', note: 'until the risk is assessed' });
    expect(model.obligations[4]).toMatchObject({
      reasonsForDelay: 'The processor told us two days late.',
      fulfilledAt: '2025-06-05T10:00:00.000Z',
    });
  });

  it('offers the DPO to record a filing and to waive a live duty of the controller, and nobody else', () => {
    const acts = (actor: IncidentPageFacts['actor']) =>
      incidentModel(facts({ actor })).obligations.map((o) => [o.id, o.mayRecord, o.mayWaive]);
    expect(acts(dpo)).toEqual([
      ['o1', false, false],
      ['o2', true, true],
      ['o3', false, false],
      ['o4', true, true],
      ['o5', false, false],
    ]);
    expect(acts(staff).every(([, record, waive]) => !record && !waive)).toBe(true);
  });

  it('names the duties and states in German', () => {
    const model = incidentModel(facts({ actor: { ...dpo, locale: 'de' } }));
    expect(model.obligations.map((o) => [o.name, o.state])).toEqual([
      ['Meldung an den Verantwortlichen', 'fristgerecht erfüllt'],
      ['Meldung an die Aufsichtsbehörde', 'läuft'],
      ['Meldung an die Aufsichtsbehörde', 'entfallen'],
      ['Meldung an den EDÖB', 'offen, ohne feste Frist'],
      ['Meldung an die Aufsichtsbehörde', 'verspätet erfüllt'],
    ]);
    expect(model.obligations[1].waiveLabel).toBe('Pflicht entfällt: Meldung an die Aufsichtsbehörde – CNIL');
  });

  it('lets the controller’s DPO edit, assess and draft everything; the reporting processor edits and drafts its report', () => {
    const asDpo = incidentModel(facts());
    expect([asDpo.isDpo, asDpo.canEdit, asDpo.drafts.length]).toEqual([true, true, 5]);
    const asStaff = incidentModel(facts({ actor: staff }));
    expect([asStaff.isDpo, asStaff.canEdit, asStaff.drafts.map((d) => d.previews.find((p) => p.lang === 'en')?.href)]).toEqual([
      false,
      true,
      ['/incidents/i1/drafts/processor-report?lang=en'],
    ]);
    const closed = { ...view, incident: { ...incident, status: 'closed' } } as unknown as IncidentView;
    expect(incidentModel(facts({ view: closed })).canEdit).toBe(false);
  });

  it('keeps what was typed into the refused form, and shows the stored facts in the others', () => {
    const posted = {
      form: 'facts' as const,
      body: { measuresTaken: 'typed', 'approximateSubjects.count': '12', 'approximateSubjects.isEstimate': 'true' },
    };
    const model = incidentModel(facts({ posted, errors: [{ path: 'version', message: 'is stale' }] }));
    expect(model.facts).toEqual({
      likelyConsequences: '',
      measuresTaken: 'typed',
      measuresProposed: '',
      subjects: '12',
      subjectsEstimate: true,
    });
    expect(model.sending).toEqual({ sentAt: '', channel: '', reference: '', reasonsForDelay: '' });
    expect(model.errors).toHaveLength(1);
    expect(incidentModel(facts()).facts).toEqual({
      likelyConsequences: '',
      measuresTaken: 'Device wiped remotely',
      measuresProposed: '',
      subjects: 1200,
      subjectsEstimate: true,
    });
  });

  it('starts the decision from “notify the authority” when nothing was assessed, and offers the notification kinds', () => {
    const model = incidentModel(facts());
    expect(model.deciding).toEqual({ notifyAuthority: true, notifySubjects: false, authorityReason: '', subjectsReason: '' });
    expect([model.assessment, model.decision]).toEqual([null, null]);
    expect(model.options.kinds.map((k) => k.value)).not.toContain('processor_to_controller');
    expect(model.missing).toHaveLength(1);
  });

  it('offers choices in words with the given one selected', () => {
    expect(choices(['low', 'high'], 'high', 'en').map((c) => c.selected)).toEqual([false, true]);
  });

  it('sums up the live score in the reader’s language', () => {
    const preview = previewModel(
      { score: 2.75, band: 'medium', recommendation: { notifyAuthority: true, notifySubjects: false, reasons: ['r1'] } } as never,
      'de',
    );
    expect(preview).toEqual({
      score: 2.75,
      band: 'mittel',
      summary: expect.stringMatching(/^[^:]+: 2,75 \(mittel\)\. .* – ja; .* – nein\.$/),
      reasons: ['r1'],
    });
  });
});
