/**
 * The business profile (ring 1's core story) and the stored data the advisor reads as context.
 * Shared by the guided advisor, the conversation chain and the analyst agent.
 */
import {
  type BusinessProfile,
  isCleanText,
  LIMITS,
  PROFILE_FIELDS,
  type ProfileField,
  REQUIRED_PROFILE_FIELDS,
} from '@quento/contracts';
import type { OwnerFacts } from './advice/facts.ts';

export type { BusinessProfile } from '@quento/contracts';
export {
  PROFILE_FIELDS,
  type ProfileField,
  REQUIRED_PROFILE_FIELDS,
} from '@quento/contracts';
/** A partial update; arrays are merged into the existing ones, not replaced. */
export type ProfilePatch = Partial<BusinessProfile>;

export function emptyProfile(): BusinessProfile {
  return {
    name: null,
    offering: null,
    audience: null,
    differentiators: [],
    goals: [],
    website_url: null,
    competitors: [],
  };
}

/** Fill missing keys of a stored (possibly partial) profile with empty values. */
export function normalizeProfile(
  stored: Partial<BusinessProfile> | null | undefined,
): BusinessProfile {
  return { ...emptyProfile(), ...(stored ?? {}) };
}

export function hasValue(profile: BusinessProfile, field: ProfileField): boolean {
  const v = profile[field];
  return Array.isArray(v) ? v.length > 0 : typeof v === 'string' && v.trim().length > 0;
}

export function missingProfileFields(
  profile: BusinessProfile,
  fields: readonly ProfileField[] = PROFILE_FIELDS,
): ProfileField[] {
  return fields.filter((f) => !hasValue(profile, f));
}

/** Ring 1 completion: every required field holds a value. */
export function isProfileComplete(profile: Partial<BusinessProfile> | null | undefined): boolean {
  return missingProfileFields(normalizeProfile(profile), REQUIRED_PROFILE_FIELDS).length === 0;
}

/** A value the profile can hold: clean text within its field's limit (a cut URL would be wrong). */
const fits = (v: string, max: number) => v.length <= max && isCleanText(v);

function mergeList(a: string[], b: string[] | undefined, max: number): string[] {
  const out = [...a];
  const seen = new Set(a.map((s) => s.toLowerCase().replace(/\/$/, '')));
  for (const item of b ?? []) {
    const key = item.toLowerCase().replace(/\/$/, '');
    if (item.trim() && fits(item.trim(), max) && !seen.has(key)) {
      seen.add(key);
      out.push(item.trim());
    }
  }
  return out;
}

/** Apply a patch: scalar fields are replaced when the patch has a value, lists are unioned. */
export function mergeProfile(profile: BusinessProfile, patch: ProfilePatch): BusinessProfile {
  // A value over its limit is left out, so the field stays missing and is asked for again.
  const pick = (v: string | null | undefined, old: string | null, max: number) =>
    typeof v === 'string' && v.trim() && fits(v.trim(), max) ? v.trim() : old;
  return {
    name: pick(patch.name, profile.name, LIMITS.name),
    offering: pick(patch.offering, profile.offering, LIMITS.profileText),
    audience: pick(patch.audience, profile.audience, LIMITS.profileText),
    differentiators: mergeList(profile.differentiators, patch.differentiators, LIMITS.profileItem),
    goals: mergeList(profile.goals, patch.goals, LIMITS.profileItem),
    website_url: pick(patch.website_url, profile.website_url, LIMITS.url),
    competitors: mergeList(profile.competitors, patch.competitors, LIMITS.url),
  };
}

/** The latest analysis as stored, reduced to what the advisor needs. */
export interface AnalysisSummary {
  url: string;
  completedAt?: string | undefined;
  /** 0-100, null when a category could not be scored. */
  overallScore?: number | null | undefined;
  scores: Record<string, number | null>;
  topFindings: Array<{
    title: string;
    severity?: string | undefined;
    category?: string | undefined;
    detail?: string | undefined;
  }>;
}

/** The current strategy as stored. */
export interface StrategySummary {
  title?: string | undefined;
  topRecommendations: Array<{
    title: string;
    impact?: string | undefined;
    effort?: string | undefined;
    priority?: number | string | undefined;
    category?: string | undefined;
  }>;
  actionCounts: { todo: number; inProgress: number; done: number };
}

/** What the advisor may read about the user besides the conversation. */
export interface AdvisorData {
  analysis?: AnalysisSummary | null | undefined;
  strategy?: StrategySummary | null | undefined;
  /** The owner's analyses, plan and actions in full, loaded when a question needs them. */
  facts?: OwnerFacts | null | undefined;
}

/** Plain-text rendering of the profile for prompts and summaries. */
export function describeProfile(profile: BusinessProfile): string {
  const list = (xs: string[]) => (xs.length ? xs.join('; ') : '(unknown)');
  return [
    `Name: ${profile.name ?? '(unknown)'}`,
    `Offering: ${profile.offering ?? '(unknown)'}`,
    `Audience: ${profile.audience ?? '(unknown)'}`,
    `Differentiators: ${list(profile.differentiators)}`,
    `Goals: ${list(profile.goals)}`,
    `Website: ${profile.website_url ?? '(unknown)'}`,
    `Competitors: ${list(profile.competitors)}`,
  ].join('\n');
}

/** Plain-text rendering of the latest analysis for prompts. */
export function describeAnalysis(analysis: AnalysisSummary | null | undefined): string {
  if (!analysis) return 'No website analysis has been run yet.';
  const scores = Object.entries(analysis.scores)
    .map(([k, v]) => `${k} ${v ?? 'n/a'}`)
    .join(', ');
  const findings = analysis.topFindings
    .slice(0, 8)
    .map(
      (f) =>
        `- ${f.severity ? `[${f.severity}] ` : ''}${f.title}${f.detail ? `: ${f.detail}` : ''}`,
    )
    .join('\n');
  return [
    `Analysis of ${analysis.url}${analysis.completedAt ? ` (${analysis.completedAt})` : ''}`,
    `Overall score: ${analysis.overallScore ?? 'n/a'}`,
    `Category scores: ${scores || 'none'}`,
    `Top findings:\n${findings || '- none'}`,
  ].join('\n');
}
