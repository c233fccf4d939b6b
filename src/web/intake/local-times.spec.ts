import { ValidationError } from '../../platform/http/domain-error';
import { notificationInput } from '../incident/incident-forms';
import { intakeInput } from './intake-form';

// The forms that read local times turn a time the clocks skip into an error on that field.
describe('local times in the forms', () => {
  it('the intake form names each field whose time does not exist, and reads a repeated time as the earlier instant', () => {
    const { dto, errors } = intakeInput(
      { discoveredAt: '2026-03-29T02:15', controllerAwareAt: '2026-10-25T02:15', occurredAt: '2026-03-29T02:59' },
      'Europe/Berlin',
    );
    expect(errors.map((e) => e.path)).toEqual(['occurredAt', 'discoveredAt']);
    expect(errors[0].message).toMatch(/^does not exist in Europe\/Berlin/);
    expect(dto.controllerAwareAt).toBe('2026-10-25T00:15:00.000Z');
    expect(dto.discoveredAt).toBeUndefined();
  });

  it('the notification form refuses a "sent at" the clocks skip, naming sentAt', () => {
    expect(() => notificationInput({ kind: 'authority_initial', sentAt: '2026-03-29T02:30' }, 'Europe/Berlin')).toThrow(ValidationError);
    try {
      notificationInput({ kind: 'authority_initial', sentAt: '2026-03-29T02:30' }, 'Europe/Berlin');
    } catch (error) {
      expect((error as ValidationError).errors).toEqual([
        { path: 'sentAt', message: expect.stringMatching(/^does not exist in Europe\/Berlin/) },
      ]);
    }
    expect(notificationInput({ kind: 'authority_initial', sentAt: '2026-10-25T02:30' }, 'Europe/Berlin').sentAt).toBe(
      '2026-10-25T00:30:00.000Z',
    );
  });
});
