import { makeActor } from '../../../test/support/actors';
import { IntakeContract, intakeModel, intakeRefusedMessage, uniqueErrors } from './intake.view-model';

const staff = makeActor({ organizationId: 'proc', role: 'processor_staff' });
const dpo = makeActor();
const contract = (id: string, controllerId: string, processorId: string): IntakeContract => ({
  id,
  reference: `DPA-${id}`,
  controllerId,
  processorId,
  controller: { name: 'Controller GmbH' },
  processor: { name: 'Processor AG' },
  dataCategories: ['contact data', 'payment data'],
  subjectCategories: ['customers'],
});
const contracts = [contract('c1', 'ctrl', 'proc'), contract('c2', 'other', 'proc'), contract('c3', 'ctrl', 'else')];

describe('the intake form', () => {
  it('offers a processor its own contracts, the first chosen, with that contract’s categories', () => {
    const model = intakeModel(staff, contracts, {}, []);
    expect(model.contracts).toEqual([
      { id: 'c1', label: 'DPA-c1 – Controller GmbH', selected: true },
      { id: 'c2', label: 'DPA-c2 – Controller GmbH', selected: false },
    ]);
    expect(model.dataCategories).toEqual([
      { value: 'contact data', checked: false },
      { value: 'payment data', checked: false },
    ]);
    expect(model).toMatchObject({ title: 'Report a breach', timeZone: 'Europe/Berlin', isProcessor: true, errors: [] });
  });

  it('offers a DPO their own breach first, then the contracts where they control', () => {
    const model = intakeModel(dpo, contracts, {}, []);
    expect(model.contracts).toEqual([
      { id: '', label: 'Our own breach (no processor involved)', selected: true },
      { id: 'c1', label: 'DPA-c1 – Processor AG', selected: false },
      { id: 'c3', label: 'DPA-c3 – Processor AG', selected: false },
    ]);
    expect(model.dataCategories).toEqual([]);
  });

  it('keeps what was typed after a refusal, with each error next to its field', () => {
    const typed = {
      contractId: 'c2',
      title: 'Lost laptop',
      'nature.types': 'confidentiality',
      'nature.cause': 'lost_device',
      dataCategories: ['payment data'],
      'approximateSubjects.count': '12',
      'approximateSubjects.isEstimate': 'true',
      draft: 'true',
    };
    const model = intakeModel(staff, contracts, typed, [{ path: 'discoveredAt', message: 'is required' }]);
    expect(model.contracts.find((c) => c.selected)?.id).toBe('c2');
    expect(model.types.filter((t) => t.checked).map((t) => t.value)).toEqual(['confidentiality']);
    expect(model.causes.filter((c) => c.selected).map((c) => c.value)).toEqual(['lost_device']);
    expect(model.dataCategories).toEqual([
      { value: 'contact data', checked: false },
      { value: 'payment data', checked: true },
    ]);
    expect(model.v).toMatchObject({ title: 'Lost laptop', subjects: '12', subjectsEstimate: true, records: '', draft: true });
    expect(model.e.discoveredAt).toBe('is required');
    expect(model.errors).toEqual([{ href: '#discoveredAt', label: expect.any(String), message: 'is required' }]);
  });

  it('lists each error once', () => {
    const e = { path: 'title', message: 'is required' };
    expect(uniqueErrors([e, { ...e }, { path: 'title', message: 'is too long' }])).toEqual([e, { path: 'title', message: 'is too long' }]);
  });

  it('tells an organization admin who reports breaches', () => {
    expect(intakeRefusedMessage('en')).toBe("Breaches are reported by processor staff or the controller's DPO.");
  });
});
