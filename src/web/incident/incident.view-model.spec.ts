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
const view = {
  incident,
  missing: ['likelyConsequences'],
  clocks: {
    processorToController: { startedAt: incident.discoveredAt, dueAt: new Date('2025-06-06T08:00:00Z'), completedAt: null, state: 'met' },
    authority: { startedAt: incident.controllerAwareAt, dueAt: new Date(now.getTime() + 2 * HOUR), completedAt: null, state: 'running' },
  },
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

  it('shows each clock with its state, time left and urgency band', () => {
    expect(incidentModel(facts()).clocks).toEqual([
      expect.objectContaining({ name: 'Report to the controller', state: 'met in time', running: false, band: 'ok' }),
      expect.objectContaining({
        name: 'Notify the supervisory authority',
        state: 'running',
        running: true,
        left: '2 h 0 min',
        band: 'urgent',
      }),
    ]);
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
