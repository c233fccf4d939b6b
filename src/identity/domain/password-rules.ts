import type { FieldError } from '../../platform/http/domain-error';

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 1024;

// A new password typed twice: 12 to 1,024 characters, both the same. The same rule for changing,
// resetting and setting a first password.
export function newPasswordProblems(input: { newPassword?: unknown; confirmPassword?: unknown }): FieldError[] {
  const next = typeof input.newPassword === 'string' ? input.newPassword : '';
  if (next.length < PASSWORD_MIN || next.length > PASSWORD_MAX)
    return [{ path: 'newPassword', message: `must be ${PASSWORD_MIN} to ${PASSWORD_MAX} characters long` }];
  if (input.confirmPassword !== next) return [{ path: 'confirmPassword', message: 'does not match the new password' }];
  return [];
}

// A link's token: the row's id and the HMAC over what the row says, "<uuid>.<base64url>".
export function parseLinkToken(token: unknown): { id: string; signature: string } | null {
  const match =
    typeof token === 'string' ? /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{43})$/.exec(token) : null;
  return match ? { id: match[1], signature: match[2] } : null;
}
