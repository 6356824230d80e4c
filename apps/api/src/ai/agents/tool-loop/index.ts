/**
 * The loop both agents run (LangGraph): a model step with tools bound, the tools it asked for,
 * and again, for at most `maxIterations` model steps. The last step gets no tools, so the model
 * has to answer. Every model call goes through the gateway (retries, fallbacks, usage).
 * LangGraph is imported on the first run, not at start (issue 15: about 0.7 s and 39 MB).
 */
import {
  type AIMessage,
  type BaseMessage,
  HumanMessage,
  SystemMessage,
} from '@langchain/core/messages';
import type { StructuredToolInterface } from '@langchain/core/tools';
import { addUsage, type ModelGateway, type TokenUsage, usageOf, ZERO_USAGE } from '../../models.ts';

/** LangGraph and the graph state, loaded once on first use. */
async function loadGraph() {
  const { Annotation, END, MessagesAnnotation, START, StateGraph } = await import(
    '@langchain/langgraph'
  );
  const { ToolNode } = await import('@langchain/langgraph/prebuilt');
  /** Graph state: the message log (system prompt excluded) and the step counter. */
  const ToolLoopState = Annotation.Root({
    ...MessagesAnnotation.spec,
    /** Model calls made so far. */
    iterations: Annotation<number>({ reducer: (_, next) => next, default: () => 0 }),
    /** The model still wanted tools when the step limit was hit. */
    limitReached: Annotation<boolean>({ reducer: (_, next) => next, default: () => false }),
  });
  return { END, START, StateGraph, ToolNode, ToolLoopState } as const;
}
let graphModule: ReturnType<typeof loadGraph> | undefined;

/** The graph state's shape. */
export type ToolLoopStateType = Awaited<ReturnType<typeof loadGraph>>['ToolLoopState']['State'];

export interface ToolLoopOptions {
  gateway: ModelGateway;
  tools: StructuredToolInterface[];
  systemPrompt: string;
  /** Said to the model on its last step, when tools are no longer available. */
  finalStepNote: string;
  maxIterations: number;
  signal?: AbortSignal | undefined;
  /** Usage of calls made inside tools is added here too; the loop adds its model steps. */
  usage?: { total: TokenUsage } | undefined;
}

export interface ToolLoopResult {
  messages: BaseMessage[];
  iterations: number;
  limitReached: boolean;
  usage: TokenUsage;
}

/** Runs the loop from `messages` (the task) to the model's last answer. */
export async function runToolLoop(
  options: ToolLoopOptions,
  messages: BaseMessage[],
): Promise<ToolLoopResult> {
  const { gateway, tools, maxIterations, signal } = options;
  const usage = options.usage ?? { total: ZERO_USAGE };
  graphModule ??= loadGraph();
  const { END, START, StateGraph, ToolNode, ToolLoopState } = await graphModule;

  const agent = async (state: ToolLoopStateType): Promise<Partial<ToolLoopStateType>> => {
    const iteration = state.iterations + 1;
    const lastStep = iteration >= maxIterations;
    const prompt = [
      new SystemMessage(options.systemPrompt),
      ...state.messages,
      ...(lastStep ? [new HumanMessage(options.finalStepNote)] : []),
    ];
    const { value, model, attempts } = await gateway.run(
      'analysis',
      (m, { signal: callSignal }) => {
        // On the last step the model gets no tools, so it has to write its answer.
        if (lastStep || !m.bindTools) return m.invoke(prompt, { signal: callSignal });
        return m.bindTools(tools).invoke(prompt, { signal: callSignal });
      },
      { signal },
    );
    const used = usageOf(value as AIMessage);
    usage.total = addUsage(usage.total, used);
    gateway.reportUsage({ role: 'analysis', model, usage: used, attempts });
    return { messages: [value], iterations: iteration };
  };

  // After a model step: run the requested tools, or stop (done, or out of steps).
  const route = (state: ToolLoopStateType): 'tools' | 'limit' | typeof END => {
    const last = state.messages.at(-1) as AIMessage | undefined;
    if (!last?.tool_calls?.length) return END;
    return state.iterations >= maxIterations ? 'limit' : 'tools';
  };

  const graph = new StateGraph(ToolLoopState)
    .addNode('agent', agent)
    .addNode('tools', new ToolNode(tools, { handleToolErrors: true }))
    .addNode('limit', () => ({ limitReached: true }))
    .addEdge(START, 'agent')
    .addConditionalEdges('agent', route, ['tools', 'limit', END])
    .addEdge('tools', 'agent')
    .addEdge('limit', END)
    .compile();
  const final = await graph.invoke({ messages }, { signal, recursionLimit: maxIterations * 2 + 4 });
  return {
    messages: final.messages,
    iterations: final.iterations,
    limitReached: final.limitReached,
    usage: usage.total,
  };
}

/** The text of a message, whatever shape its content has. */
export function textOf(message: BaseMessage | undefined): string {
  if (!message) return '';
  return typeof message.content === 'string' ? message.content : message.text;
}

/** Every tool call the model asked for, in order. */
export function toolCallsOf(
  messages: BaseMessage[],
): Array<{ name: string; args: Record<string, unknown> }> {
  return messages.flatMap((m) =>
    ((m as AIMessage).tool_calls ?? []).map((c) => ({ name: c.name, args: c.args })),
  );
}
