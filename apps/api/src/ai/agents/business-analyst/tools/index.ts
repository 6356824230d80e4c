/** The analyst's four read-only tools, bound to one run's toolkit, scope and gateway. */
import { type AIMessage, HumanMessage, SystemMessage } from '@langchain/core/messages';
import { type StructuredToolInterface, tool } from '@langchain/core/tools';
import { parseWebAddress } from '@quento/url';
import { z } from 'zod';
import { addUsage, type ModelGateway, type TokenUsage, usageOf } from '../../../models.ts';
import { type BusinessProfile, describeProfile } from '../../../profile.ts';
import { COMPETITOR_SUGGESTION_PROMPT } from '../prompts.ts';
import type { AnalystToolkit, CompetitorCheck, UrlScope } from './toolkit.ts';
import { wrapUntrusted } from './untrusted.ts';

export type {
  AnalystToolkit,
  CompetitorCheck,
  FetchedPage,
  PageAnalysis,
  SocialProfile,
} from './toolkit.ts';
export { UrlScope, verifyByFetching } from './toolkit.ts';
export { UNTRUSTED_TAG, wrapUntrusted } from './untrusted.ts';

export const TOOL_NAMES = [
  'web_scraper',
  'seo_analyzer',
  'social_scanner',
  'competitor_finder',
] as const;

export interface ToolRunContext {
  toolkit: AnalystToolkit;
  scope: UrlScope;
  profile: BusinessProfile;
  /** Suggest competitors with the model; null without one. */
  gateway: ModelGateway | null;
  signal?: AbortSignal | undefined;
  /** Competitors that passed verification, in order. */
  competitors: CompetitorCheck[];
  maxSuggestions: number;
  /** Token usage of calls made inside tools, added to the run's total. */
  usage: { total: TokenUsage };
}

const refuse = (url: string) =>
  `Refused: ${url} is outside this analysis (only the business website and its competitors may be fetched).`;

const suggestionSchema = z.object({
  competitors: z
    .array(z.object({ url: z.string(), reason: z.string() }))
    .describe('Competitor websites, most similar first'),
});

async function suggestCompetitors(ctx: ToolRunContext): Promise<string[]> {
  if (!ctx.gateway?.isConfigured) return [];
  const gateway = ctx.gateway;
  const { value, model, attempts } = await gateway.run(
    'analysis',
    (m, { signal }) =>
      m
        .withStructuredOutput(suggestionSchema, {
          name: 'suggest_competitors',
          method: 'functionCalling',
          includeRaw: true,
        })
        .invoke(
          [
            new SystemMessage(COMPETITOR_SUGGESTION_PROMPT),
            new HumanMessage(`Business profile (data):\n${describeProfile(ctx.profile)}`),
          ],
          { signal },
        ),
    { signal: ctx.signal },
  );
  const usage = usageOf(value.raw as AIMessage);
  ctx.usage.total = addUsage(ctx.usage.total, usage);
  gateway.reportUsage({ role: 'analysis', model, usage, attempts });
  const parsed = suggestionSchema.safeParse(value.parsed);
  return parsed.success
    ? parsed.data.competitors.map((c) => c.url).slice(0, ctx.maxSuggestions)
    : [];
}

/** A site's origin from an address (a non-default port kept: :8080 is another site). */
function normalize(url: string): string | null {
  const u = parseWebAddress(url);
  return u?.hostname.includes('.') ? u.origin : null;
}

export function buildAnalystTools(ctx: ToolRunContext): StructuredToolInterface[] {
  const urlArg = z.object({ url: z.string().describe('Absolute http(s) URL') });

  const webScraper = tool(
    async ({ url }) => {
      if (!ctx.scope.allows(url)) return refuse(url);
      const page = await ctx.toolkit.fetchPage(url, ctx.signal);
      const links = page.links.slice(0, 30).join('\n');
      return wrapUntrusted(
        page.url,
        `Title: ${page.title}\n\nText:\n${page.text}\n\nLinks:\n${links}`,
      );
    },
    {
      name: 'web_scraper',
      description:
        'Fetch one page of the business website or a competitor and return its title, text and links.',
      schema: urlArg,
    },
  );

  const seoAnalyzer = tool(
    async ({ url }) => {
      if (!ctx.scope.allows(url)) return refuse(url);
      const result = await ctx.toolkit.analyze(url, ctx.signal);
      return wrapUntrusted(result.url, JSON.stringify(result, null, 1));
    },
    {
      name: 'seo_analyzer',
      description:
        'Audit a site (SEO, performance, content, technology) and return scores and the main findings.',
      schema: urlArg,
    },
  );

  const socialScanner = tool(
    async ({ url }) => {
      if (!ctx.scope.allows(url)) return refuse(url);
      const profiles = await ctx.toolkit.socialProfiles(url, ctx.signal);
      return wrapUntrusted(url, JSON.stringify(profiles, null, 1));
    },
    {
      name: 'social_scanner',
      description: 'List the social media profiles a site links to.',
      schema: urlArg,
    },
  );

  const competitorFinder = tool(
    async () => {
      const named = ctx.profile.competitors.map(normalize).filter((u): u is string => u !== null);
      const own = ctx.profile.website_url ? normalize(ctx.profile.website_url) : null;
      let suggested: string[] = [];
      let suggestionError: string | undefined;
      try {
        suggested = (await suggestCompetitors(ctx))
          .map(normalize)
          .filter((u): u is string => u !== null && u !== own && !named.includes(u));
      } catch (err) {
        suggestionError = (err as Error).message;
      }
      const checks: Array<CompetitorCheck & { source: 'named' | 'suggested' }> = [];
      for (const [source, urls] of [
        ['named', named],
        ['suggested', [...new Set(suggested)]],
      ] as const) {
        for (const url of urls) {
          const check = await ctx.toolkit.verifyCompetitor(url, ctx.signal);
          checks.push({ ...check, source });
          // A verified competitor joins the report, not the scope: what the model suggested (or
          // a page said) never widens the origins the agent may fetch.
          if (check.ok) {
            if (!ctx.competitors.some((c) => c.url === check.url)) ctx.competitors.push(check);
          }
        }
      }
      return wrapUntrusted(
        'competitor verification',
        JSON.stringify(
          { competitors: checks, ...(suggestionError ? { suggestionError } : {}) },
          null,
          1,
        ),
      );
    },
    {
      name: 'competitor_finder',
      description:
        'Verify the competitors the owner named and suggest similar businesses, each verified by fetching its site. Verified competitors may then be scraped and analysed.',
      schema: z.object({}),
    },
  );

  return [webScraper, seoAnalyzer, socialScanner, competitorFinder];
}
