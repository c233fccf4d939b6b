import { Contract } from '../contract.entity';
import { DEFAULT_MILESTONES, durationText } from '../domain/escalation-settings';
import { reminderSettingText } from '../../identity/domain/reminder-setting';

export function toContractResponse(c: Contract) {
  return {
    id: c.id,
    reference: c.reference,
    controller: c.controller ? { id: c.controller.id, slug: c.controller.slug, name: c.controller.name } : { id: c.controllerId },
    processor: c.processor ? { id: c.processor.id, slug: c.processor.slug, name: c.processor.name } : { id: c.processorId },
    signedOn: c.signedOn,
    processorNoticeHours: c.processorNoticeHours,
    dataCategories: c.dataCategories,
    subjectCategories: c.subjectCategories,
    subProcessors: c.subProcessors,
    escalationContacts: c.escalationContacts,
    escalation: {
      milestones: (c.escalationMilestones ?? DEFAULT_MILESTONES).map(durationText),
      deputies: c.deputyContacts,
      deputiesAfter: durationText(c.deputyAfterMinutes),
      reminders: reminderSettingText(c.reminderEveryMinutes),
    },
  };
}
