import type { Role } from '../../identity/user.entity';
import { acceptsFollowUps, IncidentStatus } from './incident-status';

// Who may act on an incident, by the caller's role and organization (the API and the pages alike).

export interface Caller {
  role: Role;
  organizationId: string;
}

export interface IncidentSides {
  controllerId: string;
  reporterOrgId: string | null;
  status: IncidentStatus;
}

// A DPO of the incident's controller: assesses, decides, drafts the controller's notifications.
export function isControllerDpo(caller: Caller, incident: Pick<IncidentSides, 'controllerId'>): boolean {
  return caller.role === 'controller_dpo' && incident.controllerId === caller.organizationId;
}

// Staff of the processor that filed the report.
export function isReportingProcessor(caller: Caller, incident: Pick<IncidentSides, 'reporterOrgId'>): boolean {
  return caller.role === 'processor_staff' && incident.reporterOrgId === caller.organizationId;
}

// The two sides that add facts to an incident, whatever its status.
export function isEditingSide(caller: Caller, incident: Pick<IncidentSides, 'controllerId' | 'reporterOrgId'>): boolean {
  return isReportingProcessor(caller, incident) || isControllerDpo(caller, incident);
}

// Whether the caller may add facts now: an editing side, and the incident not closed.
export function mayEdit(caller: Caller, incident: IncidentSides): boolean {
  return acceptsFollowUps(incident.status) && isEditingSide(caller, incident);
}
