/**
 * The business analyst agent (LangGraph): a model with four read-only tools, at most
 * MAX_ITERATIONS model steps. Scraped content is delimited as untrusted data, tool targets are
 * limited to the business's and its competitors' sites, and the report is scrubbed of the prompt.
 */
import { HumanMessage } from '@langchain/core/messages';
import type { ModelGateway } from '../../models.ts';
import { ZERO_USAGE } from '../../models.ts';
import { describeProfile, normalizeProfile } from '../../profile.ts';
import { runToolLoop, textOf, toolCallsOf } from '../tool-loop/index.ts';
import { redactPromptLeaks } from './nodes/redact.ts';
import { ANALYST_SYSTEM_PROMPT, FINAL_STEP_NOTE, MAX_ITERATIONS } from './prompts.ts';
import type { AnalystInput, AnalystResult } from './state.ts';
import {
  type AnalystToolkit,
  buildAnalystTools,
  type ToolRunContext,
  UrlScope,
} from './tools/index.ts';

export { redactPromptLeaks } from './nodes/redact.ts';
export { ANALYST_SYSTEM_PROMPT, MAX_ITERATIONS } from './prompts.ts';
export * from './state.ts';
export * from './tools/index.ts';

export interface BusinessAnalyst {
  analyze(input: AnalystInput): Promise<AnalystResult>;
}

export function createBusinessAnalyst(
  gateway: ModelGateway,
  toolkit: AnalystToolkit,
): BusinessAnalyst {
  return {
    async analyze(input) {
      const profile = normalizeProfile({
        ...input.profile,
        website_url: input.websiteUrl,
      });
      const ctx: ToolRunContext = {
        toolkit,
        scope: new UrlScope([input.websiteUrl, ...profile.competitors]),
        profile,
        gateway,
        signal: input.signal,
        competitors: [],
        maxSuggestions: input.maxSuggestions ?? 3,
        usage: { total: ZERO_USAGE },
      };
      const tools = buildAnalystTools(ctx);
      const task = new HumanMessage(
        `Analyse the web presence of this business and write your report.\nWebsite: ${input.websiteUrl}\n` +
          `Business profile (data supplied by the owner):\n${describeProfile(profile)}`,
      );
      const final = await runToolLoop(
        {
          gateway,
          tools,
          systemPrompt: ANALYST_SYSTEM_PROMPT,
          finalStepNote: FINAL_STEP_NOTE,
          maxIterations: MAX_ITERATIONS,
          signal: input.signal,
          usage: ctx.usage,
        },
        [task],
      );
      const toolCalls = toolCallsOf(final.messages);
      const last = final.messages.at(-1);
      const raw =
        textOf(last).trim() ||
        (final.limitReached
          ? 'The analysis reached its step limit before the model wrote a report.'
          : 'The model returned no report.');
      const { text, redacted } = redactPromptLeaks(raw, [ANALYST_SYSTEM_PROMPT]);
      return {
        report: text,
        iterations: final.iterations,
        limitReached: final.limitReached,
        toolCalls,
        competitors: ctx.competitors,
        usage: final.usage,
        redacted,
      };
    },
  };
}
