import { type AIMessage, type BaseMessage, HumanMessage } from '@langchain/core/messages';
import type { z } from 'zod';
import { invokeStructuredPipeline } from './models/direct.ts';
import {
  addUsage,
  type CallOptions,
  type ModelGateway,
  type ModelRole,
  parseModelSpec,
  type TokenUsage,
  usageOf,
  ZERO_USAGE,
} from './models.ts';

export interface StructuredResult<T> {
  /** Null when the answer never matched the schema. */
  data: T | null;
  /** The model spec that answered last. */
  model: string | null;
  attempts: number;
  usage: TokenUsage;
  problems: string[];
}

/**
 * Asks a model for output in a zod schema (one tool call named `name`). An answer that fails the
 * schema is retried with the problems quoted, up to `maxAttempts`; usage is reported per call.
 */
export async function invokeStructured<S extends z.ZodType>(
  gateway: ModelGateway,
  role: ModelRole,
  request: { schema: S; name: string; messages: BaseMessage[]; maxAttempts?: number },
  options: CallOptions = {},
): Promise<StructuredResult<z.infer<S>>> {
  const messages = [...request.messages];
  const maxAttempts = request.maxAttempts ?? 2;
  let usage = ZERO_USAGE;
  let model: string | null = null;
  const problems: string[] = [];
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const answer = await gateway.run(
      role,
      (m, { signal, spec }) => {
        const pipeline = m.withStructuredOutput(request.schema, {
          name: request.name,
          method:
            parseModelSpec(spec, true).provider === 'ollama' ? 'jsonSchema' : 'functionCalling',
          includeRaw: true,
        });
        // Below LangChain's Runnable layers where the model allows it (models/direct.ts).
        return invokeStructuredPipeline(pipeline, request.name, messages, signal);
      },
      options,
    );
    model = answer.model;
    const raw = answer.value.raw as AIMessage;
    const callUsage = usageOf(raw);
    usage = addUsage(usage, callUsage);
    gateway.reportUsage({ role, model, usage: callUsage, attempts: attempt });
    // withStructuredOutput(includeRaw) hands back `parsed: null` instead of throwing on bad output.
    const parsed = request.schema.safeParse(
      answer.value.parsed ?? raw?.tool_calls?.[0]?.args ?? null,
    );
    if (parsed.success) return { data: parsed.data, model, attempts: attempt, usage, problems };
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`);
    problems.push(...issues);
    messages.push(
      new HumanMessage(
        `Your last answer did not match the required schema (${issues.join('; ')}). Call ${request.name} again with valid arguments.`,
      ),
    );
  }
  return { data: null, model, attempts: maxAttempts, usage, problems };
}
