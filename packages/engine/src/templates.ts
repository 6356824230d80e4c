import { type AuditId, isAuditId, SEVERITY } from '@quento/analyzer/catalogue';
import type { Level, RecommendationCategory } from '@quento/contracts';

/** How one audit's failure turns into advice. Recommendations group audits that share a fix. */
export interface AuditTemplate {
  group: GroupId;
  category: RecommendationCategory;
  /** Impact when the fix is done: for audits, their severity. */
  impact: Level;
  effort: Level;
  /** Why this matters to a business owner, in one or two sentences. */
  why: string;
  /** The action that fixes it, for `n` affected pages (or the site). */
  action: (n: number) => { title: string; description: string };
  /**
   * What a failure blocks, when it does: pages kept out of search (`indexing`) or a customer's
   * way to get in touch (`contact`). Only these can be critical.
   */
  blocks?: 'indexing' | 'contact';
}

/** Advice for an analyzer audit: its impact is the audit's severity (the analyzer's SEVERITY). */
export type AuditAdvice = Omit<AuditTemplate, 'impact'>;

export interface GroupTemplate {
  title: string;
  description: string;
}

export const GROUPS = {
  titles: {
    title: 'Give every page a unique, descriptive title',
    description:
      'Titles are the headline of your listing in search results. Each page needs its own title that says what the page offers and who it is for.',
  },
  descriptions: {
    title: 'Write a unique meta description for each page',
    description:
      'The meta description is the short pitch under your title in search results. A specific one wins more clicks than the text search engines pick on their own.',
  },
  indexing: {
    title: 'Let search engines index the pages that matter',
    description:
      'Some pages are blocked from search engines or answer with an error, so people cannot find them through search.',
  },
  links: {
    title: 'Fix broken and weak links',
    description:
      'Broken links, long redirect chains and vague link text waste visitors’ time and make it harder for search engines to understand and crawl your site.',
  },
  images: {
    title: 'Describe and right-size your images',
    description:
      'Images without alternative text are invisible to screen readers and image search; oversized images slow pages down.',
  },
  language: {
    title: 'Declare each page’s language correctly',
    description:
      'Search engines and assistive technology need to know the language of each page and its translations.',
  },
  canonical: {
    title: 'Point duplicate pages to one canonical URL',
    description:
      'Invalid or conflicting canonical links split your ranking signals between copies of the same page.',
  },
  mobile: {
    title: 'Make every page mobile-friendly',
    description:
      'Most small-business visitors arrive on a phone. Pages without a viewport tag render as a shrunken desktop page.',
  },
  headings: {
    title: 'Give each page one clear main heading',
    description:
      'A single H1 tells visitors and search engines what the page is about at a glance.',
  },
  content: {
    title: 'Expand thin pages into genuinely useful content',
    description:
      'Pages with very little text rarely rank and rarely convince. Explain the offer, answer common questions and show proof.',
  },
  'structured-data': {
    title: 'Fix your structured data',
    description:
      'Valid structured data (JSON-LD) lets search engines show rich results such as ratings, opening hours and prices.',
  },
  sharing: {
    title: 'Control how your pages look when shared',
    description:
      'Open Graph tags decide the title, image and text shown when someone shares your page on social networks or in messages.',
  },
  'social-presence': {
    title: 'Connect your website to your social profiles',
    description:
      'Linking your social profiles from the site builds trust and helps search engines connect your brand across networks.',
  },
  speed: {
    title: 'Make your server respond faster',
    description:
      'A slow first response delays everything else on the page; visitors leave and search engines crawl less.',
  },
  security: {
    title: 'Serve everything securely over HTTPS',
    description:
      'Browsers flag insecure pages and block insecure content on secure ones. HTTPS is also a ranking signal.',
  },
  sitemap: {
    title: 'Keep your sitemap accurate and every page linked',
    description:
      'The sitemap tells search engines which pages exist. Listing dead URLs wastes crawl budget, and pages that nothing links to are hard to find.',
  },
  'page-speed': {
    title: 'Make your pages load faster on phones',
    description:
      'Google’s PageSpeed test measures how long your pages take to show on a typical phone. Slow pages lose visitors before they see your offer.',
  },
  authority: {
    title: 'Earn links from trusted local sites',
    description:
      'Search engines trust a site that other good sites link to. Local directories, suppliers, partners and press can link to you.',
  },
  'ai-search': {
    title: 'Get ready for AI search assistants',
    description:
      'An /llms.txt file gives AI assistants a short, curated map of your business and your most important pages.',
  },
  // The story-to-site audits: the site judged against what the owner told us.
  'local-details': {
    title: 'Show the same name, address, phone and hours everywhere',
    description:
      'Your site, its structured data and your listings should give customers and search engines one set of details: the ones you told us.',
  },
  'services-and-areas': {
    title: 'Describe every service you offer and every area you serve',
    description:
      'People search for a service and a place. Each service you offer and each area you work in needs words, and ideally a page, on your site.',
  },
  'contact-path': {
    title: 'Make it one tap to call or book',
    description:
      'A customer ready to buy should be able to call or book from the home page, or one click from it.',
  },
} as const satisfies Record<string, GroupTemplate>;

export type GroupId = keyof typeof GROUPS;

const pages = (n: number) => (n === 1 ? '1 page' : `${n} pages`);

/**
 * Advice for every audit, keyed by the analyzer's audit ids: a new audit without an entry here
 * fails the typecheck. `null` marks an informative audit (no pass or fail, nothing to advise).
 */
export const TEMPLATES: { readonly [K in AuditId]: AuditAdvice | null } = {
  'document-title': {
    group: 'titles',
    category: 'seo',
    effort: 'low',
    why: 'Pages without a title show a bare URL in search results and get far fewer clicks.',
    action: (n) => ({
      title: `Add a descriptive <title> to ${pages(n)}`,
      description: 'Write 50–60 characters naming the offer and, where it matters, the location.',
    }),
  },
  'duplicate-title': {
    group: 'titles',
    category: 'seo',
    effort: 'low',
    why: 'When several pages share a title, search engines cannot tell which one to show.',
    action: (n) => ({
      title: `Make duplicate titles unique (${pages(n)})`,
      description: 'Rewrite each shared title so it describes what is different about that page.',
    }),
  },
  'meta-description': {
    group: 'descriptions',
    category: 'seo',
    effort: 'low',
    why: 'Without a description, search engines show a random snippet of the page.',
    action: (n) => ({
      title: `Write meta descriptions for ${pages(n)}`,
      description: 'Summarise each page in 120–155 characters with a clear reason to click.',
    }),
  },
  'duplicate-meta-description': {
    group: 'descriptions',
    category: 'seo',
    effort: 'low',
    why: 'Identical descriptions make different pages look the same in search results.',
    action: (n) => ({
      title: `Make duplicate meta descriptions unique (${pages(n)})`,
      description: 'Give every page a description of its own.',
    }),
  },
  'http-status-code': {
    group: 'indexing',
    category: 'technical',
    effort: 'medium',
    why: 'Pages that answer with an error status are dropped from search results.',
    blocks: 'indexing',
    action: (n) => ({
      title: `Fix error responses on ${pages(n)}`,
      description:
        'Restore the page, or redirect its address permanently (301) to the best replacement.',
    }),
  },
  'is-crawlable': {
    group: 'indexing',
    category: 'seo',
    effort: 'low',
    why: 'A noindex directive or a robots.txt rule keeps these pages out of search results entirely.',
    blocks: 'indexing',
    action: (n) => ({
      title: `Allow search engines to index ${pages(n)}`,
      description:
        'Remove the noindex meta tag or X-Robots-Tag header, or the robots.txt Disallow rule, from pages you want found.',
    }),
  },
  'robots-txt': {
    group: 'indexing',
    category: 'technical',
    effort: 'low',
    why: 'Invalid robots.txt directives can be ignored or misread by search engines.',
    action: () => ({
      title: 'Correct the directives in robots.txt',
      description:
        'Fix or remove the lines listed in the evidence so every crawler reads your rules.',
    }),
  },
  'broken-links': {
    group: 'links',
    category: 'technical',
    effort: 'low',
    why: 'Broken links lose visitors at the moment they were interested, and waste crawl budget.',
    action: (n) => ({
      title: `Fix broken links on ${pages(n)}`,
      description: 'Update each link to a working page or remove it.',
    }),
  },
  'redirect-chains': {
    group: 'links',
    category: 'technical',
    effort: 'low',
    why: 'Each extra redirect hop slows the visit and dilutes the link’s value.',
    action: () => ({
      title: 'Collapse redirect chains into a single redirect',
      description:
        'Point each old address straight at its final destination and update internal links.',
    }),
  },
  'link-text': {
    group: 'links',
    category: 'seo',
    effort: 'low',
    why: 'Link text such as “click here” tells neither visitors nor search engines where a link goes.',
    action: (n) => ({
      title: `Use descriptive link text on ${pages(n)}`,
      description: 'Replace vague link text with words that describe the destination.',
    }),
  },
  'crawlable-anchors': {
    group: 'links',
    category: 'technical',
    effort: 'medium',
    why: 'Links without a real href cannot be followed by search engines.',
    action: (n) => ({
      title: `Turn script-only links into real links on ${pages(n)}`,
      description: 'Give every navigational link an href with a resolvable URL.',
    }),
  },
  'image-alt': {
    group: 'images',
    category: 'content',
    effort: 'low',
    why: 'Alternative text makes images accessible and lets them appear in image search.',
    action: (n) => ({
      title: `Add alt text to images on ${pages(n)}`,
      description:
        'Describe what each meaningful image shows; leave decorative images with alt="".',
    }),
  },
  'image-size': {
    group: 'images',
    category: 'technical',
    effort: 'medium',
    why: 'Oversized images are the most common reason small-business pages load slowly.',
    action: (n) => ({
      title: `Resize and compress images on ${pages(n)}`,
      description:
        'Serve images no larger than they are displayed, in a modern format such as WebP.',
    }),
  },
  hreflang: {
    group: 'language',
    category: 'seo',
    effort: 'medium',
    why: 'Invalid hreflang links send visitors to the wrong language version.',
    action: (n) => ({
      title: `Fix hreflang links on ${pages(n)}`,
      description: 'Use valid language codes and absolute URLs for every alternate version.',
    }),
  },
  'html-has-lang': {
    group: 'language',
    category: 'technical',
    effort: 'low',
    why: 'Without a lang attribute, screen readers and translators guess the page language.',
    action: (n) => ({
      title: `Set the lang attribute on ${pages(n)}`,
      description: 'Add lang="en" (or the right code) to the <html> element.',
    }),
  },
  canonical: {
    group: 'canonical',
    category: 'seo',
    effort: 'low',
    why: 'A wrong canonical link can tell search engines to ignore the page you want ranked.',
    action: (n) => ({
      title: `Fix canonical links on ${pages(n)}`,
      description:
        'Use one absolute canonical URL per page that points at the page itself or its true original.',
    }),
  },
  viewport: {
    group: 'mobile',
    category: 'technical',
    effort: 'low',
    why: 'Search engines rank the mobile version of your site first.',
    action: (n) => ({
      title: `Add a mobile viewport tag to ${pages(n)}`,
      description: 'Add <meta name="viewport" content="width=device-width, initial-scale=1">.',
    }),
  },
  h1: {
    group: 'headings',
    category: 'content',
    effort: 'low',
    why: 'Pages with no H1, or several, make their main topic unclear.',
    action: (n) => ({
      title: `Give ${pages(n)} exactly one H1 heading`,
      description: 'State the page’s main promise in a single top-level heading.',
    }),
  },
  'thin-content': {
    group: 'content',
    category: 'content',
    effort: 'high',
    why: 'Pages under 200 words rarely rank and rarely answer a buyer’s questions.',
    action: (n) => ({
      title: `Expand the content of ${pages(n)} to at least 200 useful words`,
      description:
        'Explain the offer, who it is for, prices or how to buy, and answer common questions.',
    }),
  },
  'structured-data': {
    group: 'structured-data',
    category: 'local',
    effort: 'medium',
    why: 'Broken JSON-LD is ignored, so the rich results it was meant for never appear.',
    action: (n) => ({
      title: `Repair the JSON-LD structured data on ${pages(n)}`,
      description:
        'Make every block valid JSON with @context and @type (for example LocalBusiness).',
    }),
  },
  'open-graph': {
    group: 'sharing',
    category: 'social',
    effort: 'low',
    why: 'Without Open Graph tags, shared links show a random image or none at all.',
    action: (n) => ({
      title: `Add Open Graph tags to ${pages(n)}`,
      description: 'Set og:title, og:description, og:image and og:url on each page.',
    }),
  },
  'social-profiles': {
    group: 'social-presence',
    category: 'social',
    effort: 'low',
    why: 'Customers look for you on social networks; a link from your site confirms the profile is really yours.',
    action: () => ({
      title: 'Link your social profiles from the site and add social card metadata',
      description:
        'Add links to your active profiles in the footer and Twitter card tags to your pages.',
    }),
  },
  'server-response-time': {
    group: 'speed',
    category: 'technical',
    effort: 'high',
    why: 'A first byte slower than 600 ms delays every page view.',
    action: (n) => ({
      title: `Bring server response under 600 ms on ${pages(n)}`,
      description: 'Enable page caching or a CDN, and check your hosting plan and slow plugins.',
    }),
  },
  https: {
    group: 'security',
    category: 'technical',
    effort: 'medium',
    why: 'Browsers mark plain-HTTP pages as “Not secure”, which drives customers away.',
    action: (n) => ({
      title: `Serve ${pages(n)} over HTTPS`,
      description: 'Install a TLS certificate and redirect every http:// address to https://.',
    }),
  },
  'mixed-content': {
    group: 'security',
    category: 'technical',
    effort: 'low',
    why: 'Insecure resources on secure pages are blocked by browsers and break the page.',
    action: (n) => ({
      title: `Load every resource over HTTPS on ${pages(n)}`,
      description: 'Change http:// resource URLs to https:// or host the files yourself.',
    }),
  },
  sitemap: {
    group: 'sitemap',
    category: 'seo',
    effort: 'low',
    why: 'A missing or inaccurate sitemap slows the discovery of new and changed pages.',
    action: () => ({
      title: 'Publish an accurate XML sitemap',
      description:
        'List every live page (and only live pages) and reference the sitemap in robots.txt.',
    }),
  },
  'orphan-pages': {
    group: 'sitemap',
    category: 'seo',
    effort: 'low',
    why: 'Pages that no other page links to are rarely visited and rank poorly.',
    action: (n) => ({
      title: `Link to ${pages(n)} that nothing links to`,
      description:
        'Add links from your navigation or related pages, or remove pages you no longer need.',
    }),
  },
  technology: null,
  'llms-txt': {
    group: 'ai-search',
    category: 'content',
    effort: 'low',
    why: 'AI assistants increasingly answer questions about local businesses; llms.txt tells them what matters.',
    action: () => ({
      title: 'Publish an /llms.txt with your business summary and key links',
      description:
        'Start with a # title line, a one-paragraph summary and links to your main pages.',
    }),
  },
  // The story-to-site audits.
  'nap-consistency': {
    group: 'local-details',
    category: 'seo',
    effort: 'low',
    why: 'A phone number or address that differs between pages sends customers to the wrong place and weakens your local ranking.',
    action: () => ({
      title: 'Correct the name, address and phone number where they differ',
      description:
        'Use the details you gave us on every page: the footer, the contact page and every tap-to-call link. The analysis lists each place a different one appears.',
    }),
  },
  'local-business-schema': {
    group: 'local-details',
    category: 'seo',
    effort: 'low',
    why: 'Search engines and map listings read your address, phone number and opening hours from LocalBusiness structured data.',
    action: () => ({
      title: 'Add or update the LocalBusiness structured data on the home page',
      description:
        'Give one LocalBusiness block (or a subtype such as Bakery) with your current name, address, telephone, opening hours and the areas you serve.',
    }),
  },
  'services-covered': {
    group: 'services-and-areas',
    category: 'content',
    effort: 'medium',
    why: 'Customers only find you for what your site says you do: a service it never mentions brings no enquiries.',
    action: () => ({
      title: 'Describe each missing service on the site',
      description:
        'For each service you offer that the site never mentions, write a section or a page with the service in its heading: what it is, who it is for, and how to order it.',
    }),
  },
  'areas-covered': {
    group: 'services-and-areas',
    category: 'content',
    effort: 'medium',
    why: 'People search with a place name; an area your site never names, or that has no page, rarely brings customers from there.',
    action: () => ({
      title: 'Name every area you serve and give each one a page',
      description:
        'Add the missing areas to your site, and a page for each area you serve that says what you offer there and how to reach you.',
    }),
  },
  'contact-path': {
    group: 'contact-path',
    category: 'content',
    blocks: 'contact',
    effort: 'low',
    why: 'A customer ready to get in touch leaves when calling or booking takes a search.',
    action: () => ({
      title: 'Add a tap-to-call number and a contact or booking form',
      description:
        'Put your phone number on the home page as a tel: link, and a contact or booking form on the home page or one click from it.',
    }),
  },
};

/** The advice for an audit id as a stored report names it; undefined when there is none. */
export function templateOf(auditId: string): AuditTemplate | undefined {
  if (!isAuditId(auditId)) return undefined;
  const advice = TEMPLATES[auditId];
  const impact = SEVERITY[auditId];
  return advice && impact ? { ...advice, impact } : undefined;
}
