import { fullReport } from '../../../test/support/factories';
import { batchDto } from './batch-form';
import { draftFormValues, replacingFacts } from './batch-draft-form';

// A draft's edit page posts back what was stored: batchDto(draftFormValues(x)) is x again.
describe('the batch form of a stored draft', () => {
  const intake = (() => {
    const report = fullReport(undefined, '2025-06-06T08:00:00.000Z', {
      occurredFrom: '2025-06-05T22:00:00.000Z',
      occurredUntil: '2025-06-06T06:30:00.000Z',
      ongoing: false,
      containedAt: '2025-06-06T07:00:00.000Z',
      discoveryMethod: 'Customer complaint',
      specialCategories: [],
      vulnerableSubjects: true,
      affectedCountries: ['DE', 'AT'],
      subProcessor: 'Mailer Cloud Ltd',
      securityBefore: { encryption: 'none', description: 'Plain text export' },
      consequencesMaterialised: 'Phishing mails seen',
      reporter: { name: 'Rita Reporter', role: 'CISO' },
      otherAuthoritiesInformed: [{ name: 'Police Freiburg', at: '2025-06-06T09:15:00.000Z', reference: 'AZ 1/25' }],
    });
    delete report.contractId;
    return report;
  })();

  it.each([
    ['all', 'all'],
    ['ids', ['0190f2a4-0000-7000-8000-000000000001', '0190f2a4-0000-7000-8000-000000000002']],
    ['a sub-processor', { subProcessor: 'Mailer Cloud Ltd' }],
  ])('reads back the same request for %s, in Berlin time', (_name, selection) => {
    const values = draftFormValues(selection as never, intake, 'Europe/Berlin');
    expect(values.discoveredAt).toBe('2025-06-06T10:00');
    const dto = batchDto(values, 'Europe/Berlin');
    expect(JSON.parse(JSON.stringify(dto))).toEqual({ contracts: selection, incident: intake });
  });

  it('clears the facts the edited form no longer gives, and never keeps "draft"', () => {
    expect(replacingFacts({ title: 'a', measuresTaken: 'b', draft: true }, { title: 'c', draft: true })).toEqual({
      measuresTaken: null,
      title: 'c',
    });
  });
});
