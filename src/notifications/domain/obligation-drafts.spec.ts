import { obligationDraft } from './obligation-drafts';

const duty = (regime: string, d: string, kind = 'authority') =>
  ({ regime, duty: d, recipient: { kind } }) as Parameters<typeof obligationDraft>[0];

describe('the draft that fits an obligation', () => {
  it('drafts the authority duties of the GDPR, UK GDPR and revFADP as the authority notification under their law, initial or follow-up', () => {
    expect(obligationDraft(duty('gdpr', 'notify_authority'), {})).toEqual({
      ok: true,
      draft: { kind: 'document', document: 'authority-initial', law: 'gdpr' },
    });
    expect(obligationDraft(duty('uk_gdpr', 'notify_authority'), { phase: 'followup' })).toEqual({
      ok: true,
      draft: { kind: 'document', document: 'authority-followup', law: 'uk_gdpr' },
    });
    expect(obligationDraft(duty('ch_fadp', 'notify_authority'), { phase: 'initial' })).toMatchObject({ draft: { law: 'ch_fadp' } });
  });

  it("drafts the people's letter, or the public communication when the recipient is the public, and the processor's report", () => {
    expect(obligationDraft(duty('gdpr', 'communicate_to_data_subjects', 'data_subjects'), {})).toMatchObject({
      draft: { document: 'data-subjects' },
    });
    expect(obligationDraft(duty('gdpr', 'communicate_to_data_subjects', 'public'), {})).toMatchObject({
      draft: { document: 'public-communication' },
    });
    expect(obligationDraft(duty('contract', 'report_to_controller', 'controller'), {})).toMatchObject({
      draft: { document: 'processor-report' },
    });
  });

  it('drafts NIS2, DORA and ePrivacy duties as the summary of their stage', () => {
    for (const [regime, d] of [
      ['nis2', 'early_warning'],
      ['nis2', 'incident_notification'],
      ['nis2', 'final_report'],
      ['dora', 'initial_notification'],
      ['dora', 'intermediate_report'],
      ['dora', 'final_report'],
      ['eprivacy', 'notify_authority'],
    ]) {
      expect(obligationDraft(duty(regime, d, 'csirt'), {})).toEqual({ ok: true, draft: { kind: 'summary', stage: `${regime}/${d}` } });
    }
  });

  it('refuses a phase for a duty that has no initial notification and follow-up', () => {
    expect(obligationDraft(duty('nis2', 'early_warning', 'csirt'), { phase: 'followup' })).toEqual({
      ok: false,
      path: 'phase',
      message: 'applies only to the authority duties of the GDPR, UK GDPR and revFADP, not to nis2/early_warning',
    });
    expect(obligationDraft(duty('eprivacy', 'notify_authority'), { phase: 'initial' })).toMatchObject({ ok: false, path: 'phase' });
    expect(obligationDraft(duty('contract', 'report_to_controller', 'controller'), { phase: 'initial' })).toMatchObject({ ok: false });
  });
});
