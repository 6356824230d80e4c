/**
 * What the owner says the business is: the story the site is judged against by the story-to-site
 * audits (`nap-consistency`, `local-business-schema`, `services-covered`, `areas-covered`,
 * `contact-path`). Every field is optional; an audit whose fields are all empty is not applicable.
 */
export interface BusinessStory {
  name?: string | null;
  /** As the owner writes it: "+1 503 555 0142", "(503) 555-0142". */
  phone?: string | null;
  /** One line: "12 Harbor Street, Portland, OR 97201". */
  address?: string | null;
  /** Services in the owner's words: "wedding flowers", "corporate arrangements". */
  services?: string[];
  /** Towns, districts or regions served. */
  serviceAreas?: string[];
  /** Opening hours, one range a line: "Mo-Fr 07:00-18:00", "Sat 8am-2pm". */
  openingHours?: string[];
  website?: string | null;
  /** ISO 3166-1 alpha-2 country for reading national phone numbers ("US", "GB"). */
  country?: string | null;
}

const STRING_KEYS = ['name', 'phone', 'address', 'website', 'country'] as const;
const LIST_KEYS = ['services', 'serviceAreas', 'openingHours'] as const;
const KEYS = new Set<string>([...STRING_KEYS, ...LIST_KEYS]);

/**
 * Checks an untrusted story (the CLI's `--story` file) and returns it cleaned: strings trimmed,
 * empty values left out. Throws an Error naming the first problem.
 */
export function parseStory(input: unknown): BusinessStory {
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    throw new Error('the story must be a JSON object');
  }
  const record = input as Record<string, unknown>;
  const unknownKey = Object.keys(record).find((k) => !KEYS.has(k));
  if (unknownKey) {
    throw new Error(`unknown story field "${unknownKey}" (expected ${[...KEYS].join(', ')})`);
  }
  const story: BusinessStory = {};
  for (const key of STRING_KEYS) {
    const v = record[key];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string') throw new Error(`story field "${key}" must be a string`);
    if (v.trim()) story[key] = v.trim();
  }
  for (const key of LIST_KEYS) {
    const v = record[key];
    if (v === undefined || v === null) continue;
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
      throw new Error(`story field "${key}" must be a list of strings`);
    }
    const items = (v as string[]).map((x) => x.trim()).filter(Boolean);
    if (items.length > 0) story[key] = [...new Set(items)];
  }
  if (story.country && !/^[A-Za-z]{2}$/.test(story.country)) {
    throw new Error('story field "country" must be a two-letter country code such as "US"');
  }
  if (story.country) story.country = story.country.toUpperCase();
  return story;
}

/** True when the story says anything at all. */
export function hasStory(story: BusinessStory | null | undefined): story is BusinessStory {
  if (!story) return false;
  return Object.values(story).some((v) => (Array.isArray(v) ? v.length > 0 : !!v));
}
