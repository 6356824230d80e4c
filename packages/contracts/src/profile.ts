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

/**
 * The business's contact and local details: what the story-to-site audits compare the website
 * with (phone, address, services, service areas, opening hours). Set by the owner; optional.
 */
export const BusinessDetails = z.object({
  phone: z.string().min(1).nullable(),
  /** One line: "12 Harbor Street, Portland, OR 97201". */
  address: z.string().min(1).nullable(),
  /** Services in the owner's words ("wedding cakes", "corporate catering"). */
  services: z.array(z.string().min(1)),
  /** Towns, districts or regions served. */
  service_areas: z.array(z.string().min(1)),
  /** One range a line: "Mon-Fri 7am-6pm", "Sa 08:00-14:00". */
  opening_hours: z.array(z.string().min(1)),
  /** ISO 3166-1 alpha-2, for reading national phone numbers ("US"). */
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .nullable(),
});
export type BusinessDetails = z.infer<typeof BusinessDetails>;

/** Details with nothing told: every key present, empty. A new object each call. */
export function emptyBusinessDetails(): BusinessDetails {
  return {
    phone: null,
    address: null,
    services: [],
    service_areas: [],
    opening_hours: [],
    country: null,
  };
}

/** GET and PUT /users/me/profile. */
export const ProfileResponse = z.object({
  /** Every field present; empty ones are null or []. */
  profile: BusinessProfile,
  /** Every field present; empty ones are null or []. */
  details: BusinessDetails,
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
const DetailItems = z.array(Text(LIMITS.profileItem)).max(LIMITS.profileItems).optional();

/** A partial update of the details: only the keys sent change; null or [] clears one. */
export const UpdateDetailsRequest = z.strictObject({
  phone: Text(LIMITS.phone).nullable().optional(),
  address: Text(LIMITS.address).nullable().optional(),
  services: DetailItems,
  service_areas: DetailItems,
  opening_hours: DetailItems,
  country: text()
    .trim()
    .regex(/^[A-Za-z]{2}$/, 'must be a two-letter country code such as "US"')
    .transform((c) => c.toUpperCase())
    .nullable()
    .optional(),
});
export type UpdateDetailsRequest = z.infer<typeof UpdateDetailsRequest>;

export const UpdateProfileRequest = z.strictObject({
  name: Text(LIMITS.name).nullable().optional(),
  offering: Text(LIMITS.profileText).nullable().optional(),
  audience: Text(LIMITS.profileText).nullable().optional(),
  differentiators: z.array(Text(LIMITS.profileItem)).max(LIMITS.profileItems).optional(),
  goals: z.array(Text(LIMITS.profileItem)).max(LIMITS.profileItems).optional(),
  website_url: UrlInput.nullable().optional(),
  competitors: z.array(UrlInput).max(LIMITS.competitors).optional(),
  details: UpdateDetailsRequest.optional(),
});
export type UpdateProfileRequest = z.infer<typeof UpdateProfileRequest>;
