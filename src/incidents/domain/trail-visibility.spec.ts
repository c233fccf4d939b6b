import { PROCESSOR_VIEW_BY_ACTION, Side, TrailEvent, trailFor } from './trail-visibility';

const CONTROLLER = 'c0000000-0000-7000-8000-000000000001';
const PROCESSOR = 'p0000000-0000-7000-8000-000000000002';
const context = {
  controllerId: CONTROLLER,
  dutyKinds: new Map<string, 'processor_to_controller' | 'authority' | 'data_subjects'>([
    ['d-processor', 'processor_to_controller' as const],
    ['d-authority', 'authority' as const],
  ]),
};
const event = (action: string, extra: Partial<TrailEvent> = {}): TrailEvent => ({
  action,
  entityId: 'e',
  actorOrgId: CONTROLLER,
  changes: {},
  reason: 'the words of whoever did it',
  ...extra,
});

// Every event type, with what each side sees of it: the matrix of docs/security.md.
type Row = [string, TrailEvent, { controller: 'full'; processor: 'full' | 'without_reason' | 'hidden' }];
const MATRIX: [string, TrailEvent, { controller: 'full'; processor: 'full' | 'without_reason' | 'hidden' }][] = [
  ['incident.drafted', event('incident.drafted', { actorOrgId: PROCESSOR }), { controller: 'full', processor: 'full' }],
  ['incident.reported', event('incident.reported', { actorOrgId: PROCESSOR }), { controller: 'full', processor: 'full' }],
  ['incident.submitted', event('incident.submitted', { actorOrgId: PROCESSOR }), { controller: 'full', processor: 'full' }],
  ['incident.updated', event('incident.updated'), { controller: 'full', processor: 'full' }],
  ['incident.status_changed', event('incident.status_changed'), { controller: 'full', processor: 'without_reason' }],
  ['assessment.recorded', event('assessment.recorded'), { controller: 'full', processor: 'hidden' }],
  ['decision.recorded', event('decision.recorded'), { controller: 'full', processor: 'hidden' }],
  [
    'notification.recorded (authority)',
    event('notification.recorded', { changes: { kind: { from: null, to: 'authority_initial' } } }),
    { controller: 'full', processor: 'hidden' },
  ],
  [
    'notification.recorded (people)',
    event('notification.recorded', { changes: { kind: { from: null, to: 'data_subjects' } } }),
    { controller: 'full', processor: 'hidden' },
  ],
  [
    'notification.recorded (processor report)',
    event('notification.recorded', { actorOrgId: PROCESSOR, changes: { kind: { from: null, to: 'processor_to_controller' } } }),
    { controller: 'full', processor: 'full' },
  ],
  [
    'deadline.acknowledged (processor clock)',
    event('deadline.acknowledged', { entityId: 'd-processor', actorOrgId: null }),
    { controller: 'full', processor: 'full' },
  ],
  [
    'deadline.acknowledged (authority clock)',
    event('deadline.acknowledged', { entityId: 'd-authority', actorOrgId: null }),
    { controller: 'full', processor: 'hidden' },
  ],
  ['escalation.requeued (by the controller)', event('escalation.requeued'), { controller: 'full', processor: 'hidden' }],
  [
    'escalation.requeued (by the processor)',
    event('escalation.requeued', { actorOrgId: PROCESSOR }),
    { controller: 'full', processor: 'full' },
  ],
  ...(['obligation.created', 'obligation.updated', 'obligation.fulfilled', 'obligation.waived'] as const).flatMap((action): Row[] => [
    [
      `${action} (the processor's report to the controller)`,
      event(action, { changes: { key: { from: null, to: 'contract/report_to_controller/controller' } } }),
      { controller: 'full', processor: 'full' },
    ],
    [
      `${action} (a duty of the controller)`,
      event(action, { changes: { key: { from: null, to: 'gdpr/notify_authority/de-he' } } }),
      { controller: 'full', processor: 'hidden' },
    ],
  ]),
  ['incident.reopened', event('incident.reopened'), { controller: 'full', processor: 'without_reason' }],
  ['classification.recorded', event('classification.recorded'), { controller: 'full', processor: 'hidden' }],
  ['an event type nobody has classified yet', event('something.new'), { controller: 'full', processor: 'hidden' }],
];

describe('who sees which audit event of an incident', () => {
  it.each(MATRIX)('%s', (_name, e, expected) => {
    for (const side of ['controller', 'processor'] as Side[]) {
      const seen = trailFor(side, [e], context);
      const view = seen.length === 0 ? 'hidden' : seen[0].reason === null ? 'without_reason' : 'full';
      expect([side, view]).toEqual([side, expected[side]]);
    }
  });

  it('classifies every event type the services record', () => {
    expect(Object.keys(PROCESSOR_VIEW_BY_ACTION).sort()).toEqual(
      [
        'assessment.recorded',
        'deadline.acknowledged',
        'decision.recorded',
        'escalation.requeued',
        'incident.drafted',
        'incident.reported',
        'incident.status_changed',
        'incident.submitted',
        'incident.updated',
        'notification.recorded',
        'incident.reopened',
        'obligation.created',
        'obligation.updated',
        'obligation.fulfilled',
        'obligation.waived',
        'classification.recorded',
      ].sort(),
    );
  });
});
