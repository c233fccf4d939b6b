// How often a duty without a deadline (revFADP Art. 24, GDPR Art. 34) is brought back to the DPO's
// attention: a setting of the organization and of each contract (the contract's wins). Pure.
//   "24h", "12h", "2d", "90m" → minutes (at least 1 hour, at most 30 days) · "off" → 0 (no reminders)
//   · "default" → null (the organization's setting, or daily)
export const REMINDER_SETTING_PATTERN = /^(\d{1,5}[mhd]|off|default)$/;

export function parseReminderSetting(text: string): { ok: true; minutes: number | null } | { ok: false; message: string } {
  const value = text.trim();
  if (value === 'off') return { ok: true, minutes: 0 };
  if (value === 'default') return { ok: true, minutes: null };
  const m = /^(\d{1,5})(m|h|d)$/.exec(value);
  const minutes = m ? Number(m[1]) * (m[2] === 'm' ? 1 : m[2] === 'h' ? 60 : 1440) : NaN;
  if (!(minutes >= 60 && minutes <= 30 * 1440)) {
    return { ok: false, message: 'must be an interval from 1h to 30d such as 24h, or off, or default' };
  }
  return { ok: true, minutes };
}

// As the API and the CLI show it: "24h", "off", or "default".
export function reminderSettingText(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined) return 'default';
  if (minutes === 0) return 'off';
  return minutes % 60 === 0 ? `${minutes / 60}h` : `${minutes}m`;
}
