import { z } from 'zod';
import {
  type AdvisorData,
  type BusinessProfile,
  PROFILE_FIELDS,
  type ProfileField,
  type ProfilePatch,
} from '../profile.ts';
import type { UrlOptions } from './urls.ts';

const field = z.enum(PROFILE_FIELDS);

/**
 * What the guided advisor remembers between turns, besides the profile itself. Small and JSON
 * serialisable: the caller stores it with the conversation and passes it back next turn.
 */
export const guidedStateSchema = z.object({
  /** The question asked last and not yet answered. */
  pending: field.nullable(),
  /** Fields the user said they have none of ("we don't have a website"). */
  declined: z.array(field),
  /** How often each question was asked without a usable answer. */
  attempts: z.partialRecord(field, z.number().int().min(0)),
  /** What the last answer filled: a correction ("sorry, I meant ...") replaces it. */
  lastLearned: z.array(field).default([]),
});
export type GuidedState = z.infer<typeof guidedStateSchema>;

export function initialGuidedState(): GuidedState {
  return { pending: null, declined: [], attempts: {}, lastLearned: [] };
}

export interface GuidedTurnInput {
  message: string;
  /** The state returned by the previous turn; null or undefined for a new conversation. */
  state?: GuidedState | null | undefined;
  /** The stored profile, possibly partial. */
  profile?: Partial<BusinessProfile> | null | undefined;
  /** Stored analyses and strategy, for questions about them. */
  data?: AdvisorData | undefined;
  /**
   * The network policy (ALLOW_PRIVATE_NETWORKS, FETCH_ALLOW_ORIGINS): which websites without a
   * public suffix (localhost, an IP) are accepted.
   */
  urls?: UrlOptions | undefined;
}

export type GuidedIntent = 'answer' | 'question' | 'unclear';

export interface GuidedTurnResult {
  reply: string;
  state: GuidedState;
  /** The profile after this turn. */
  profile: BusinessProfile;
  /** Only what this turn learned (store with `mergeProfile`, or replace with `profile`). */
  patch: ProfilePatch;
  /** Ring 1 is complete (see isProfileComplete). */
  complete: boolean;
  intent: GuidedIntent;
  /** Fields learned this turn, in question order. */
  learned: ProfileField[];
}
