import { describe, expect, it } from 'vitest';
import { areasCovered } from '../../src/audits/areas-covered.ts';
import { contactPath } from '../../src/audits/contact-path.ts';
import { localBusinessSchema } from '../../src/audits/local-business-schema.ts';
import { napConsistency } from '../../src/audits/nap-consistency.ts';
import { servicesCovered } from '../../src/audits/services-covered.ts';
import { parseHours, sameHours, schemaHours } from '../../src/computed/opening-hours.ts';
import { type BusinessStory, parseStory } from '../../src/story/story.ts';
import { anchor, makePage, makeSite } from '../support/artifacts.ts';

const O = 'https://bakery.example';
const page = (path: string, extra: Parameters<typeof makePage>[0] = {}) =>
  makePage({ url: `${O}${path}`, requestedUrl: `${O}${path}`, ...extra });
const site = (story: BusinessStory | null, ...pages: ReturnType<typeof page>[]) =>
  makeSite({ startUrl: `${O}/`, homeUrl: `${O}/`, pages, story });

const STORY_AUDITS = [
  napConsistency,
  localBusinessSchema,
  servicesCovered,
  areasCovered,
  contactPath,
];

describe('without a story', () => {
  it('every story audit is not applicable', () => {
    const s = site(null, page('/', { bodyText: 'Call 503 555 0142' }));
    for (const a of STORY_AUDITS) expect(a.audit(s).score, a.meta.id).toBeNull();
  });
});

describe('services-covered', () => {
  it('tolerates inflection and word order', () => {
    const r = servicesCovered.audit(
      site(
        { services: ['wedding flowers', 'corporate arrangements'] },
        page('/', { bodyText: 'Fresh flowers daily.' }),
        page('/weddings', { headings: [{ level: 1, text: 'Weddings: flowers for your day' }] }),
      ),
    );
    expect(r.score).toBe(0.5);
    expect(r.items).toEqual([
      { service: 'wedding flowers', covered: true, page: `${O}/weddings`, where: 'heading' },
      { service: 'corporate arrangements', covered: false, page: null, where: null },
    ]);
    expect(r.explanation).toBe(
      'Your site never mentions corporate arrangements, which you told us you offer.',
    );
  });
  it('does not match words far apart', () => {
    const text = `Wedding ${'news and more words here '.repeat(5)} flowers`;
    const r = servicesCovered.audit(
      site({ services: ['wedding flowers'] }, page('/', { bodyText: text })),
    );
    expect(r.score).toBe(0);
  });
});

describe('nap-consistency', () => {
  it('compares phones as numbers and lists each variant with where it stands', () => {
    const r = napConsistency.audit(
      site(
        { phone: '+1 (503) 555-0142' },
        page('/', {
          lang: 'en-US',
          anchors: [anchor('tel:5035550142', 'Call us')],
          footerText: 'Call 503.555.0142',
          bodyText: 'Welcome. Call 503.555.0142',
        }),
        page('/contact', { titles: ['Contact'], bodyText: 'Phone: (503) 555-0199' }),
      ),
    );
    expect(r.score).toBe(0);
    expect(r.items).toEqual([
      {
        kind: 'phone',
        value: '+1 503 555 0142',
        page: `${O}/`,
        where: 'tel: link, footer',
        matchesStory: true,
      },
      {
        kind: 'phone',
        value: '+1 503 555 0199',
        page: `${O}/contact`,
        where: 'text, contact page',
        matchesStory: false,
      },
    ]);
  });
  it('without a story phone, two different numbers on the site are a finding', () => {
    const r = napConsistency.audit(
      site(
        { name: 'Harbor Bakery', country: 'US' },
        page('/', { bodyText: 'Harbor Bakery. Call 503 555 0142' }),
        page('/b', { bodyText: 'Call 503 555 0177' }),
      ),
    );
    expect(r.score).toBe(0.5);
    expect(r.explanation).toContain('2 different phone numbers');
  });
  it('an address with abbreviations is the same address', () => {
    const r = napConsistency.audit(
      site(
        { address: '12 Harbor Street, Portland' },
        page('/', { footerText: '12 Harbor St., Portland' }),
      ),
    );
    expect(r.score).toBe(1);
  });
});

describe('local-business-schema', () => {
  const block = (node: object) =>
    JSON.stringify({ '@context': 'https://schema.org', '@graph': [{ '@type': 'WebSite' }, node] });
  it('fails without a LocalBusiness block, in plain words', () => {
    const r = localBusinessSchema.audit(
      site(
        { name: 'Harbor Bakery' },
        page('/', { jsonLd: [block({ '@type': 'Organization', name: 'Harbor Bakery' })] }),
      ),
    );
    expect(r.score).toBe(0);
    expect(r.explanation).toMatch(/^Your site has no LocalBusiness structured data/);
  });
  it('finds a subtype in a @graph and compares each field with the story', () => {
    const r = localBusinessSchema.audit(
      site(
        { name: 'Harbor Bakery', phone: '503 555 0142', country: 'US', serviceAreas: ['Portland'] },
        page('/', {
          jsonLd: [
            block({
              '@type': ['Bakery'],
              name: 'Harbor  bakery',
              telephone: '+1 503 555 0100',
              areaServed: 'Portland, Oregon',
            }),
          ],
        }),
      ),
    );
    expect(r.items?.map((i) => [i.field, i.status])).toEqual([
      ['name', 'matches'],
      ['telephone', 'differs'],
      ['areaServed', 'matches'],
    ]);
    expect(r.score).toBeCloseTo(2 / 3, 5);
  });
});

describe('areas-covered', () => {
  it('one area: named anywhere is enough', () => {
    const r = areasCovered.audit(
      site({ serviceAreas: ['Lake Oswego'] }, page('/', { bodyText: 'We serve lake oswego.' })),
    );
    expect(r.score).toBe(1);
  });
  it('several areas: each needs its own page; an area never named scores nothing', () => {
    const r = areasCovered.audit(
      site(
        { serviceAreas: ['Portland', 'Beaverton', 'Salem'] },
        page('/', { bodyText: 'Portland and Beaverton' }),
        page('/portland', { titles: ['Bakery in Portland'] }),
      ),
    );
    expect(r.score).toBeCloseTo(0.5, 5);
    expect(r.explanation).toBe(
      'Your site never names Salem, where you told us you work. Beaverton has no page of its own, so people searching there are less likely to find you.',
    );
  });
});

describe('contact-path', () => {
  const story = { name: 'Harbor Bakery' };
  it('fails when neither the home page nor its links offer a call or booking', () => {
    const r = contactPath.audit(
      site(
        story,
        page('/', { anchors: [anchor(`${O}/about`, 'About')] }),
        page('/about', {
          forms: [
            { action: `${O}/search`, method: 'get', id: '', fields: ['search'], text: 'q Search' },
          ],
        }),
        // Two clicks away: does not count.
        page('/deep/contact', { anchors: [anchor('tel:+15035550142', 'Call')] }),
      ),
    );
    expect(r.score).toBe(0);
  });
  it('passes with a contact form one click away, and says where', () => {
    const r = contactPath.audit(
      site(
        story,
        page('/', { anchors: [anchor(`${O}/contact`, 'Contact')] }),
        page('/contact', {
          forms: [
            {
              action: `${O}/send`,
              method: 'post',
              id: 'c',
              fields: ['text', 'email', 'textarea'],
              text: 'name email message Send',
            },
          ],
        }),
      ),
    );
    expect(r.score).toBe(1);
    expect(r.items).toEqual([{ kind: 'form', page: `${O}/contact`, clicks: 1, detail: 'c' }]);
  });
  it('a booking service link counts; a newsletter form does not', () => {
    const r = contactPath.audit(
      site(
        story,
        page('/', {
          anchors: [anchor('https://calendly.com/harbor/tasting', 'Book a tasting')],
          forms: [
            {
              action: `${O}/subscribe`,
              method: 'post',
              id: '',
              fields: ['email'],
              text: 'email Subscribe to our newsletter',
            },
          ],
        }),
      ),
    );
    expect(r.items?.map((i) => i.kind)).toEqual(['booking link']);
  });
});

describe('opening hours', () => {
  it('reads the owner’s words and schema.org the same way', () => {
    const told = parseHours(['Mon-Fri 7am-6pm', 'Saturday 8:00 to 14:00']);
    const schema = schemaHours({
      openingHoursSpecification: [
        {
          dayOfWeek: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'],
          opens: '07:00',
          closes: '18:00',
        },
        { dayOfWeek: 'https://schema.org/Saturday', opens: '08:00:00', closes: '14:00:00' },
      ],
    });
    expect(schema && sameHours(told, schema)).toBe(true);
    expect(sameHours(told, parseHours(['Mo-Fr 07:00-18:00']))).toBe(false);
  });
});

describe('parseStory', () => {
  it('cleans a story and refuses what it cannot use', () => {
    expect(parseStory({ name: ' Harbor ', services: ['a', 'a', ' '], country: 'us' })).toEqual({
      name: 'Harbor',
      services: ['a'],
      country: 'US',
    });
    expect(() => parseStory([])).toThrow(/JSON object/);
    expect(() => parseStory({ phone: 5 })).toThrow(/"phone" must be a string/);
    expect(() => parseStory({ areas: [] })).toThrow(/unknown story field "areas"/);
  });
});
