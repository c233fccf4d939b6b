import { savedOf, settingsModel } from './settings.view-model';

const zones = ['Europe/Berlin', 'Europe/London'];

describe('the settings page', () => {
  it('reads what was saved from the address', () => {
    expect([savedOf('1'), savedOf('password'), savedOf(undefined), savedOf('yes')]).toEqual([true, 'password', false, false]);
  });

  it('offers both languages and the zones, the stored ones selected', () => {
    const model = settingsModel('en', { locale: 'de', timeZone: 'Europe/London' }, [], true, zones);
    expect(model.languages).toEqual([
      { value: 'de', label: 'Deutsch', selected: true },
      { value: 'en', label: 'English', selected: false },
    ]);
    expect(model.zones).toEqual([
      { value: 'Europe/Berlin', selected: false },
      { value: 'Europe/London', selected: true },
    ]);
    expect(model).toMatchObject({ title: 'Settings', saved: true, passwordChanged: false, errors: [] });
  });

  it('puts an unknown zone first, selected, with its error next to the field', () => {
    const model = settingsModel(
      'de',
      { locale: 'de', timeZone: 'Mars/Olympus' },
      [{ path: 'timeZone', message: 'is unknown' }],
      false,
      zones,
    );
    expect(model.zones[0]).toEqual({ value: 'Mars/Olympus', selected: true });
    expect(model.e.timeZone).toBe('is unknown');
    expect(model.e.locale).toBeNull();
    expect(model.errors).toEqual([{ href: '#timeZone', label: expect.any(String), message: 'is unknown' }]);
    expect(model.title).toBe('Einstellungen');
  });

  it('says when the password was changed', () => {
    expect(settingsModel('en', { locale: 'en', timeZone: 'Europe/Berlin' }, [], 'password', zones)).toMatchObject({
      saved: false,
      passwordChanged: true,
    });
  });
});
