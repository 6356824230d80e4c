import { sameAddress } from '../computed/addresses.ts';
import { addressText, localBusinessNodes, textOf, textsOf, typesOf } from '../computed/json-ld.ts';
import { describeHours, parseHours, sameHours, schemaHours } from '../computed/opening-hours.ts';
import { phoneCountry, readPhone } from '../computed/phones.ts';
import { documentPages, homePage, pathOf } from '../computed/site-pages.ts';
import { containsWords, foldedWords, listWords } from '../computed/text-match.ts';
import type { AuditItem, SiteAudit } from './audit.ts';
import { NO_STORY } from './audit.ts';

type Status = 'matches' | 'differs' | 'missing';

const FIELD_WORDS: Record<string, string> = {
  name: 'name',
  address: 'address',
  telephone: 'phone number',
  openingHours: 'opening hours',
  areaServed: 'areas served',
};

const sameName = (a: string, b: string) => foldedWords(a).join(' ') === foldedWords(b).join(' ');

/**
 * Quento `local-business-schema`: a LocalBusiness (or subtype, such as Bakery or Plumber) JSON-LD
 * block exists and its name, address, telephone, opening hours and area served match the story.
 */
export const localBusinessSchema: SiteAudit = {
  scope: 'site',
  meta: {
    id: 'local-business-schema',
    title: 'LocalBusiness structured data matches your details',
    failureTitle: 'LocalBusiness structured data is missing or out of date',
    description:
      'Search engines and map listings read your name, address, phone, opening hours and service area from LocalBusiness structured data; when it is missing or out of date they show customers the wrong details or none.',
    fixHint:
      'Add one LocalBusiness JSON-LD block (or a subtype such as Bakery) to the home page with your current name, address, telephone, openingHours and areaServed.',
    requiredArtifacts: ['pages.jsonLd'],
  },
  audit(site) {
    const story = site.story;
    const wanted = {
      name: !!story?.name,
      address: !!story?.address,
      telephone: !!story?.phone,
      openingHours: (story?.openingHours?.length ?? 0) > 0,
      areaServed: (story?.serviceAreas?.length ?? 0) > 0,
    };
    if (!story || !Object.values(wanted).some(Boolean)) return NO_STORY;
    const home = homePage(site);
    // The home page's block first: that is where the business describes itself.
    const pages = documentPages(site);
    const ordered = home ? [home, ...pages.filter((p) => p !== home)] : pages;
    const found = ordered.flatMap((p) => localBusinessNodes(p).map((node) => ({ node, page: p })));
    const first = found[0];
    if (!first) {
      return {
        score: 0,
        explanation:
          'Your site has no LocalBusiness structured data, so search engines have to guess your address, phone number and opening hours.',
        evidence: { blocks: 0 },
      };
    }
    const { node, page } = first;
    const items: AuditItem[] = [];
    const check = (
      field: keyof typeof wanted,
      site: string | null,
      told: string,
      same: boolean,
    ) => {
      const status: Status = site === null ? 'missing' : same ? 'matches' : 'differs';
      items.push({ field, status, site, story: told });
      return status;
    };
    const statuses: Status[] = [];
    if (story.name) {
      const v = textOf(node.name);
      statuses.push(check('name', v, story.name, v !== null && sameName(v, story.name)));
    }
    if (story.address) {
      const v = addressText(node.address);
      statuses.push(
        check('address', v, story.address, v !== null && sameAddress(v, story.address)),
      );
    }
    if (story.phone) {
      const country = phoneCountry(story, page.lang);
      const v = textOf(node.telephone);
      const a = v ? readPhone(v, country) : null;
      const b = readPhone(story.phone, country);
      statuses.push(check('telephone', v, story.phone, !!a && !!b && a.key === b.key));
    }
    if (story.openingHours?.length) {
      const told = parseHours(story.openingHours);
      const v = schemaHours(node);
      statuses.push(
        check(
          'openingHours',
          v && v.size > 0 ? describeHours(v) : null,
          story.openingHours.join('; '),
          v !== null && sameHours(v, told),
        ),
      );
    }
    if (story.serviceAreas?.length) {
      const v = textsOf(node.areaServed);
      const missing = story.serviceAreas.filter((a) => !v.some((s) => containsWords(s, a)));
      statuses.push(
        check(
          'areaServed',
          v.length ? v.join(', ') : null,
          story.serviceAreas.join(', '),
          missing.length === 0,
        ),
      );
    }
    const score = statuses.filter((s) => s === 'matches').length / statuses.length;
    const evidence = {
      blocks: found.length,
      type: typesOf(node).join(', '),
      page: page.url,
      fieldsChecked: statuses.length,
      fieldsMatching: statuses.filter((s) => s === 'matches').length,
    };
    if (score === 1) return { score, items, displayValue: evidence.type, evidence };
    const differs = items
      .filter((i) => i.status === 'differs')
      .map((i) => FIELD_WORDS[String(i.field)] ?? '');
    const missing = items
      .filter((i) => i.status === 'missing')
      .map((i) => FIELD_WORDS[String(i.field)] ?? '');
    const parts = [
      differs.length ? `gives a different ${listWords(differs)} from what you told us` : '',
      missing.length ? `leaves out your ${listWords(missing)}` : '',
    ].filter(Boolean);
    const corrections = items
      .filter((i) => i.status !== 'matches')
      .map((i) => `${FIELD_WORDS[String(i.field)]} to ${i.story}`);
    return {
      score,
      items,
      explanation: `Your LocalBusiness structured data ${listWords(parts)}, so search results may show customers out-of-date details.`,
      fixHint: `In the LocalBusiness structured data on ${pathOf(page.url)}, set the ${listWords(corrections)}.`,
      evidence,
    };
  },
};
