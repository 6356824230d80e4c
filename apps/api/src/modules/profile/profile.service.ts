import { AnalyzerError, parseHttpUrl } from '@quento/analyzer';
import {
  PROFILE_FIELDS,
  type ProfileField,
  type ProfileResponse,
  type UpdateDetailsRequest,
  type UpdateProfileRequest,
} from '@quento/contracts';
import { fromAnalyzerError } from '../../lib/analyzer-errors.ts';
import type { ProgressService } from '../users/progress.service.ts';
import { profileToChanges, toProfileResponse } from './profile.mapper.ts';
import type { ProfileRepository } from './profile.repository.ts';

const HAS_SCHEME = /^[a-z][a-z\d+.-]*:/i;

/** An owner-typed address: https is assumed without a scheme; 422 URL_INVALID / URL_REFUSED. */
function checkUrl(input: string, field: string): string {
  try {
    return parseHttpUrl(HAS_SCHEME.test(input) ? input : `https://${input}`).href;
  } catch (err) {
    if (err instanceof AnalyzerError) throw fromAnalyzerError(err, field);
    throw err;
  }
}

/** The details sent, lists without repeats. */
function dedupeLists(details: UpdateDetailsRequest): UpdateDetailsRequest {
  const out: UpdateDetailsRequest = { ...details };
  for (const key of ['services', 'service_areas', 'opening_hours'] as const) {
    const list = out[key];
    if (list) out[key] = [...new Set(list)];
  }
  return out;
}

/** The owner's view of the business profile, and their corrections to what the advisor stored. */
export class ProfileService {
  constructor(private readonly deps: { profiles: ProfileRepository; progress: ProgressService }) {}

  async get(userId: string): Promise<ProfileResponse> {
    return toProfileResponse(await this.deps.profiles.get(userId));
  }

  /**
   * Changes the fields sent (lists replace the stored ones). A field set to a value becomes the
   * owner's, which the advisor never overwrites; a field cleared (null, []) goes back to it.
   */
  async update(userId: string, body: UpdateProfileRequest): Promise<ProfileResponse> {
    const patch: UpdateProfileRequest = { ...body };
    if (typeof patch.website_url === 'string') {
      patch.website_url = checkUrl(patch.website_url, 'website_url');
    }
    if (patch.competitors) {
      patch.competitors = patch.competitors.map((c, i) => checkUrl(c, `competitors[${i}]`));
    }
    if (patch.differentiators) patch.differentiators = [...new Set(patch.differentiators)];
    if (patch.goals) patch.goals = [...new Set(patch.goals)];
    if (patch.competitors) patch.competitors = [...new Set(patch.competitors)];
    const details = patch.details ? dedupeLists(patch.details) : undefined;
    const sent = PROFILE_FIELDS.filter((f) => patch[f] !== undefined);
    if (sent.length === 0 && !details) return this.get(userId);
    const isEmpty = (f: ProfileField) => {
      const v = patch[f];
      return v === null || (Array.isArray(v) && v.length === 0);
    };
    const row = await this.deps.profiles.saveFromOwner(
      userId,
      profileToChanges(patch),
      sent.filter((f) => !isEmpty(f)),
      sent.filter(isEmpty),
      details,
    );
    await this.deps.progress.sync(userId);
    return toProfileResponse(row);
  }
}
