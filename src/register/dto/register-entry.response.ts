import { toAssessmentResponse, toDecisionResponse } from '../../assessments/dto/assessment.response';
import { Actor } from '../../identity/domain/actor';
import { toIncidentResponse } from '../../incidents/dto/incident.response';
import { toNotificationSummary } from '../../notifications/dto/notification.response';
import type { RegisterEntry } from '../register.service';

// One entry of the register in JSON (GET /register, and the register evidence bundle).
export function toRegisterEntryResponse(e: RegisterEntry, actor: Actor) {
  return {
    ...toIncidentResponse(e.view, actor.timeZone, actor.organizationId),
    contractReference: e.view.incident.contract?.reference ?? null,
    assessment: e.assessment ? toAssessmentResponse(e.assessment) : null,
    decisions: e.decisions.map((d) => toDecisionResponse(d)),
    // What was sent, without the bodies (GET …/notifications has them).
    notifications: e.notifications.map(toNotificationSummary),
  };
}
