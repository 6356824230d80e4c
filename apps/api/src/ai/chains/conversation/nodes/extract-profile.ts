import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import {
  type AIMessage,
  type BaseMessage,
  HumanMessage,
  SystemMessage,
} from '@langchain/core/messages';
import type { Runnable } from '@langchain/core/runnables';
import { z } from 'zod';
import { invokeStructuredPipeline } from '../../../models/direct.ts';
import {
  type CallOptions,
  type ModelGateway,
  parseModelSpec,
  type TokenUsage,
  usageOf,
} from '../../../models.ts';
import {
  type BusinessProfile,
  describeProfile,
  normalizeProfile,
  type ProfilePatch,
} from '../../../profile.ts';
import { EXTRACTION_PROMPT } from '../prompts.ts';
import type { ChatMessage } from '../state.ts';

/**
 * What the model fills in. Nullable rather than optional fields: providers' tool-calling schemas
 * handle "required but null" more consistently than absent keys.
 */
export const profileExtractionSchema = z.object({
  name: z.string().nullable().describe('The business name, if the user stated it'),
  offering: z.string().nullable().describe('What the business sells or offers'),
  audience: z.string().nullable().describe('Who the customers are'),
  differentiators: z.array(z.string()).describe('What makes the business different'),
  goals: z.array(z.string()).describe('What the owner wants to achieve'),
  website_url: z.string().nullable().describe("The business's own website address"),
  competitors: z.array(z.string()).describe("Competitors' website addresses"),
});
export type ProfileExtraction = z.infer<typeof profileExtractionSchema>;

function toUrl(value: string): string | null {
  const raw = /^https?:\/\//i.test(value) ? value : `https://${value}`;
  try {
    const u = new URL(raw);
    return u.hostname.includes('.') ? u.toString().replace(/\/$/, '') : null;
  } catch {
    return null;
  }
}

/** Turn the model's extraction into a clean patch: drop nulls, empties and invalid URLs. */
export function extractionToPatch(x: ProfileExtraction): ProfilePatch {
  const patch: ProfilePatch = {};
  const str = (v: string | null) => (v?.trim() ? v.trim() : undefined);
  const name = str(x.name);
  const offering = str(x.offering);
  const audience = str(x.audience);
  if (name) patch.name = name;
  if (offering) patch.offering = offering;
  if (audience) patch.audience = audience;
  const diffs = x.differentiators.map((s) => s.trim()).filter(Boolean);
  const goals = x.goals.map((s) => s.trim()).filter(Boolean);
  if (diffs.length) patch.differentiators = diffs;
  if (goals.length) patch.goals = goals;
  const site = x.website_url ? toUrl(x.website_url) : null;
  if (site) patch.website_url = site;
  const comps = x.competitors.map(toUrl).filter((u): u is string => u !== null);
  if (comps.length) patch.competitors = comps;
  return patch;
}

type Extractor = Runnable<BaseMessage[], { raw: BaseMessage; parsed: unknown }>;
const extractors = new WeakMap<BaseChatModel, Extractor>();

/**
 * The model bound to the extraction schema, built once per model: binding clones the model, and
 * a clone builds its own provider client on first use, which is most of a call's cost.
 */
function extractor(model: BaseChatModel, spec: string): Extractor {
  let bound = extractors.get(model);
  if (!bound) {
    // Tool calling is the most widely supported way across providers and OpenAI-compatible
    // servers; Ollama's native client does better with its JSON-schema format.
    const method =
      parseModelSpec(spec, true).provider === 'ollama' ? 'jsonSchema' : 'functionCalling';
    bound = model.withStructuredOutput(profileExtractionSchema, {
      name: 'update_business_profile',
      method,
      includeRaw: true,
    }) as Extractor;
    extractors.set(model, bound);
  }
  return bound;
}

/** Structured extraction (analysis model, zod schema) of a profile patch from the conversation. */
export async function extractProfilePatch(
  gateway: ModelGateway,
  input: { profile: Partial<BusinessProfile> | null | undefined; messages: ChatMessage[] },
  options: CallOptions = {},
): Promise<{ patch: ProfilePatch; usage: TokenUsage; parsed: boolean }> {
  const prompt: BaseMessage[] = [
    new SystemMessage(
      `${EXTRACTION_PROMPT}\n\nWhat is already known:\n${describeProfile(normalizeProfile(input.profile))}`,
    ),
    new HumanMessage(
      `<<<CONVERSATION>>>\n${input.messages
        .slice(-12)
        .map((m) => `${m.role === 'user' ? 'USER' : 'ASSISTANT'}: ${m.content}`)
        .join('\n')}\n<<<END_CONVERSATION>>>`,
    ),
  ];
  const { value, model, attempts } = await gateway.run(
    'analysis',
    (m, { signal, spec }) =>
      invokeStructuredPipeline(extractor(m, spec), 'update_business_profile', prompt, signal),
    options,
  );
  const usage = usageOf(value.raw as AIMessage);
  gateway.reportUsage({ role: 'analysis', model, usage, attempts });
  const parsed = profileExtractionSchema.safeParse(value.parsed);
  // `parsed: false`: the model answered without a usable extraction (no tool call, or arguments
  // that do not fit the schema); the caller falls back to the guided parser for this turn.
  return {
    patch: parsed.success ? extractionToPatch(parsed.data) : {},
    usage,
    parsed: parsed.success,
  };
}
