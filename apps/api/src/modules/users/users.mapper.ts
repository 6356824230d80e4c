import type { User } from '@quento/contracts';
import type { UserRow } from './users.repository.ts';

/** The public view of a user row: no password hash, dates as ISO strings, snake_case. */
export function toUserDto(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    full_name: row.fullName,
    company_name: row.companyName,
    current_ring: row.currentRing,
    settings: row.settings,
    is_active: row.isActive,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    last_login_at: row.lastLoginAt?.toISOString() ?? null,
  };
}
