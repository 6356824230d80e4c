import type { BusinessStory } from '@quento/analyzer';
import { siteKey } from '@quento/url';
import { toBusinessStory } from '../profile/profile.mapper.ts';
import type { ProfileRow } from '../profile/profile.repository.ts';

/**
 * The owner's story for an analysis of `websiteUrl`: the business profile's name, website and
 * details, when the site analysed is the profile's own (or the profile names no website). A
 * second site the owner looks at is not judged against this business's story.
 */
export function storyForSite(
  profile: ProfileRow | undefined,
  websiteUrl: string,
): BusinessStory | null {
  if (!profile) return null;
  if (profile.websiteUrl && siteKey(profile.websiteUrl) !== siteKey(websiteUrl)) return null;
  return toBusinessStory(profile);
}
