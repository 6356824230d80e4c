import { z } from 'zod';

/**
 * The business profile (ring 1), as `GET/PUT /users/me/profile` exchange it. Mirrors the API's
 * shape until the contracts package exports it (branch app-api); then this file re-exports that.
 */
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

export const UpdateProfileRequest = BusinessProfile.partial().strict();
export type UpdateProfileRequest = z.infer<typeof UpdateProfileRequest>;
