/** Answers to questions about the user's own data, without a model. */

import { adviceHelp, advise } from '../advice/index.ts';
import {
  type AdvisorData,
  type BusinessProfile,
  describeProfile,
  missingProfileFields,
} from '../profile.ts';
import { HELP_MESSAGE, LABELS, NO_MODEL_NOTICE } from './prompts.ts';

const INTERROGATIVE =
  /^(?:what(?:'s|s)?\s+(?:is|are|was|were|about|should|can|do|does|did|would|will|my|our|the)|how\s+(?:is|are|am|do|does|did|can|should|many|much|well|far)|why|which|when|where|who|can you|could you|should (?:i|we)|do (?:i|we|you)|does|did|is (?:my|our|there|it)|are (?:my|our|there|you)|will|would you|show|tell me|give me|list|explain|remind)\b/i;

const TOPICS = {
  help: /^help\W*$|\b(?:what can you do|who are you|how does this work|are you (?:an? )?(?:ai|bot|human)|ai model|llm|chatgpt|gpt)\b/i,
  scores:
    /\b(?:scores?|scored|rating|grade|how (?:am i|are we|is my (?:site|website)) doing|performance|seo|speed)\b/i,
  findings:
    /\b(?:findings?|issues?|problems?|wrong|fix|errors?|weak(?:ness|nesses)?|audit|broken|improve)\b/i,
  strategy:
    /\b(?:strateg(?:y|ies)|recommend(?:ation)?s?|priorit(?:y|ies|ise|ize)|plan|what should (?:i|we) do|next steps?|first)\b/i,
  actions: /\b(?:actions?|tasks?|to-?dos?|progress|left|remaining|done|completed|finished)\b/i,
  profile:
    /\b(?:my profile|my business|about (?:me|us|my business)|core story|what do you know)\b/i,
} as const;
export type Topic = keyof typeof TOPICS;

export interface QuestionReading {
  isQuestion: boolean;
  topics: Topic[];
}

/** Whether the message asks something, and about which of the user's data. */
export function readQuestion(message: string, answeringField: boolean): QuestionReading {
  const text = message.trim();
  const asks = text.endsWith('?') || INTERROGATIVE.test(text) || /^help\W*$/i.test(text);
  if (!asks) return { isQuestion: false, topics: [] };
  const topics = (Object.keys(TOPICS) as Topic[]).filter((t) => TOPICS[t].test(text));
  // While a question of ours is pending, an answer that merely starts like a question is still an
  // answer unless it ends with "?" or names one of the topics.
  if (answeringField && !text.endsWith('?') && topics.length === 0) {
    return { isQuestion: false, topics: [] };
  }
  return { isQuestion: true, topics };
}

const pct = (v: number | null | undefined) =>
  v === null || v === undefined ? 'n/a' : `${Math.round(v)}/100`;

function answerScores(data: AdvisorData, message: string): string {
  const a = data.analysis;
  if (!a) return 'You have no website analysis yet. Open Discover to run one, then ask me again.';
  const wanted = Object.keys(a.scores).filter((k) => new RegExp(`\\b${k}\\b`, 'i').test(message));
  const keys = wanted.length ? wanted : Object.keys(a.scores);
  const parts = keys.map((k) => `${k} ${pct(a.scores[k])}`);
  const overall =
    a.overallScore !== undefined && !wanted.length ? `Overall ${pct(a.overallScore)}. ` : '';
  return `Your latest analysis of ${a.url}${a.completedAt ? ` (${a.completedAt.slice(0, 10)})` : ''}: ${overall}${parts.join(', ')}.`;
}

function answerFindings(data: AdvisorData): string {
  const a = data.analysis;
  if (!a) return 'You have no website analysis yet. Open Discover to run one.';
  if (!a.topFindings.length) return `Your latest analysis of ${a.url} found no significant issues.`;
  const lines = a.topFindings
    .slice(0, 5)
    .map((f, i) => `${i + 1}. ${f.title}${f.severity ? ` (${f.severity})` : ''}`);
  return `Top findings from your latest analysis of ${a.url}:\n${lines.join('\n')}`;
}

function answerStrategy(data: AdvisorData): string {
  const s = data.strategy;
  if (!s?.topRecommendations.length) {
    return data.analysis
      ? 'You have no strategy yet. Open Plan to build one from your analysis.'
      : 'You have no strategy yet: run an analysis in Discover first, then build a plan.';
  }
  const lines = s.topRecommendations.slice(0, 5).map((r, i) => {
    const tags = [r.impact && `impact ${r.impact}`, r.effort && `effort ${r.effort}`]
      .filter(Boolean)
      .join(', ');
    return `${i + 1}. ${r.title}${tags ? ` (${tags})` : ''}`;
  });
  return `Your top recommendations${s.title ? ` in "${s.title}"` : ''}, highest priority first:\n${lines.join('\n')}`;
}

function answerActions(data: AdvisorData): string {
  const s = data.strategy;
  if (!s) return 'You have no action items yet; they come with a strategy (Plan).';
  const { todo, inProgress, done } = s.actionCounts;
  const total = todo + inProgress + done;
  return `You have ${total} action item${total === 1 ? '' : 's'}: ${done} done, ${inProgress} in progress, ${todo} to do.`;
}

function answerProfile(profile: BusinessProfile): string {
  const missing = missingProfileFields(profile).map((f) => LABELS[f]);
  return `Here is what I know about your business:\n${describeProfile(profile)}${
    missing.length ? `\nStill missing: ${missing.join(', ')}.` : ''
  }`;
}

/** Answer the topics asked about, from stored data only. */
export function answerQuestion(
  topics: Topic[],
  message: string,
  data: AdvisorData,
  profile: BusinessProfile,
): string {
  // The advisor's questions past ring 1 first: "did my fixes work" is not a list of findings.
  const advice = data.facts ? advise(message, data.facts) : null;
  if (advice) return advice.text;
  const parts: string[] = [];
  for (const t of topics) {
    if (t === 'help') parts.push(`${NO_MODEL_NOTICE} ${HELP_MESSAGE}`);
    else if (t === 'scores') parts.push(answerScores(data, message));
    else if (t === 'findings') parts.push(answerFindings(data));
    else if (t === 'strategy') parts.push(answerStrategy(data));
    else if (t === 'actions') parts.push(answerActions(data));
    else if (t === 'profile') parts.push(answerProfile(profile));
  }
  // Findings and scores often come together; avoid saying "no analysis yet" twice.
  const unique = [...new Set(parts)];
  return unique.length
    ? unique.join('\n\n')
    : `No AI model is configured, so my answers come from your own data. ${adviceHelp({ profile })}`;
}
