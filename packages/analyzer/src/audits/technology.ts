import type { PageArtifacts } from '../artifacts/types.ts';
import type { AuditItem, SiteAudit } from './audit.ts';

interface Fingerprint {
  name: string;
  category: 'CMS' | 'Analytics' | 'Framework' | 'Ecommerce' | 'Server' | 'CDN' | 'Tag manager';
  test(page: PageArtifacts, haystack: string): boolean;
}

const gen = (page: PageArtifacts) =>
  page.metas.find((m) => m.name === 'generator')?.content.toLowerCase() ?? '';

const FINGERPRINTS: readonly Fingerprint[] = [
  {
    name: 'WordPress',
    category: 'CMS',
    test: (p, h) => gen(p).includes('wordpress') || /\/wp-(content|includes)\//.test(h),
  },
  {
    name: 'Wix',
    category: 'CMS',
    test: (p, h) => gen(p).includes('wix') || /static\.wixstatic\.com|wix\.com/.test(h),
  },
  {
    name: 'Squarespace',
    category: 'CMS',
    test: (p, h) => gen(p).includes('squarespace') || /squarespace\.com|sqspcdn/.test(h),
  },
  {
    name: 'Webflow',
    category: 'CMS',
    test: (p, h) => gen(p).includes('webflow') || /webflow\.(com|io)/.test(h),
  },
  {
    name: 'Shopify',
    category: 'Ecommerce',
    test: (p, h) => /cdn\.shopify\.com|shopify/.test(h) || 'x-shopid' in p.headers,
  },
  { name: 'WooCommerce', category: 'Ecommerce', test: (_p, h) => /woocommerce/.test(h) },
  {
    name: 'Drupal',
    category: 'CMS',
    test: (p, h) =>
      gen(p).includes('drupal') ||
      /\/sites\/default\/files/.test(h) ||
      'x-drupal-cache' in p.headers,
  },
  { name: 'Joomla', category: 'CMS', test: (p) => gen(p).includes('joomla') },
  { name: 'Ghost', category: 'CMS', test: (p) => gen(p).includes('ghost') },
  { name: 'Hugo', category: 'CMS', test: (p) => gen(p).includes('hugo') },
  {
    name: 'Next.js',
    category: 'Framework',
    test: (p, h) =>
      /\/_next\/|__NEXT_DATA__/.test(h) || (p.headers['x-powered-by'] ?? '').includes('Next.js'),
  },
  { name: 'Nuxt', category: 'Framework', test: (_p, h) => /\/_nuxt\/|__NUXT__/.test(h) },
  {
    name: 'Gatsby',
    category: 'Framework',
    test: (p, h) => gen(p).includes('gatsby') || /___gatsby/.test(h),
  },
  {
    name: 'React',
    category: 'Framework',
    test: (_p, h) =>
      /react(-dom)?(\.production)?(\.min)?\.js|__REACT_DEVTOOLS|data-reactroot/.test(h),
  },
  {
    name: 'Vue.js',
    category: 'Framework',
    test: (_p, h) => /vue(\.runtime)?(\.global)?(\.prod)?(\.min)?\.js/.test(h),
  },
  {
    name: 'Angular',
    category: 'Framework',
    test: (_p, h) => /ng-version|angular(\.min)?\.js/.test(h),
  },
  {
    name: 'jQuery',
    category: 'Framework',
    test: (_p, h) => /jquery[.-]?[\d.]*(\.min)?\.js/.test(h),
  },
  {
    name: 'Google Analytics',
    category: 'Analytics',
    test: (_p, h) => /google-analytics\.com|googletagmanager\.com\/gtag\/js|gtag\(/.test(h),
  },
  {
    name: 'Google Tag Manager',
    category: 'Tag manager',
    test: (_p, h) => /googletagmanager\.com\/gtm\.js|GTM-[A-Z0-9]+/.test(h),
  },
  {
    name: 'Meta Pixel',
    category: 'Analytics',
    test: (_p, h) => /connect\.facebook\.net\/[^"']*fbevents\.js|fbq\(/.test(h),
  },
  { name: 'Plausible', category: 'Analytics', test: (_p, h) => /plausible\.io\/js/.test(h) },
  {
    name: 'Matomo',
    category: 'Analytics',
    test: (_p, h) => /matomo\.js|piwik\.js|_paq\.push/.test(h),
  },
  { name: 'Hotjar', category: 'Analytics', test: (_p, h) => /static\.hotjar\.com|hjid/.test(h) },
  {
    name: 'Cloudflare',
    category: 'CDN',
    test: (p) => (p.headers.server ?? '').toLowerCase() === 'cloudflare' || 'cf-ray' in p.headers,
  },
  { name: 'nginx', category: 'Server', test: (p) => /nginx/i.test(p.headers.server ?? '') },
  { name: 'Apache', category: 'Server', test: (p) => /apache/i.test(p.headers.server ?? '') },
  { name: 'PHP', category: 'Server', test: (p) => /php/i.test(p.headers['x-powered-by'] ?? '') },
  {
    name: 'Express',
    category: 'Server',
    test: (p) => /express/i.test(p.headers['x-powered-by'] ?? ''),
  },
];

/** Quento `technology` (informative): CMS, analytics and frameworks detected from HTML and headers. */
export const technology: SiteAudit = {
  scope: 'site',
  meta: {
    id: 'technology',
    title: 'Technology detected',
    failureTitle: 'Technology detected',
    description:
      'The website builder, analytics and frameworks the site uses decide which improvements are easy to make.',
    fixHint: 'If no analytics was found, add a privacy-friendly analytics tool to measure visits.',
    requiredArtifacts: ['pages.headers', 'pages.scriptSrcs', 'pages.links', 'pages.inlineScripts'],
    informative: true,
  },
  audit(site) {
    const found = new Map<string, AuditItem>();
    for (const page of site.pages.slice(0, 20)) {
      const haystack = [
        ...page.scriptSrcs,
        ...page.links.map((l) => l.href),
        ...page.images.slice(0, 20).map((i) => i.src),
        page.inlineScripts,
      ].join('\n');
      for (const fp of FINGERPRINTS) {
        if (!found.has(fp.name) && fp.test(page, haystack)) {
          found.set(fp.name, { name: fp.name, category: fp.category, url: page.url });
        }
      }
    }
    const items = [...found.values()];
    const hasAnalytics = items.some(
      (i) => i.category === 'Analytics' || i.category === 'Tag manager',
    );
    return {
      score: null,
      items,
      displayValue: items.map((i) => i.name).join(', ') || 'nothing recognised',
      explanation: items.length
        ? `Detected: ${items.map((i) => `${i.name} (${i.category})`).join(', ')}.`
        : 'No known CMS, analytics or framework was recognised.',
      evidence: { analytics: hasAnalytics, detected: items.length },
    };
  },
};
