/**
 * The business analyst agent (LangGraph): a model with four read-only tools, at most
 * MAX_ITERATIONS model steps. Scraped content is delimited as untrusted data, tool targets are
 * limited to the business's and its competitors' sites, and the report is scrubbed of the prompt.
 */
import { type AIMessage, type BaseMessage, HumanMessage } from '@langchain/core/messages';
import { END, START, StateGraph } from '@langchain/langgraph';
import { ToolNode } from '@langchain/langgraph/prebuilt';
import type { ModelGateway } from '../../models.ts';
import { ZERO_USAGE } from '../../models.ts';
import { describeProfile, normalizeProfile } from '../../profile.ts';
import { callModel } from './nodes/call-model.ts';
import { redactPromptLeaks } from './nodes/redact.ts';
import { markLimit, route } from './nodes/route.ts';
import { ANALYST_SYSTEM_PROMPT, MAX_ITERATIONS } from './prompts.ts';
import {
  type AnalystInput,
  type AnalystResult,
  AnalystState,
  type ExecutedToolCall,
} from './state.ts';
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

function textOf(message: BaseMessage | undefined): string {
  if (!message) return '';
  return typeof message.content === 'string' ? message.content : message.text;
}

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
      const usage = ctx.usage;

      // Built per run: the tools close over this run's scope and findings.
      const graph = new StateGraph(AnalystState)
        .addNode('agent', callModel({ gateway, tools, signal: input.signal, usage }))
        .addNode('tools', new ToolNode(tools, { handleToolErrors: true }))
        .addNode('limit', markLimit)
        .addEdge(START, 'agent')
        .addConditionalEdges('agent', route, ['tools', 'limit', END])
        .addEdge('tools', 'agent')
        .addEdge('limit', END)
        .compile();

      const task = new HumanMessage(
        `Analyse the web presence of this business and write your report.\nWebsite: ${input.websiteUrl}\n` +
          `Business profile (data supplied by the owner):\n${describeProfile(profile)}`,
      );
      const final = await graph.invoke(
        { messages: [task] },
        { signal: input.signal, recursionLimit: MAX_ITERATIONS * 2 + 4 },
      );

      const toolCalls: ExecutedToolCall[] = final.messages.flatMap((m: BaseMessage) =>
        ((m as AIMessage).tool_calls ?? []).map((c) => ({ name: c.name, args: c.args })),
      );
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
        usage: usage.total,
        redacted,
      };
    },
  };
}
