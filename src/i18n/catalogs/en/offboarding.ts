import type { Catalog } from '../../catalog';

// The English words of the offboarding page (/admin/offboarding); the pages see them as web words.
export const enOffboardingWeb: Catalog['offboarding'] = {
  adminOffboarding: 'Export and delete',
  adminOffboardingHelp: 'Download everything of your organization as one archive, or delete the organization when the contract ends.',
  exportHeading: 'Export everything of this organization',
  exportHelp: 'One file (JSON) with your users, API tokens (without their secrets), contracts, incidents, assessments, decisions, notifications as sent, obligations and your audit trail, with a manifest of SHA-256 checksums. The command "breachclock org verify-export" checks it. The export is recorded in your audit trail.',
  exportButton: 'Download the archive',
  deleteHeading: 'Delete this organization',
  deleteGoes: 'What is deleted',
  deleteGoesList: 'Your incidents as controller, with their assessments, decisions, notifications, obligations and warnings (reports processors filed with you included) | Reports you started as processor but never submitted | Your contracts, users, API tokens, sessions, webhooks and your audit trail (a record that it existed stays, so the installation can still prove its history)',
  deleteStays: 'What stays',
  deleteStaysList: 'A report you submitted as processor stays with the controller you reported to: they need it for their own duties under Art. 33 GDPR. Your people are removed from it (contact names, e-mail addresses, phone numbers, reporter), and so is the link to your organization | A processor that reported to you keeps its own audit trail of what it reported and when',
  deleteNoUndo: 'This cannot be undone. Download the archive first if you need a copy.',
  deleteContinue: 'Continue to deletion',
  deleteConfirmHeading: 'Confirm the deletion of {name}',
  deleteConfirmHelp: 'Type the short name of your organization, {slug}, to confirm. Everyone of your organization is signed out; you too.',
  deleteConfirmLabel: 'Short name of the organization',
  deleteConfirmButton: 'Delete the organization for good',
  deleteCancel: 'Back, delete nothing',
  deleteWrongSlug: 'This is not the short name of your organization. Nothing was deleted.',
  goodbyeTitle: 'Organization deleted',
  goodbyeText: '{name} and its data are deleted; you are signed out. Thank you for using breachclock.',
  goodbyeSummary: 'Deleted: incidents {incidents}, contracts {contracts}, users {users}. Reports that stay with their controllers without your people: {kept}.',
};
