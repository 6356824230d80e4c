import type { BusinessStory } from '@quento/analyzer';
import { toBusinessStory } from '../profile/profile.mapper.ts';
import type { ProfileRow } from '../profile/profile.repository.ts';
import { siteKeyOf } from './site-key.ts';

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
  if (profile.websiteUrl && siteKeyOf(profile.websiteUrl) !== siteKeyOf(websiteUrl)) return null;
  return toBusinessStory(profile);
}
