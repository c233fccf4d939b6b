import { ValidationError } from '../../platform/http/domain-error';
import { batchDto, intakeErrorsOf } from './batch-form';

const FACTS = { title: 'Mailer breach', 'nature.description': 'Lists copied.', discoveredAt: '2025-06-06T11:30' };
const ID = '0197451c-ba00-7239-93c7-22bc7915b912';

function refusal(form: Record<string, unknown>): { path: string; message: string }[] {
  try {
    batchDto(form, 'Europe/Berlin');
  } catch (error) {
    if (error instanceof ValidationError) return error.errors ?? [];
    throw error;
  }
  throw new Error('accepted');
}

describe('the batch form read as POST /api/v1/incidents/batches takes it', () => {
  it('reads the three selections and the intake fields in the user zone, without contractId', () => {
    expect(batchDto({ scope: 'all', ...FACTS }, 'Europe/Berlin')).toMatchObject({
      contracts: 'all',
      incident: { title: 'Mailer breach', nature: { description: 'Lists copied.' } },
    });
    const dto = batchDto({ scope: 'selected', contracts: [ID], ...FACTS, contractId: ID }, 'Europe/Berlin');
    expect(dto.contracts).toEqual([ID]);
    expect(dto.incident).not.toHaveProperty('contractId');
    expect(new Date(dto.incident.discoveredAt as unknown as string).toISOString()).toBe('2025-06-06T09:30:00.000Z');
    expect(batchDto({ scope: 'selected', contracts: ID, ...FACTS }, 'UTC').contracts).toEqual([ID]);
    expect(batchDto({ scope: 'subProcessor', 'selection.subProcessor': 'Mailer Cloud Ltd', ...FACTS }, 'UTC').contracts).toEqual({
      subProcessor: 'Mailer Cloud Ltd',
    });
  });

  it('names every problem at once under the API paths', () => {
    expect(refusal({ title: '' }).map((e) => e.path)).toEqual(
      expect.arrayContaining(['contracts', 'incident.title', 'incident.nature.description', 'incident.discoveredAt']),
    );
    expect(refusal({ scope: 'selected', ...FACTS }).map((e) => e.path)).toEqual(['contracts']);
    expect(refusal({ scope: 'selected', contracts: ['nope'], ...FACTS }).map((e) => e.path)).toEqual(['contracts']);
    expect(refusal({ scope: 'subProcessor', 'selection.subProcessor': ' ', ...FACTS }).map((e) => e.path)).toEqual(['contracts']);
    expect(refusal({ scope: 'all', ...FACTS, discoveredAt: 'yesterday' }).map((e) => e.path)).toContain('incident.discoveredAt');
  });

  it('places the selection errors at the selection and the intake errors at the intake fields', () => {
    const placed = intakeErrorsOf([
      { path: 'contracts.1', message: 'x' },
      { path: 'incident.nature.description', message: 'y' },
      { path: 'incident', message: 'z' },
    ]);
    expect(placed.selection.map((e) => e.path)).toEqual(['contracts.1']);
    expect(placed.intake.map((e) => e.path)).toEqual(['nature.description', '']);
  });
});
