import { z } from 'zod';
import { LIMITS, text } from './strings.ts';

/** The business profile's fields, in the order the core-story questions are asked. */
export const PROFILE_FIELDS = [
  'name',
  'offering',
  'audience',
  'differentiators',
  'goals',
  'website_url',
  'competitors',
] as const;
export const ProfileField = z.enum(PROFILE_FIELDS);
export type ProfileField = z.infer<typeof ProfileField>;

/**
 * Ring 1 is complete when these hold a value. Competitors are asked for but optional: the analyst
 * agent's competitor finder can suggest them, and many owners cannot name one.
 */
export const REQUIRED_PROFILE_FIELDS: readonly ProfileField[] = [
  'name',
  'offering',
  'audience',
  'differentiators',
  'goals',
  'website_url',
];

/** The business profile (ring 1's core story), as the advisor and the owner fill it in. */
export const BusinessProfile = z.object({
  name: z.string().min(1).nullable(),
  offering: z.string().min(1).nullable(),
  audience: z.string().min(1).nullable(),
  differentiators: z.array(z.string().min(1)),
  goals: z.array(z.string().min(1)),
  website_url: z.url().nullable(),
  competitors: z.array(z.url()),
});
export type BusinessProfile = z.infer<typeof BusinessProfile>;

/** GET and PUT /users/me/profile. */
export const ProfileResponse = z.object({
  /** Every field present; empty ones are null or []. */
  profile: BusinessProfile,
  /** Fields the owner set by hand: the advisor never overwrites them. */
  owner_fields: z.array(ProfileField),
  /** Ring 1 is complete: every required field holds a value. */
  complete: z.boolean(),
  /** Required fields that are still empty. */
  missing_fields: z.array(ProfileField),
  /** Null until the profile is first written. */
  updated_at: z.iso.datetime().nullable(),
});
export type ProfileResponse = z.infer<typeof ProfileResponse>;

const Text = (max: number) => text().trim().min(1).max(max);
/** An http(s) address; the scheme may be left out (https is assumed). Checked by the API: 422. */
const UrlInput = text().trim().min(1).max(LIMITS.url);

/**
 * A partial update by the owner: only the keys sent change, any other key is a 400. Lists replace
 * the stored ones. A field set here is the owner's from then on; null or [] clears it and gives
 * it back to the advisor.
 */
export const UpdateProfileRequest = z.strictObject({
  name: Text(LIMITS.name).nullable().optional(),
  offering: Text(LIMITS.profileText).nullable().optional(),
  audience: Text(LIMITS.profileText).nullable().optional(),
  differentiators: z.array(Text(LIMITS.profileItem)).max(LIMITS.profileItems).optional(),
  goals: z.array(Text(LIMITS.profileItem)).max(LIMITS.profileItems).optional(),
  website_url: UrlInput.nullable().optional(),
  competitors: z.array(UrlInput).max(LIMITS.competitors).optional(),
});
export type UpdateProfileRequest = z.infer<typeof UpdateProfileRequest>;
