import { z } from 'zod';
import { jsonObject, LIMITS, text } from './strings.ts';

/** Free-form client preferences, kept small: a JSON object of at most 16 KiB once serialised. */
export const Settings = jsonObject(LIMITS.settingsBytes, LIMITS.settingsDepth);
export type Settings = z.infer<typeof Settings>;

export const User = z.object({
  id: z.uuid(),
  email: z.string(),
  full_name: z.string().nullable(),
  company_name: z.string().nullable(),
  current_ring: z.number().int().min(1).max(5),
  settings: z.record(z.string(), z.unknown()),
  is_active: z.boolean(),
  created_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
  last_login_at: z.iso.datetime().nullable(),
});
export type User = z.infer<typeof User>;

const NullableName = text().trim().min(1).max(LIMITS.name).nullable();

/** Only these three fields can be changed; any other key, or none at all, is a 400. */
export const UpdateMeRequest = z
  .strictObject({
    full_name: NullableName.optional(),
    company_name: NullableName.optional(),
    settings: Settings.optional(),
  })
  .refine((u) => Object.keys(u).length > 0, {
    error: 'give at least one of full_name, company_name, settings',
  });
export type UpdateMeRequest = z.infer<typeof UpdateMeRequest>;

export const DeleteMeRequest = z.strictObject({
  password: text().min(1).max(LIMITS.password),
});
export type DeleteMeRequest = z.infer<typeof DeleteMeRequest>;

export const RingKey = z.enum(['core', 'discover', 'plan', 'execute', 'optimize']);
export type RingKey = z.infer<typeof RingKey>;

export const RingState = z.enum(['not_started', 'in_progress', 'completed']);
export type RingState = z.infer<typeof RingState>;

export const Ring = z.object({
  key: RingKey,
  ring: z.number().int().min(1).max(5),
  title: z.string(),
  state: RingState,
  /** Share of the ring done, 0 to 1. */
  progress: z.number().min(0).max(1),
  detail: z.string(),
});
export type Ring = z.infer<typeof Ring>;

export const ProgressResponse = z.object({
  /** The first ring that is not completed (5 when all are). */
  current_ring: z.number().int().min(1).max(5),
  rings: z.array(Ring).length(5),
});
export type ProgressResponse = z.infer<typeof ProgressResponse>;
