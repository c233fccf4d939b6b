import type { DeadlineState } from '../../deadlines/domain/deadline-rules';

// One open clock of GET /deadlines (mapped in deadlines.controller.ts); the e2e test validates real
// answers against it.
export class DeadlineSchema {
  incidentId: string;
  reference: string;
  title: string;
  status: string;
  kind: 'authority' | 'processor_to_controller';
  startedAt: string;
  dueAt: string;
  dueAtLocal: string;
  secondsLeft: number | null;
  state: DeadlineState;
}

export class DeadlineListSchema {
  items: DeadlineSchema[];
}
