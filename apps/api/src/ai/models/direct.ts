/**
 * Whole (not streamed) model calls below LangChain's Runnable layers, as `streamChunks` in
 * gateway.ts does for streams. `invoke()` on a chat model, and more so on a
 * `withStructuredOutput(..., { includeRaw: true })` pipeline (a sequence, a map, a passthrough, a
 * parser with a fallback), builds callback managers, run configs and tracing state around the
 * one provider call; on a chat turn's profile extraction that was most of its CPU. The direct path
 * is taken only for LangChain's OpenAI models (the `openai` provider and OpenAI-compatible servers),
 * whose `invoke()` adds nothing but their bound options (`_combineCallOptions`: tools, tool choice)
 * before that layer; any other model goes through `invoke()` as before.
 */
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { AIMessage, BaseMessage } from '@langchain/core/messages';
import type { Runnable } from '@langchain/core/runnables';

type DirectModel = BaseChatModel & { _combineCallOptions(options: object): object };

/** The model itself when it can be called below `invoke()`, else undefined. */
export function directModel(model: unknown): DirectModel | undefined {
  const m = model as Partial<DirectModel> | null | undefined;
  return m && typeof m._combineCallOptions === 'function' && typeof m._generate === 'function'
    ? (m as DirectModel)
    : undefined;
}

/** `model.invoke(messages, { signal })` without the callback layer (see the file comment). */
export async function generateDirect(
  model: DirectModel,
  messages: BaseMessage[],
  signal: AbortSignal,
): Promise<AIMessage> {
  const options = model._combineCallOptions({ signal }) as Parameters<DirectModel['_generate']>[1];
  const result = await model._generate(messages, options);
  const generation = result.generations[0];
  if (!generation) throw new Error('Received empty response from chat model call.');
  const message = generation.message as AIMessage;
  // As invoke() hands it back: the generation info (finish reason) in the response metadata.
  message.response_metadata = { ...generation.generationInfo, ...message.response_metadata };
  return message;
}

/** A chat model's `invoke`, directly when the model allows it. */
export function invokeModel(
  model: BaseChatModel,
  messages: BaseMessage[],
  signal: AbortSignal,
): Promise<AIMessage> {
  const direct = directModel(model);
  return direct ? generateDirect(direct, messages, signal) : model.invoke(messages, { signal });
}

type StructuredPipeline = Runnable<BaseMessage[], { raw: BaseMessage; parsed: unknown }>;

/**
 * Invokes a `withStructuredOutput(schema, { name, method: 'functionCalling', includeRaw: true })`
 * pipeline. With an OpenAI model underneath (the pipeline's first step, `{ raw: model-with-tools }`)
 * the model is called directly and `parsed` is the arguments of its `name` tool call, or null (the
 * caller validates them against the schema, as the pipeline's parser would); otherwise the
 * pipeline is invoked as it is.
 */
export async function invokeStructuredPipeline(
  pipeline: StructuredPipeline,
  name: string,
  messages: BaseMessage[],
  signal: AbortSignal,
): Promise<{ raw: BaseMessage; parsed: unknown }> {
  const first = (pipeline as { first?: { steps?: { raw?: unknown } } }).first;
  const direct = directModel(first?.steps?.raw);
  if (!direct) return pipeline.invoke(messages, { signal });
  const raw = await generateDirect(direct, messages, signal);
  const call = raw.tool_calls?.find((c) => c.name === name);
  return { raw, parsed: call?.args ?? null };
}
