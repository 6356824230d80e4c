import { BusinessProfile as BusinessProfileSchema } from '@quento/contracts';
import { describe, expect, it } from 'vitest';
import {
  type GuidedState,
  type GuidedTurnResult,
  guidedStart,
  guidedTurn,
  NO_MODEL_NOTICE,
} from '../../src/ai/guided/index.ts';
import {
  classifyUrls,
  extractUrls,
  isNegative,
  normalizeUrl,
  parseAudience,
  parseDifferentiators,
  parseGoals,
  parseName,
  parseOffering,
  splitList,
} from '../../src/ai/guided/parse.ts';
import { type AdvisorData, type BusinessProfile, isProfileComplete } from '../../src/ai/profile.ts';

/** Play a conversation from the start; returns every turn's result. */
function play(messages: string[], data?: AdvisorData, profile?: Partial<BusinessProfile>) {
  let state: GuidedState | null = guidedStart(profile).state;
  let current: Partial<BusinessProfile> | undefined = profile;
  const turns: GuidedTurnResult[] = [];
  for (const message of messages) {
    const r = guidedTurn({ message, state, profile: current, data });
    turns.push(r);
    state = r.state;
    current = r.profile;
  }
  const last = turns.at(-1)!;
  return { turns, last, profile: last.profile };
}

const data: AdvisorData = {
  analysis: {
    url: 'https://crumbs.co.uk',
    completedAt: '2026-11-20T10:00:00Z',
    overallScore: 62,
    scores: { seo: 71, performance: 48, content: 66, social: 40 },
    topFindings: [
      { title: 'Pages have no meta description', severity: 'high', category: 'seo' },
      { title: 'Largest image is 3 MB', severity: 'medium', category: 'performance' },
    ],
  },
  strategy: {
    title: 'Winter plan',
    topRecommendations: [
      { title: 'Write meta descriptions for the 5 main pages', impact: 'high', effort: 'low' },
      { title: 'Compress hero images', impact: 'medium', effort: 'low' },
    ],
    actionCounts: { todo: 3, inProgress: 1, done: 2 },
  },
};

describe('parsing free text', () => {
  it.each([
    ['acme.com', 'https://acme.com'],
    ['www.Acme-Bakery.co.uk/', 'https://www.acme-bakery.co.uk'],
    ['http://shop.example.org/about.', 'http://shop.example.org/about'],
    // Any suffix of the Public Suffix List, not a short list of common ones (".bakery" is none).
    ['rosas.pizza', 'https://rosas.pizza'],
    ['bakery.com.ar', 'https://bakery.com.ar'],
    ['Bäckerei-Müller.berlin', 'https://xn--bckerei-mller-bfb28a.berlin'],
    ['crumbs.bakery', null],
    ['www.crumbs.bakery', 'https://www.crumbs.bakery'],
    ['node.js', null],
    ['index.html', null],
    ['e.g', null],
  ])('normalizes %s', (input, expected) => {
    expect(normalizeUrl(input)).toBe(expected);
  });

  it('extracts urls and domains, not emails', () => {
    expect(
      extractUrls(
        'Email me at jo@crumbs.co.uk; site is crumbs.co.uk (also https://shop.crumbs.co.uk/x).',
      ),
    ).toEqual(['https://crumbs.co.uk', 'https://shop.crumbs.co.uk/x']);
  });

  it('reads dictated addresses', () => {
    expect(extractUrls("it's crumbs dot co dot uk")).toEqual(['https://crumbs.co.uk']);
    expect(extractUrls('https://www.facebook.com/crumbsleeds')).toEqual([
      'https://www.facebook.com/crumbsleeds',
    ]);
  });

  it('tells the own site from competitors', () => {
    expect(
      classifyUrls('Our site is crumbs.co.uk. Competitors are breadbox.com and loaf.io'),
    ).toEqual({
      website: 'https://crumbs.co.uk',
      competitors: ['https://breadbox.com', 'https://loaf.io'],
    });
    expect(classifyUrls('we compete with breadbox.com').competitors).toEqual([
      'https://breadbox.com',
    ]);
  });

  it.each([
    [
      'organic flour, slow fermentation and free delivery',
      ['organic flour', 'slow fermentation', 'free delivery'],
    ],
    ['fish and chips', ['fish and chips']],
    ['faster delivery and lower prices', ['faster delivery', 'lower prices']],
    [
      '- friendly staff\n- open late\n- free parking',
      ['friendly staff', 'open late', 'free parking'],
    ],
    ['1) quality 2) price', ['quality 2) price']],
    ['Quality; price; speed.', ['Quality', 'price', 'speed']],
    ['pies, cakes and bread', ['pies', 'cakes', 'bread']],
  ])('splits list %j', (text, expected) => {
    expect(splitList(text)).toEqual(expected);
  });

  it.each([
    ['Crumbs & Co', 'Crumbs & Co'],
    ["It's called Crumbs & Co.", 'Crumbs & Co'],
    ['We are Smith and Sons, a plumbing firm', 'Smith and Sons'],
    ['my business is "The Daily Grind"', 'The Daily Grind'],
    ['I run a small bakery called Rise', 'Rise'],
    ['hi! the name is Bloom Florists', 'Bloom Florists'],
    ["We're Acme and we sell anvils", 'Acme'],
  ])('reads the name in %j', (text, name) => {
    expect(parseName(text)).toBe(name);
  });

  it('reads offering and audience', () => {
    expect(parseOffering('We sell handmade candles to gift shops')).toEqual({
      offering: 'handmade candles',
      audience: 'gift shops',
    });
    expect(parseOffering('Web design for small charities.')).toEqual({
      offering: 'Web design',
      audience: 'small charities',
    });
    expect(parseOffering('Mobile dog grooming')).toEqual({ offering: 'Mobile dog grooming' });
    expect(parseAudience('Our customers are mostly retired couples in Devon.')).toBe(
      'retired couples in Devon',
    );
    expect(parseAudience('mainly students')).toBe('students');
    expect(parseAudience('We serve local offices.')).toBe('local offices');
  });

  it('reads differentiators and goals with their lead-ins', () => {
    expect(parseDifferentiators('What makes us different is speed, price and care')).toEqual([
      'speed',
      'price',
      'care',
    ]);
    expect(
      parseGoals('We want to get more bookings and to rank on Google for "plumber leeds"'),
    ).toEqual(['get more bookings', 'rank on Google for "plumber leeds"']);
    expect(parseGoals('Our main goal is to double online sales.')).toEqual(['double online sales']);
  });

  it.each(['no', 'None.', "We don't have one yet", 'not sure', 'n/a', 'no website'])(
    'hears %j as a no',
    (t) => {
      expect(isNegative(t)).toBe(true);
    },
  );
  it.each(['Northern bakery', 'nobody bakes like us', 'now and then'])(
    'hears %j as not a no',
    (t) => {
      expect(isNegative(t)).toBe(false);
    },
  );
});

describe('the guided interview', () => {
  it('opens saying plainly that no model is configured, and asks the first question', () => {
    const { reply, state } = guidedStart();
    expect(reply).toContain('No AI model is configured');
    expect(reply).toContain('name of your business');
    expect(state.pending).toBe('name');
  });

  it('walks one answer per question to a complete, valid profile', () => {
    const { turns, last, profile } = play([
      'Crumbs & Co',
      'Sourdough bread and pastries',
      'Busy parents and cafés in Leeds',
      'organic flour, 48-hour fermentation, delivery before 7am',
      'Win 10 wholesale clients and open a second shop',
      'https://crumbs.co.uk',
      'breadbox.com and loaf.io',
    ]);
    expect(turns.map((t) => t.intent)).toEqual(Array(7).fill('answer'));
    expect(profile).toEqual({
      name: 'Crumbs & Co',
      offering: 'Sourdough bread and pastries',
      audience: 'Busy parents and cafés in Leeds',
      differentiators: ['organic flour', '48-hour fermentation', 'delivery before 7am'],
      goals: ['Win 10 wholesale clients', 'open a second shop'],
      website_url: 'https://crumbs.co.uk',
      competitors: ['https://breadbox.com', 'https://loaf.io'],
    });
    expect(BusinessProfileSchema.parse(profile)).toEqual(profile);
    expect(last.complete).toBe(true);
    expect(last.reply).toContain('Discover');
    expect(last.state.pending).toBeNull();
  });

  it('says back what it understood in whole sentences, never a field key or half a word', () => {
    const long =
      'Sourdough bread, seeded rye, cinnamon buns, celebration cakes and weekday office breakfasts delivered by bike';
    const { turns } = play(['Crumbs & Co', long]);
    expect(turns[0]!.reply).toContain('Your business is called Crumbs & Co.');
    const ack = turns[1]!.reply;
    expect(ack).toMatch(/You offer Sourdough bread, .+…\./);
    const shown = ack.match(/You offer (.+)…/)![1]!;
    // Cut between words: what is shown is a prefix of the answer that ends where a word ends.
    expect(long.startsWith(shown)).toBe(true);
    expect(long.charAt(shown.length)).toMatch(/[\s,]/);
    for (const t of turns)
      expect(t.reply).not.toMatch(/\b(name|offering|customers|goals|website): /);
  });

  it('fills several fields from "we are X, we sell Y to Z" and skips those questions', () => {
    const { last } = play(["Hi, we're Crumbs & Co, we sell sourdough to cafés in Leeds."]);
    expect(last.patch).toMatchObject({
      name: 'Crumbs & Co',
      offering: 'sourdough',
      audience: 'cafés in Leeds',
    });
    expect(last.learned).toEqual(['name', 'offering', 'audience']);
    expect(last.state.pending).toBe('differentiators');
    expect(last.reply).toMatch(/different/);
  });

  it('picks up the website and competitors mentioned early', () => {
    const { last } = play([
      'Bloom Florists',
      'We sell wedding flowers. Our website is bloom-florists.com and our competitors are petals.co.uk and stems.com',
    ]);
    expect(last.profile.website_url).toBe('https://bloom-florists.com');
    expect(last.profile.competitors).toEqual(['https://petals.co.uk', 'https://stems.com']);
    expect(last.profile.offering).toBe('wedding flowers');
    expect(last.state.pending).toBe('audience');
  });

  it('asks again for a missing website, then accepts "no website"', () => {
    const start = {
      name: 'Rise',
      offering: 'bread',
      audience: 'locals',
      differentiators: ['fresh'],
      goals: ['grow'],
    };
    const { turns } = play(
      ['our site is being built', 'we do not have one yet', 'none'],
      undefined,
      start,
    );
    expect(turns[0]!.intent).toBe('unclear');
    expect(turns[0]!.reply).toMatch(/web address/);
    expect(turns[0]!.state.pending).toBe('website_url');
    expect(turns[1]!.state.declined).toContain('website_url');
    expect(turns[1]!.state.pending).toBe('competitors');
    expect(turns[2]!.complete).toBe(false);
    expect(turns[2]!.reply).toMatch(/still missing: website/);
  });

  it('asks for competitor web addresses when only names are given', () => {
    const start = {
      name: 'Rise',
      offering: 'bread',
      audience: 'locals',
      differentiators: ['fresh'],
      goals: ['grow'],
      website_url: 'https://rise.com',
    };
    const { turns } = play(['Greggs and the Co-op', 'greggs.co.uk'], undefined, start);
    expect(turns[0]!.reply).toMatch(/web addresses/);
    expect(turns[1]!.profile.competitors).toEqual(['https://greggs.co.uk']);
    expect(turns[1]!.complete).toBe(true);
  });

  it('moves on after two unusable answers and comes back at the end', () => {
    const { turns } = play(['?!', '...', 'Rise Bakery'], undefined, {});
    expect(turns[0]!.intent).toBe('unclear');
    expect(turns[1]!.state.pending).toBe('offering');
    expect(turns[1]!.reply).toMatch(/come back to your name/);
  });

  it('answers questions about scores, findings, strategy and actions from stored data', () => {
    const { turns } = play(
      [
        'What are my scores?',
        'what should I fix first?',
        'How many actions are left?',
        'what is my performance score?',
      ],
      data,
    );
    expect(turns[0]!.intent).toBe('question');
    expect(turns[0]!.reply).toContain('Overall 62/100');
    expect(turns[0]!.reply).toContain('performance 48/100');
    expect(turns[1]!.reply).toContain('Pages have no meta description');
    expect(turns[1]!.reply).toContain('Write meta descriptions');
    expect(turns[2]!.reply).toContain('6 action items: 2 done, 1 in progress, 3 to do');
    expect(turns[3]!.reply).toMatch(/performance 48\/100\./);
    expect(turns[3]!.reply).not.toContain('seo');
    // The pending question is asked again after each answer, and nothing was written.
    expect(turns.every((t) => t.reply.includes('name of your business'))).toBe(true);
    expect(turns.every((t) => Object.keys(t.patch).length === 0)).toBe(true);
  });

  it('says when there is no analysis or strategy yet, and that no model is configured', () => {
    const { turns } = play(['what is my SEO score?', 'What is the meaning of life?', 'help'], {});
    expect(turns[0]!.reply).toMatch(/no website analysis yet/);
    expect(turns[1]!.reply).toContain('No AI model is configured');
    expect(turns[2]!.reply).toContain(NO_MODEL_NOTICE);
  });

  it('fills the whole story from one long message', () => {
    const { last } = play([
      "We're Bloom, we sell wedding flowers to couples in Bath. What makes us different is same-day delivery and local sourcing. " +
        'Our goal is to get 50 weddings a year. Our website is bloombath.co.uk and competitors are petals.co.uk, stems.com',
    ]);
    expect(last.profile).toEqual({
      name: 'Bloom',
      offering: 'wedding flowers',
      audience: 'couples in Bath',
      differentiators: ['same-day delivery', 'local sourcing'],
      goals: ['get 50 weddings a year'],
      website_url: 'https://bloombath.co.uk',
      competitors: ['https://petals.co.uk', 'https://stems.com'],
    });
    expect(last.complete).toBe(true);
  });

  it('does not take a greeting as an answer', () => {
    const { turns } = play(['hello!', 'thanks', 'Peak Plumbing']);
    expect(turns[0]!.patch).toEqual({});
    expect(turns[0]!.reply).toMatch(/^Hello! What is the name/);
    expect(turns[1]!.state.attempts).toEqual({});
    expect(turns[2]!.profile.name).toBe('Peak Plumbing');
  });

  it('takes "our company is called X" as a name correction, not as the pending answer', () => {
    const { last } = play(['Peak', 'My company is called Peak Plumbing Ltd']);
    expect(last.profile.name).toBe('Peak Plumbing Ltd');
    expect(last.profile.offering).toBeNull();
    expect(last.state.pending).toBe('offering');
  });

  it('treats answers that look like questions as answers', () => {
    const { last } = play(['Crumbs', 'Do-it-yourself baking kits']);
    expect(last.profile.offering).toBe('Do-it-yourself baking kits');
  });

  it('starts from a stored partial profile and asks only what is missing', () => {
    const { reply, state } = guidedStart({ name: 'Rise', offering: 'bread' });
    expect(state.pending).toBe('audience');
    expect(reply).toMatch(/customers/);
  });

  it('says plainly on a first turn without state that no model is configured', () => {
    const r = guidedTurn({ message: 'hello', state: null, profile: null });
    expect(r.reply.startsWith(NO_MODEL_NOTICE)).toBe(true);
    expect(r.state.pending).toBe('name');
  });

  it('defines ring 1 completion by the required fields', () => {
    const full = {
      name: 'a',
      offering: 'b',
      audience: 'c',
      differentiators: ['d'],
      goals: ['e'],
      website_url: 'https://f.com',
      competitors: [],
    };
    expect(isProfileComplete(full)).toBe(true);
    expect(isProfileComplete({ ...full, goals: [] })).toBe(false);
    expect(isProfileComplete({ ...full, website_url: null })).toBe(false);
    expect(isProfileComplete(null)).toBe(false);
  });
});
