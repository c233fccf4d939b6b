import { ApiToken } from '../api-token.entity';
import { tokenStatus } from '../domain/tokens';

export function toApiTokenResponse(t: ApiToken, now: Date) {
  return {
    id: t.id,
    name: t.name,
    user: t.user ? { id: t.user.id, email: t.user.email } : { id: t.userId },
    status: tokenStatus(t, now),
    createdAt: t.createdAt.toISOString(),
    expiresAt: t.expiresAt?.toISOString() ?? null,
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
  };
}
