import type { AnalysisReport, PageArtifacts } from '@quento/analyzer';
import {
  type AssessedPage,
  type AssessmentStory,
  assessContent,
  PAGE_TEXT_CHARS,
} from '../../ai/chains/content-assessment/index.ts';
import type { ModelGateway } from '../../ai/models.ts';
import { toBusinessStory } from '../profile/profile.mapper.ts';
import type { ProfileRow } from '../profile/profile.repository.ts';
import type { UsageService } from '../usage/usage.service.ts';

/** Pages the content assessment reads: the home page, then the next ones in crawl order. */
const MAIN_PAGES = 5;
/** Words of body text a visitor sees before scrolling, roughly (static HTML has no layout). */
const FIRST_SCREEN_WORDS = 60;

/** Keeps what the assessment needs of each page as the crawl produces it. */
export function pageCollector() {
  const pages = new Map<string, AssessedPage>();
  return {
    onPageArtifacts(p: PageArtifacts) {
      if (!p.isHtml || p.status >= 400 || !p.bodyText) return;
      const title = p.titles[0] ?? '';
      const h1 = p.headings.find((h) => h.level === 1)?.text ?? '';
      const opening = p.bodyText.split(' ').slice(0, FIRST_SCREEN_WORDS).join(' ');
      pages.set(p.url, {
        url: p.url,
        title,
        firstScreen: [title, h1, opening].filter(Boolean).join('\n'),
        text: p.bodyText.slice(0, PAGE_TEXT_CHARS),
      });
    },
    /** The main pages of a finished crawl, the home page first. */
    mainPages(report: AnalysisReport): AssessedPage[] {
      const order = [report.finalUrl, ...report.pages.map((p) => p.url)];
      const out: AssessedPage[] = [];
      for (const url of order) {
        const page = pages.get(url);
        if (page && !out.includes(page)) out.push(page);
        if (out.length === MAIN_PAGES) break;
      }
      return out;
    },
  };
}

/** The story the model reads: the analyzer's story plus the offering, audience and goals. */
function storyOf(row: ProfileRow | undefined): AssessmentStory | null {
  const story = toBusinessStory(row);
  return story && row
    ? { ...story, offering: row.offering, audience: row.audience, goals: row.goals }
    : null;
}

/** Whose day the chain's tokens count against, and the service that keeps the count. */
export interface AssessmentBudget {
  usage: UsageService;
  userId: string;
}

/**
 * Runs the analysis chain on the main pages. What it returns goes into the results as is:
 * `content_assessment` (the verified points), `content_assessment_skipped` when the owner's daily
 * token cap is reached (the model is not called), or `content_assessment_error` when the model
 * failed or never answered in the schema; the analysis completes either way. The tokens spent
 * count against the owner's day.
 */
export async function contentAssessment(
  gateway: ModelGateway,
  pages: AssessedPage[],
  profile: ProfileRow | undefined,
  budget: AssessmentBudget,
  signal: AbortSignal,
): Promise<Record<string, unknown>> {
  if (pages.length === 0) return { content_assessment_error: 'No page had text to assess.' };
  const { usage, userId } = budget;
  if (usage.capReached(await usage.usedToday(userId)))
    return { content_assessment_skipped: 'daily token cap reached' };
  try {
    const r = await assessContent(gateway, { pages, story: storyOf(profile) }, { signal });
    await usage.record(userId, r.usage.totalTokens);
    if (r.assessment) return { content_assessment: r.assessment };
    return {
      content_assessment_error: `The model's answer did not match the schema: ${r.problems.slice(0, 3).join('; ')}`,
    };
  } catch (err) {
    if (signal.aborted) throw err;
    return {
      content_assessment_error: `The model could not be reached: ${(err as Error).message}`,
    };
  }
}
