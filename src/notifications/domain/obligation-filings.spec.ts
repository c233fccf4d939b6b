import { kindFor, obligationsAnswering } from './obligation-filings';

describe('which notification fulfils which obligation', () => {
  it('records authority duties under GDPR, UK GDPR and revFADP as initial authority notifications', () => {
    for (const regime of ['gdpr', 'uk_gdpr', 'ch_fadp'] as const)
      expect(kindFor({ regime, duty: 'notify_authority', recipient: { kind: 'authority' } })).toBe('authority_initial');
  });

  it('records NIS2, DORA and ePrivacy reports as filings (no template of their own)', () => {
    expect(kindFor({ regime: 'nis2', duty: 'early_warning', recipient: { kind: 'csirt' } })).toBe('filing');
    expect(kindFor({ regime: 'dora', duty: 'initial_notification', recipient: { kind: 'authority' } })).toBe('filing');
    expect(kindFor({ regime: 'eprivacy', duty: 'notify_authority', recipient: { kind: 'authority' } })).toBe('filing');
  });

  it('tells the people directly or by a public communication, and the processor reports to the controller', () => {
    expect(kindFor({ regime: 'gdpr', duty: 'communicate_to_data_subjects', recipient: { kind: 'data_subjects' } })).toBe('data_subjects');
    expect(kindFor({ regime: 'gdpr', duty: 'communicate_to_data_subjects', recipient: { kind: 'public' } })).toBe('public_communication');
    expect(kindFor({ regime: 'contract', duty: 'report_to_controller', recipient: { kind: 'controller' } })).toBe(
      'processor_to_controller',
    );
  });

  it('lets a follow-up fulfil nothing, and an initial notification prefer the GDPR duty of its authority', () => {
    expect(obligationsAnswering('authority_followup')).toBeNull();
    expect(obligationsAnswering('authority_initial')).toEqual({ regimes: ['gdpr', 'uk_gdpr', 'ch_fadp'], duty: 'notify_authority' });
    expect(obligationsAnswering('public_communication')).toEqual({ regimes: ['gdpr'], duty: 'communicate_to_data_subjects' });
  });
});
