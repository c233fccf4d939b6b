import { parseReminderSetting, reminderSettingText } from './reminder-setting';

describe('the reminder setting', () => {
  it('reads an interval, off, or default', () => {
    expect(parseReminderSetting('24h')).toEqual({ ok: true, minutes: 1440 });
    expect(parseReminderSetting(' 2d ')).toEqual({ ok: true, minutes: 2880 });
    expect(parseReminderSetting('90m')).toEqual({ ok: true, minutes: 90 });
    expect(parseReminderSetting('off')).toEqual({ ok: true, minutes: 0 });
    expect(parseReminderSetting('default')).toEqual({ ok: true, minutes: null });
  });

  it.each(['', '0h', '30m', '31d', 'daily', '1.5h', '-1h'])('refuses %p', (text) => expect(parseReminderSetting(text).ok).toBe(false));

  it('writes it back', () => {
    expect([null, 0, 1440, 90].map(reminderSettingText)).toEqual(['default', 'off', '24h', '90m']);
  });
});
