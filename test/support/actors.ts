import type { Actor } from '../../src/identity/domain/actor';

// Actors for unit tests of pages and rules: a controller's DPO and a processor's staff member, in
// English and Berlin time unless overridden.
export function makeActor(overrides: Partial<Actor> = {}): Actor {
  return {
    userId: 'u1',
    email: 'dpo@ctrl.example',
    organizationId: 'ctrl',
    role: 'controller_dpo',
    locale: 'en',
    timeZone: 'Europe/Berlin',
    ...overrides,
  };
}

export const DPO = makeActor();
export const STAFF = makeActor({ email: 'staff@proc.example', organizationId: 'proc', role: 'processor_staff' });
