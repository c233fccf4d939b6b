import { isControllerDpo, isEditingSide, isReportingProcessor, mayEdit } from './incident-permissions';

const incident = { controllerId: 'ctrl', reporterOrgId: 'proc', status: 'reported' as const };
const dpo = { role: 'controller_dpo' as const, organizationId: 'ctrl' };
const staff = { role: 'processor_staff' as const, organizationId: 'proc' };

describe('incident permissions', () => {
  it('lets the controller’s DPOs and the reporting processor’s staff edit an open incident', () => {
    expect(mayEdit(dpo, incident)).toBe(true);
    expect(mayEdit(staff, incident)).toBe(true);
  });

  it('lets nobody edit a closed incident', () => {
    expect(mayEdit(dpo, { ...incident, status: 'closed' })).toBe(false);
    expect(mayEdit(staff, { ...incident, status: 'closed' })).toBe(false);
    expect(isEditingSide(dpo, incident)).toBe(true);
  });

  it('refuses the wrong role in the right organization and the right role in another one', () => {
    expect(mayEdit({ role: 'org_admin', organizationId: 'ctrl' }, incident)).toBe(false);
    expect(mayEdit({ role: 'processor_staff', organizationId: 'ctrl' }, incident)).toBe(false);
    expect(mayEdit({ role: 'controller_dpo', organizationId: 'proc' }, incident)).toBe(false);
    expect(mayEdit({ role: 'processor_staff', organizationId: 'other' }, incident)).toBe(false);
  });

  it('tells the controller’s DPO from the reporting processor', () => {
    expect([isControllerDpo(dpo, incident), isReportingProcessor(dpo, incident)]).toEqual([true, false]);
    expect([isControllerDpo(staff, incident), isReportingProcessor(staff, incident)]).toEqual([false, true]);
  });
});
