/**
 * The guided advisor: Quento's conversation when no model is configured. Pure and deterministic:
 * it asks the core-story questions in turn, reads free-text answers into the business profile,
 * asks again for what is missing, and answers questions from the user's stored data.
 */

import { adviceHelp } from '../advice/answers.ts';
import { readIntent } from '../advice/intents.ts';
import {
  type BusinessProfile,
  emptyProfile,
  hasValue,
  isProfileComplete,
  mergeProfile,
  normalizeProfile,
  PROFILE_FIELDS,
  type ProfileField,
  type ProfilePatch,
  REQUIRED_PROFILE_FIELDS,
} from '../profile.ts';
import { answerQuestion, readQuestion } from './answers.ts';
import { readCorrection } from './corrections.ts';
import {
  classifyUrls,
  explicitName,
  extractCues,
  extractUrls,
  isNegative,
  isSmallTalk,
  parseAudience,
  parseDifferentiators,
  parseGoals,
  parseName,
  parseOffering,
  type UrlOptions,
} from './parse.ts';
import {
  ACKNOWLEDGE,
  COMPLETE_MESSAGE,
  LABELS,
  NO_MODEL_NOTICE,
  QUESTIONS,
  REASK,
} from './prompts.ts';
import {
  type GuidedState,
  type GuidedTurnInput,
  type GuidedTurnResult,
  initialGuidedState,
} from './state.ts';

export { readCues, type UrlOptions } from './parse.ts';
export { NO_MODEL_NOTICE } from './prompts.ts';
export * from './state.ts';

/** After this many unusable answers to one question, move on and come back at the end. */
const MAX_ATTEMPTS = 2;

/** Fields that may be picked up from cues while another question is pending. */
const CUES_WHILE: Record<ProfileField | 'none', ProfileField[]> = {
  none: [...PROFILE_FIELDS],
  name: ['offering', 'audience', 'differentiators', 'goals', 'website_url', 'competitors'],
  offering: ['audience', 'website_url', 'competitors'],
  audience: ['website_url', 'competitors'],
  differentiators: ['website_url', 'competitors'],
  goals: ['website_url', 'competitors'],
  website_url: ['competitors'],
  competitors: ['website_url'],
};

function nextField(profile: BusinessProfile, state: GuidedState): ProfileField | null {
  return PROFILE_FIELDS.find((f) => !hasValue(profile, f) && !state.declined.includes(f)) ?? null;
}

/** Read the answer to the pending question. `declined` when the user says they have none. */
function parsePending(
  field: ProfileField,
  message: string,
  profile: BusinessProfile,
  urls: UrlOptions = {},
): { patch: ProfilePatch; declined: boolean } {
  const negative = isNegative(message);
  switch (field) {
    case 'name': {
      const name = parseName(message);
      return { patch: name ? { name } : {}, declined: false };
    }
    case 'offering': {
      const { offering, audience } = parseOffering(message);
      return {
        patch: {
          ...(offering ? { offering } : {}),
          ...(audience && !profile.audience ? { audience } : {}),
        },
        declined: false,
      };
    }
    case 'audience': {
      const audience = parseAudience(message);
      return { patch: audience ? { audience } : {}, declined: false };
    }
    case 'differentiators': {
      const list = parseDifferentiators(message);
      return { patch: list.length ? { differentiators: list } : {}, declined: false };
    }
    case 'goals': {
      const list = parseGoals(message);
      return { patch: list.length ? { goals: list } : {}, declined: false };
    }
    case 'website_url': {
      const { website, competitors } = classifyUrls(message, urls);
      const patch: ProfilePatch = website ? { website_url: website } : {};
      if (competitors.length) patch.competitors = competitors;
      return { patch, declined: !website && negative };
    }
    case 'competitors': {
      const own = profile.website_url;
      const found = extractUrls(message, urls).filter((u) => u !== own);
      return {
        patch: found.length ? { competitors: found } : {},
        declined: !found.length && negative,
      };
    }
  }
}

const SHOWN_CHARS = 80;

/** A stored value as the owner reads it back: lists joined, long text shortened at a word. */
function show(value: BusinessProfile[ProfileField]): string {
  const text = (Array.isArray(value) ? value.join(', ') : (value ?? '')).replace(/[.\s]+$/, '');
  if (text.length <= SHOWN_CHARS) return text;
  const cut = text.slice(0, SHOWN_CHARS);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > 20 ? cut.slice(0, lastSpace) : cut).replace(/[,;:\s]+$/, '')}…`;
}

function acknowledge(learned: ProfileField[], profile: BusinessProfile): string {
  if (!learned.length) return '';
  return `Noted. ${learned.map((f) => ACKNOWLEDGE[f](show(profile[f]))).join(' ')}`;
}

function closing(profile: BusinessProfile, state: GuidedState): string {
  if (isProfileComplete(profile)) return COMPLETE_MESSAGE;
  const missing = REQUIRED_PROFILE_FIELDS.filter((f) => !hasValue(profile, f)).map(
    (f) => LABELS[f],
  );
  return `Your core story is still missing: ${missing.join(', ')}. Tell me whenever you are ready${
    state.declined.includes('website_url')
      ? ' (without a website, Discover has nothing to analyse)'
      : ''
  }.`;
}

/** The advisor's opening message for a new conversation. */
export function guidedStart(stored?: Partial<BusinessProfile> | null): {
  reply: string;
  state: GuidedState;
} {
  const profile = normalizeProfile(stored);
  const state = initialGuidedState();
  const next = nextField(profile, state);
  state.pending = next;
  const ask = next ? `Let's capture your core story. ${QUESTIONS[next]}` : closing(profile, state);
  return { reply: `${NO_MODEL_NOTICE}\n\n${ask}`, state };
}

/** One turn of the guided conversation. */
export function guidedTurn(input: GuidedTurnInput): GuidedTurnResult {
  const before = normalizeProfile(input.profile);
  const firstTurn = !input.state;
  const state: GuidedState = structuredClone(input.state ?? initialGuidedState());
  const message = input.message.trim();
  const pending = state.pending;
  const data = input.data ?? {};

  const finish = (
    reply: string,
    profile: BusinessProfile,
    patch: ProfilePatch,
    learned: ProfileField[],
    intent: GuidedTurnResult['intent'],
  ): GuidedTurnResult => ({
    reply: firstTurn ? `${NO_MODEL_NOTICE}\n\n${reply}` : reply,
    state,
    profile,
    patch,
    learned,
    complete: isProfileComplete(profile),
    intent,
  });

  const question = readQuestion(message, pending !== null);
  // One of the advisor's questions ("how do I get more catering bookings") is a question even
  // without a "?", unless it could be the answer to the question pending.
  if (question.isQuestion || (pending === null && readIntent(message) !== null)) {
    const answer = answerQuestion(question.topics, message, data, before);
    const next = pending ?? nextField(before, state);
    state.pending = next;
    const back = next ? `\n\nBack to your story: ${QUESTIONS[next]}` : '';
    return finish(`${answer}${back}`, before, {}, [], 'question');
  }

  if (!message || isSmallTalk(message)) {
    const next = pending ?? nextField(before, state);
    state.pending = next;
    const ask = next ? QUESTIONS[next] : closing(before, state);
    return finish(`Hello! ${ask}`, before, {}, [], 'unclear');
  }

  const urls: UrlOptions = input.urls ?? {};
  const correction = readCorrection(message, state.lastLearned, urls);
  if (correction) {
    const { field, text } = correction;
    const fixed = parsePending(field, text, { ...before, [field]: emptyProfile()[field] }, urls);
    const value = fixed.patch[field];
    if (value !== undefined) {
      // Replaced, not added to: a corrected list loses what it corrects.
      const profile = mergeProfile(
        { ...before, [field]: emptyProfile()[field] },
        { [field]: value },
      );
      if (hasValue(profile, field)) {
        state.lastLearned = [field];
        state.declined = state.declined.filter((f) => f !== field);
        const next = pending && pending !== field ? pending : nextField(profile, state);
        state.pending = next;
        const ask = next ? QUESTIONS[next] : closing(profile, state);
        return finish(
          `Thanks for the correction. ${ACKNOWLEDGE[field](show(profile[field]))} ${ask}`,
          profile,
          { [field]: profile[field] },
          [field],
          'answer',
        );
      }
    }
  }

  // A name stated outright ("our company is called X") wins over reading the message as the
  // answer to another question: it is a correction, not an offering.
  const renamed = pending !== 'name' ? explicitName(message) : null;
  // Read the pending answer first; cues for other, still empty fields come second.
  const allowed = new Set(CUES_WHILE[pending ?? 'none'].filter((f) => !hasValue(before, f)));
  const cues = renamed ? {} : extractCues(message, allowed, urls);
  const answered = pending && !renamed ? parsePending(pending, message, before, urls) : null;
  const patch: ProfilePatch = {
    ...cues,
    ...(answered?.patch ?? {}),
    ...(renamed ? { name: renamed } : {}),
  };
  if (cues.competitors && answered?.patch.competitors) {
    patch.competitors = [...new Set([...answered.patch.competitors, ...cues.competitors])];
  }
  const profile = mergeProfile(before, patch);
  const learned = PROFILE_FIELDS.filter(
    (f) => f in patch && JSON.stringify(profile[f]) !== JSON.stringify(before[f]),
  );
  state.lastLearned = learned;

  let note = '';
  if (pending && !renamed) {
    if (answered?.declined) {
      if (!state.declined.includes(pending)) state.declined.push(pending);
      note = pending === 'website_url' ? 'No website yet, fine.' : 'No problem.';
    } else if (!hasValue(profile, pending)) {
      const tries = (state.attempts[pending] ?? 0) + 1;
      state.attempts[pending] = tries;
      if (tries < MAX_ATTEMPTS) {
        const ack = acknowledge(learned, profile);
        const reask = REASK[pending] ?? `Sorry, I did not get that. ${QUESTIONS[pending]}`;
        return finish([ack, reask].filter(Boolean).join(' '), profile, patch, learned, 'unclear');
      }
      // Still nothing usable: move on now and ask again once the other questions are done.
      state.declined.push(pending);
      note = `Let's come back to your ${LABELS[pending]} later.`;
    }
  }

  let next = nextField(profile, state);
  if (!next) {
    // Second round: ask again for required fields that were skipped, once each.
    const retry = REQUIRED_PROFILE_FIELDS.find(
      (f) =>
        !hasValue(profile, f) && f !== 'website_url' && (state.attempts[f] ?? 0) < MAX_ATTEMPTS + 1,
    );
    if (retry && state.declined.includes(retry)) {
      state.declined = state.declined.filter((f) => f !== retry);
      state.attempts[retry] = MAX_ATTEMPTS;
      next = retry;
    }
  }
  state.pending = next;
  const intent = learned.length || answered?.declined ? 'answer' : 'unclear';
  const parts = [acknowledge(learned, profile), note];
  if (next) parts.push(QUESTIONS[next]);
  else if (learned.length || pending) parts.push(closing(profile, state));
  else
    parts.push(
      `I did not find anything to add to your profile in that. ${adviceHelp({ profile })}`,
    );
  return finish(parts.filter(Boolean).join(' '), profile, patch, learned, intent);
}
