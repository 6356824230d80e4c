import type { BusinessStory } from '@quento/analyzer';
import {
  BusinessDetails,
  BusinessProfile,
  emptyBusinessDetails,
  PROFILE_FIELDS,
  type ProfileResponse,
} from '@quento/contracts';
import { emptyProfile, missingProfileFields, REQUIRED_PROFILE_FIELDS } from '../../ai/profile.ts';
import type { ProfileChanges, ProfileRow } from './profile.repository.ts';

export function rowToProfile(row: ProfileRow | undefined): BusinessProfile | null {
  if (!row) return null;
  return {
    name: row.name,
    offering: row.offering,
    audience: row.audience,
    differentiators: row.differentiators,
    goals: row.goals,
    website_url: row.websiteUrl,
    competitors: row.competitors,
  };
}

export function profileToChanges(p: Partial<BusinessProfile>): ProfileChanges {
  const changes: ProfileChanges = {};
  if (p.name !== undefined) changes.name = p.name;
  if (p.offering !== undefined) changes.offering = p.offering;
  if (p.audience !== undefined) changes.audience = p.audience;
  if (p.differentiators !== undefined) changes.differentiators = p.differentiators;
  if (p.goals !== undefined) changes.goals = p.goals;
  if (p.website_url !== undefined) changes.websiteUrl = p.website_url;
  if (p.competitors !== undefined) changes.competitors = p.competitors;
  return changes;
}

/**
 * The stored profile, normalised for the client: every field present. A stored value the schema
 * would reject (an empty string, a URL from before the checks) reads as empty rather than failing
 * the response.
 */
export function toProfileResponse(row: ProfileRow | undefined): ProfileResponse {
  const stored = rowToProfile(row) ?? emptyProfile();
  const profile = { ...emptyProfile() };
  const shape = BusinessProfile.shape;
  for (const field of PROFILE_FIELDS) {
    const value = stored[field];
    if (Array.isArray(value)) {
      const item = (shape[field] as typeof shape.goals).element;
      (profile[field] as string[]) = value.filter((v) => item.safeParse(v).success);
    } else if (shape[field].safeParse(value).success) {
      (profile as Record<string, unknown>)[field] = value;
    }
  }
  return {
    profile,
    details: rowToDetails(row),
    owner_fields: PROFILE_FIELDS.filter((f) => row?.ownerFields.includes(f)),
    complete: missingProfileFields(profile, REQUIRED_PROFILE_FIELDS).length === 0,
    missing_fields: missingProfileFields(profile, REQUIRED_PROFILE_FIELDS),
    updated_at: row ? row.updatedAt.toISOString() : null,
  };
}

/** The stored details, every key present; a stored value the schema rejects reads as empty. */
export function rowToDetails(row: ProfileRow | undefined): BusinessDetails {
  const out = emptyBusinessDetails();
  const stored = row?.details ?? {};
  const shape = BusinessDetails.shape;
  for (const key of Object.keys(shape) as (keyof BusinessDetails)[]) {
    const parsed = shape[key].safeParse(stored[key]);
    if (parsed.success) (out as Record<string, unknown>)[key] = parsed.data;
  }
  return out;
}

/** The owner's story as the analyzer reads it: the profile's name and website and the details. */
export function toBusinessStory(row: ProfileRow | undefined): BusinessStory | null {
  if (!row) return null;
  const d = rowToDetails(row);
  return {
    name: row.name,
    website: row.websiteUrl,
    phone: d.phone,
    address: d.address,
    services: d.services,
    serviceAreas: d.service_areas,
    openingHours: d.opening_hours,
    country: d.country,
  };
}
