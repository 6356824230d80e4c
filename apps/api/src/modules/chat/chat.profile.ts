import { type BusinessProfile, normalizeProfile } from '../../ai/index.ts';
import type { Tx } from '../../db/client.ts';
import { profileToChanges, rowToProfile } from '../profile/profile.mapper.ts';
import type { ProfileRepository } from '../profile/profile.repository.ts';

/**
 * Stores the advisor's view of the fields it learned (`fields`, taken from the merged `profile`),
 * on `conn` when given (a turn's transaction), and returns the profile as stored: fields the
 * owner set by hand keep their values.
 */
export async function storeLearned(
  profiles: ProfileRepository,
  userId: string,
  profile: BusinessProfile,
  fields: readonly string[],
  conn?: Tx,
): Promise<BusinessProfile> {
  const learned = Object.fromEntries(
    Object.entries(profile).filter(([field]) => fields.includes(field)),
  );
  const row = await profiles.saveFromAdvisor(userId, profileToChanges(learned), conn);
  return normalizeProfile(rowToProfile(row));
}
