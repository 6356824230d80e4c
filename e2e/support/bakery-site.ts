import { type FixturePage, page } from '../../apps/api/test/support/fixture-site.ts';

const NAV = ['/', '/catering', '/about'];

/**
 * Harbor Bakery's site with one planted problem the journey fixes: the home page has no meta
 * description. The other pages are sound, so the fix shows as a rise in the SEO score.
 */
export function bakerySite(): Map<string, FixturePage> {
  return new Map<string, FixturePage>([
    [
      '/robots.txt',
      { body: 'User-agent: *\nAllow: /\n', headers: { 'content-type': 'text/plain' } },
    ],
    [
      '/',
      { body: page({ title: 'Harbor Bakery, Portland', h1: 'Bread baked at 4 am', links: NAV }) },
    ],
    [
      '/catering',
      {
        body: page({
          title: 'Catering by Harbor Bakery',
          description: 'Office breakfasts and celebration cakes, delivered by bike in Portland.',
          h1: 'Catering for offices and parties',
          links: NAV,
        }),
      },
    ],
    [
      '/about',
      {
        body: page({
          title: 'About Harbor Bakery',
          description: 'A family bakery by the harbour, baking with flour from a local mill.',
          h1: 'About us',
          links: NAV,
        }),
      },
    ],
  ]);
}

/** What the owner does after reading the plan: give the home page its description. */
export function fixHomePage(pages: Map<string, FixturePage>): void {
  pages.set('/', {
    body: page({
      title: 'Harbor Bakery, Portland',
      description:
        'Sourdough, pastries and catering from a family bakery in Portland, delivered by bike.',
      h1: 'Bread baked at 4 am',
      links: NAV,
    }),
  });
}
