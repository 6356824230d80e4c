/**
 * Free-text understanding for the guided advisor: deterministic rules, no model.
 * Each function is pure; the cue patterns cover the phrasings owners actually type.
 */
import {
  type BusinessProfile,
  hasValue,
  PROFILE_FIELDS,
  type ProfileField,
  type ProfilePatch,
} from '../profile.ts';
import { classifyUrls, type UrlOptions, WEBSITE_CUE } from './urls.ts';

export { classifyUrls, extractUrls, normalizeUrl, type UrlOptions } from './urls.ts';

/** "no", "none", "we don't have one", "not yet", "n/a", "I don't know" and the like. */
export function isNegative(text: string): boolean {
  const t = text
    .trim()
    .toLowerCase()
    .replace(/[.!]+$/, '');
  return (
    /^(no|nope|none|nothing|n\/a|na|not really|not yet|no idea|skip|pass|nobody|no one|-)$/.test(
      t,
    ) ||
    /\b(?:don'?t|do not|doesn'?t|does not|haven'?t|have not)\s+(?:have|got|know|really have)\b/.test(
      t,
    ) ||
    /^(?:no|none)[,.]?\s/.test(t) ||
    /\bnot sure\b|\bno website\b|\bno site\b|\bno competitors?\b|\bnone yet\b|\bskip (?:this|that|it)\b/.test(
      t,
    )
  );
}

function cleanItem(s: string): string {
  return s
    .trim()
    .replace(/^(?:[-*•·]|\d+[.)])\s*/, '')
    .replace(/^(?:and|also|plus|then|&)\s+/i, '')
    .replace(/[\s.,;:!]+$/, '')
    .replace(/^["“‘'](.*)["”’']$/, '$1')
    .trim();
}

const words = (s: string) => s.trim().split(/\s+/).filter(Boolean).length;

/**
 * Split a free-text list: newlines, bullets, semicolons and commas always; "and"/"&"/"plus" only
 * when both sides have at least two words (so "fish and chips" stays one item) or in "a, b and c".
 */
export function splitList(text: string): string[] {
  const pieces = text
    .split(/\n+|;|,(?![^(]*\))|(?<=\.)\s+(?=[A-Z])/)
    .map((p) => p.trim())
    .filter(Boolean);
  const out: string[] = [];
  const commaList = pieces.length > 1;
  pieces.forEach((piece, i) => {
    const parts = piece.split(/\s+(?:and|&|plus|as well as)\s+/i);
    if (parts.length === 1) {
      out.push(piece);
      return;
    }
    const last = i === pieces.length - 1;
    const allLong = parts.every((p) => words(p) >= 2);
    if (allLong || (commaList && last && parts.length === 2)) out.push(...parts);
    else out.push(piece);
  });
  const seen = new Set<string>();
  return out
    .map(cleanItem)
    .filter((s) => s.length > 1 && /[\p{L}\p{N}]/u.test(s) && !isNegative(s))
    .filter((s) => {
      const k = s.toLowerCase();
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
}

const NAME_LEAD =
  /^(?:(?:hi|hello|hey)[,!.]?\s+)?(?:(?:it'?s|it is|we'?re|we are|i'?m|i am|this is|my (?:business|company|shop|store|brand)(?:'s| is)(?: called)?|our (?:business|company|shop|store|brand)(?:'s| is)(?: called)?|the (?:business|company) is(?: called)?|(?:the |our |my )?(?:business |company )?name(?:'s| is)|we'?re called|we are called|it'?s called|called|i run|i own|we run)\s+)/i;

/** Stop a name at the first clause break: ", we sell...", " - ", ". ", " and we ". */
function firstClause(s: string): string {
  return (
    s.split(
      /\s*(?:[,;\n(]|\s-\s|\.\s|\s+and\s+(?:we|i|our)\b|\s+(?:we|i)\s+(?:sell|offer|make|provide|do|help))/i,
    )[0] ?? s
  ).trim();
}

/** "hi", "thanks", "ok": no content to read. */
export function isSmallTalk(text: string): boolean {
  return /^(?:(?:hi|hello|hey|hiya|howdy|good (?:morning|afternoon|evening)|thanks?(?: you)?|cheers|ok(?:ay)?|cool|great|nice|yes|yep|yeah|sure|right)[\s!.,]*)+$/i.test(
    text.trim(),
  );
}

/** "Our company is called X" / "we're called X": a name stated outright, even when not asked. */
export function explicitName(text: string): string | null {
  const m = text.match(
    /\b(?:(?:my|our|the)\s+(?:business|company|shop|store|brand|firm)(?:'s|\s+is)?\s+(?:called|named)|(?:we'?re|we\s+are|it'?s|it\s+is)\s+called)\s+(.+)/i,
  );
  return m?.[1] ? parseName(m[1]) : null;
}

/** The business name from an answer to "what is it called?". */
export function parseName(text: string): string | null {
  const called = text.match(/\b(?:called|named)\s+["“']?([^,.;\n"”]+)/i);
  let name = called?.[1] ?? text.replace(NAME_LEAD, '');
  name = firstClause(name)
    .replace(/^(?:a|an|the)\s+(?=[a-z])/, '')
    .replace(/^["“'‘]|["”'’.!]+$/g, '')
    .trim();
  if (!/[\p{L}\p{N}]/u.test(name) || words(name) > 10 || isNegative(name)) return null;
  return name;
}

const OFFER_VERBS =
  '(?:sell|offer|provide|make|build|create|run|bake|brew|design|deliver|produce|repair|fix|teach|host|manufacture|specialise in|specialize in|do)';
const CLAUSE_END = String.raw`(?=\s*(?:[.;\n]|,\s*(?:and\s+)?(?:we|our|my|i|it)\b|$))`;

/** "we sell Y to Z" -> { offering: Y, audience: Z }. */
function offeringCue(text: string): { offering?: string; audience?: string } {
  const m = text.match(
    new RegExp(
      String.raw`\b(?:we|i)\s+(?:mainly\s+|mostly\s+)?${OFFER_VERBS}\s+(.+?)${CLAUSE_END}`,
      'i',
    ),
  );
  if (!m?.[1]) return {};
  return splitOfferingAudience(m[1]);
}

function splitOfferingAudience(s: string): { offering?: string; audience?: string } {
  const m = s.match(/^(.+?)\s+(?:to|for|aimed at)\s+(.+)$/i);
  if (m?.[1] && m[2] && words(m[1]) >= 1) {
    return { offering: cleanItem(m[1]), audience: cleanItem(m[2]) };
  }
  return { offering: cleanItem(s) };
}

const AUDIENCE_CUE =
  /\b(?:our|my)\s+(?:main\s+|target\s+|ideal\s+|typical\s+)?(?:customers|clients|audience|market|buyers|guests|patients|students|users)\s+(?:are|is|include|tend to be)\s+(?:mostly\s+|mainly\s+)?(.+?)(?=\s*(?:[.;\n]|,\s*(?:and\s+)?(?:we|our|my|i)\b|$))/i;

/** The offering from an answer to "what do you sell?" (may also carry the audience). */
export function parseOffering(text: string): { offering?: string; audience?: string } {
  const cue = offeringCue(text);
  if (cue.offering) return cue;
  const stripped = text
    .replace(/^(?:(?:we'?re|we are|it'?s|it is|i'?m|i am)\s+)/i, '')
    .replace(/^(?:we|i)\s+/i, '')
    .trim();
  const first = stripped.split(/\n|\.\s/)[0] ?? stripped;
  if (!/[\p{L}\p{N}]/u.test(first) || isNegative(first)) return {};
  return splitOfferingAudience(first.replace(/[.!]+$/, ''));
}

/** The audience from an answer to "who are your customers?". */
export function parseAudience(text: string): string | null {
  const cue = text.match(AUDIENCE_CUE);
  let a = cue?.[1];
  if (!a) {
    a = text
      .replace(
        /^(?:(?:mostly|mainly|mostly|primarily|usually|largely)\s+)?(?:(?:we\s+(?:sell|cater|market)\s+to|we\s+serve|we\s+help|we\s+work\s+with|it'?s|they'?re|they are|for|to)\s+)?(?:mostly\s+|mainly\s+|primarily\s+)?/i,
        '',
      )
      .split(/\n|\.\s/)[0];
  }
  const out = cleanItem(a ?? '');
  return /[\p{L}\p{N}]/u.test(out) && !isNegative(out) ? out : null;
}

const DIFF_LEAD =
  /^(?:(?:what\s+makes\s+us\s+(?:different|unique|special|stand\s+out)\s+(?:is|are)|we(?:'re|\s+are)\s+(?:different|unique|special)\s+because(?:\s+of)?|unlike\s+(?:others|competitors|most|other\s+\w+),?\s+we|our\s+(?:edge|advantage|usp|strengths?|differentiators?)\s+(?:is|are)|we\s+stand\s+out\s+(?:because|by|with)|(?:mainly|mostly)|because(?:\s+of)?)[:\s]+)/i;

/** Differentiators as a list. */
export function parseDifferentiators(text: string): string[] {
  return splitList(text.trim().replace(DIFF_LEAD, ''));
}

const GOAL_LEAD =
  /^(?:(?:our|my)\s+(?:main\s+|big\s+)?(?:goals?|aims?|objectives?|priorit(?:y|ies))\s+(?:is|are|would be)(?:\s+to)?|(?:we|i)(?:'d| would)?\s+(?:want|like|hope|need|aim|plan)(?:\s+to)?|(?:we|i)'?m?\s+(?:hoping|trying|looking)\s+to|to)[:\s]+/i;

/** Goals as a list; a leading "to" is dropped ("to get more bookings" -> "get more bookings"). */
export function parseGoals(text: string): string[] {
  return splitList(text.trim().replace(GOAL_LEAD, '')).map((g) => g.replace(/^to\s+/i, ''));
}

/**
 * Cues strong enough to fill fields other than the one just asked, e.g. "We're Crumbs & Co, we
 * sell sourdough to cafés in Leeds". Only fields listed in `allowed` are read.
 */
export function extractCues(
  text: string,
  allowed: ReadonlySet<ProfileField>,
  urlOptions: UrlOptions = {},
): ProfilePatch {
  const patch: ProfilePatch = {};
  if (allowed.has('name')) {
    // The lead-in is matched case-insensitively, the name itself must be Capitalised words.
    const lead = text.match(
      /\b(?:we'?re|we are|i'?m|i am|this is|my (?:business|company) is|our (?:business|company) is|(?:we'?re |it'?s )?called|named)\s+(?:called\s+)?["“]?/i,
    );
    const rest = lead ? text.slice((lead.index ?? 0) + lead[0].length) : '';
    const m = rest.match(/^((?:[A-Z0-9][\w&'’.-]*)(?:\s+(?:&|and|of|the|[A-Z0-9][\w&'’.-]*))*)/);
    const name = m?.[1]
      ?.replace(/\s+(?:and|of|the)$/i, '')
      .replace(/[.]$/, '')
      .trim();
    if (name && !/^(?:I|We|A|An|The)$/.test(name)) patch.name = name;
  }
  if (allowed.has('offering') || allowed.has('audience')) {
    const cue = offeringCue(text);
    if (allowed.has('offering') && cue.offering) patch.offering = cue.offering;
    if (allowed.has('audience') && cue.audience) patch.audience = cue.audience;
  }
  if (allowed.has('audience')) {
    const a = text.match(AUDIENCE_CUE)?.[1];
    if (a) patch.audience = cleanItem(a);
  }
  if (allowed.has('differentiators')) {
    const m = text.match(
      /\b(?:what\s+makes\s+us\s+(?:different|unique|special)\s+is|we(?:'re|\s+are)\s+different\s+because|unlike\s+(?:others|competitors|most),?\s+we)\s+(.+?)(?=\s*(?:[.\n]|$))/i,
    );
    if (m?.[1]) patch.differentiators = splitList(m[1]);
  }
  if (allowed.has('goals')) {
    const m = text.match(
      /\b(?:(?:our|my)\s+(?:main\s+)?goals?\s+(?:is|are)(?:\s+to)?|(?:we|i)(?:'d| would)?\s+(?:want|like|hope|aim)\s+to)\s+(.+?)(?=\s*(?:[.\n]|$))/i,
    );
    if (m?.[1]) patch.goals = splitList(m[1]).map((g) => g.replace(/^to\s+/i, ''));
  }
  if (allowed.has('website_url') || allowed.has('competitors')) {
    const urls = classifyUrls(text, urlOptions);
    if (allowed.has('website_url') && urls.website && WEBSITE_CUE.test(text)) {
      patch.website_url = urls.website;
    }
    if (allowed.has('competitors') && urls.competitors.length) patch.competitors = urls.competitors;
  }
  return patch;
}

/**
 * What the guided parser reads from one message without a question pending: the cues for the
 * fields still empty. Model mode falls back to it when the model's extraction does not parse.
 */
export function readCues(
  message: string,
  profile: BusinessProfile,
  urlOptions: UrlOptions = {},
): ProfilePatch {
  const empty = new Set(PROFILE_FIELDS.filter((f) => !hasValue(profile, f)));
  return extractCues(message, empty, urlOptions);
}
