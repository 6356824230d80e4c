/**
 * The advisor past ring 1, without a model: the owner's questions about their own data ("what
 * should I do first", "did my fixes work", "why is my SEO score 56", "how do I get more catering
 * bookings") routed by rules to answers built from stored facts. The model-mode agent
 * (agents/advisor) reads the same facts through its tools.
 */
import { type Advice, answerIntent } from './answers.ts';
import type { OwnerFacts } from './facts.ts';
import { readIntent } from './intents.ts';

export * from './answers.ts';
export * from './facts.ts';
export * from './intents.ts';

/** The answer when `message` asks one of the advisor's questions; null otherwise. */
export function advise(message: string, facts: OwnerFacts): (Advice & { intent: string }) | null {
  const intent = readIntent(message);
  if (!intent) return null;
  return { ...answerIntent(intent, facts), intent: intent.kind };
}
