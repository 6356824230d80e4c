import { type AIMessage, HumanMessage, SystemMessage } from '@langchain/core/messages';
import type { StructuredToolInterface } from '@langchain/core/tools';
import { addUsage, type ModelGateway, type TokenUsage, usageOf } from '../../../models.ts';
import { ANALYST_SYSTEM_PROMPT, FINAL_STEP_NOTE, MAX_ITERATIONS } from '../prompts.ts';
import type { AnalystStateType } from '../state.ts';

export interface CallModelDeps {
  gateway: ModelGateway;
  tools: StructuredToolInterface[];
  signal?: AbortSignal | undefined;
  usage: { total: TokenUsage };
}

/** One agent step: the model sees the system prompt, the task and the tool results so far. */
export function callModel(deps: CallModelDeps) {
  return async (state: AnalystStateType): Promise<Partial<AnalystStateType>> => {
    const iteration = state.iterations + 1;
    const lastStep = iteration >= MAX_ITERATIONS;
    const messages = [
      new SystemMessage(ANALYST_SYSTEM_PROMPT),
      ...state.messages,
      ...(lastStep ? [new HumanMessage(FINAL_STEP_NOTE)] : []),
    ];
    const { value, model, attempts } = await deps.gateway.run(
      'analysis',
      (m, { signal }) => {
        // On the last step the model gets no tools, so it has to write the report.
        if (lastStep || !m.bindTools) return m.invoke(messages, { signal });
        return m.bindTools(deps.tools).invoke(messages, { signal });
      },
      { signal: deps.signal },
    );
    const usage = usageOf(value as AIMessage);
    deps.usage.total = addUsage(deps.usage.total, usage);
    deps.gateway.reportUsage({ role: 'analysis', model, usage, attempts });
    return { messages: [value], iterations: iteration };
  };
}
