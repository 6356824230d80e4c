import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import type { ContentAssessment } from '@quento/contracts';
import type { CallOptions, ModelGateway, TokenUsage } from '../../models.ts';
import { invokeStructured } from '../../structured-output.ts';
import { ASSESSMENT_PROMPT, PAGE_TAG } from './prompts.ts';
import { assessmentSchema } from './schema.ts';
import { type AssessedPage, verifyAssessment } from './verify.ts';

export { type AssessedPage, normaliseForQuote, quoteAppears, verifyAssessment } from './verify.ts';

/** What the owner told us, as the chain shows it to the model. */
export interface AssessmentStory {
  name?: string | null;
  offering?: string | null;
  audience?: string | null;
  services?: string[];
  serviceAreas?: string[];
  goals?: string[];
}

export interface AssessInput {
  /** The main pages, the home page first. */
  pages: AssessedPage[];
  story: AssessmentStory | null;
}

export interface AssessResult {
  /** Null when the model's answer never matched the schema. */
  assessment: ContentAssessment | null;
  attempts: number;
  usage: TokenUsage;
  problems: string[];
}

// Enough of a page to judge it; bounds the prompt for a long page.
export const PAGE_TEXT_CHARS = 4_000;

/** Removes the delimiter from untrusted text so a page cannot close its own block. */
function fence(text: string): string {
  return text.replace(new RegExp(`</?\\s*${PAGE_TAG}[^>]*>`, 'gi'), ' ');
}

function describePages(pages: readonly AssessedPage[]): string {
  const home = pages[0];
  const first = home
    ? `First screen of the home page (${home.url}):\n<${PAGE_TAG} url="${home.url}" part="first-screen">\n${fence(home.firstScreen)}\n</${PAGE_TAG}>`
    : '';
  const all = pages
    .map(
      (p, i) =>
        `Page ${i + 1}: ${p.url} (title: ${fence(p.title)})\n<${PAGE_TAG} url="${p.url}">\n${fence(p.text)}\n</${PAGE_TAG}>`,
    )
    .join('\n\n');
  return `${first}\n\n${all}`;
}

/**
 * The analysis chain (architecture 4.2): the analysis model reads the main pages and the story and
 * writes a content assessment. Each point must cite a page and a quote found in its text; the
 * others are dropped and counted. Output that fails the schema is retried once, then left out.
 */
export async function assessContent(
  gateway: ModelGateway,
  input: AssessInput,
  options: CallOptions = {},
): Promise<AssessResult> {
  const messages = [
    new SystemMessage(ASSESSMENT_PROMPT),
    new HumanMessage(
      `What the owner told us:\n${JSON.stringify(input.story ?? {}, null, 2)}\n\n${describePages(input.pages)}`,
    ),
  ];
  const r = await invokeStructured(
    gateway,
    'analysis',
    { schema: assessmentSchema, name: 'assess_content', messages },
    options,
  );
  const { attempts, usage, problems } = r;
  if (!r.data) return { assessment: null, attempts, usage, problems };
  const v = verifyAssessment(r.data, input.pages);
  return {
    assessment: {
      model: r.model ?? '',
      first_screen: v.first_screen,
      unproven_claims: v.unproven_claims,
      audience_gaps: v.audience_gaps,
      pages: input.pages.map((p) => p.url),
      points_returned: v.returned,
      points_dropped: v.dropped,
      tokens_used: usage.totalTokens,
    },
    attempts,
    usage,
    problems,
  };
}
