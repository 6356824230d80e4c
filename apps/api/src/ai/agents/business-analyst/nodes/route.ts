import type { AIMessage } from '@langchain/core/messages';
import { END } from '@langchain/langgraph';
import { MAX_ITERATIONS } from '../prompts.ts';
import type { AnalystStateType } from '../state.ts';

/** After a model step: run the requested tools, or stop (done, or out of steps). */
export function route(state: AnalystStateType): 'tools' | 'limit' | typeof END {
  const last = state.messages.at(-1) as AIMessage | undefined;
  if (!last?.tool_calls?.length) return END;
  return state.iterations >= MAX_ITERATIONS ? 'limit' : 'tools';
}

export function markLimit(): Partial<AnalystStateType> {
  return { limitReached: true };
}
