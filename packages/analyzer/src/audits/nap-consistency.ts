import { sameAddress, storyStreet, streetsInText } from '../computed/addresses.ts';
import { type Phone, pagePhones, phoneCountry, readPhone } from '../computed/phones.ts';
import { documentPages, homePage, isContactPage, pathOf } from '../computed/site-pages.ts';
import { containsWords, listWords } from '../computed/text-match.ts';
import type { AuditItem, SiteAudit } from './audit.ts';
import { NO_STORY } from './audit.ts';

type Verdict = 'matches' | 'differs' | 'missing' | 'unverified';

/**
 * Quento `nap-consistency`: the business's name, address and phone (NAP) read the same on every
 * page (text, `tel:` links, footer, contact page) and match what the owner told us. Search engines
 * and map listings trust a business whose details agree everywhere; a customer calls the number
 * they see.
 */
export const napConsistency: SiteAudit = {
  scope: 'site',
  meta: {
    id: 'nap-consistency',
    title: 'Name, address and phone agree across the site',
    failureTitle: 'Name, address or phone differ across the site',
    description:
      'Customers and search engines expect your business name, address and phone number to read the same everywhere; a number that differs between pages costs calls and weakens your local ranking.',
    fixHint:
      'Write the same name, address and phone number on every page (footer, contact page and tel: links), as your customers should use them.',
    requiredArtifacts: ['pages.bodyText', 'pages.footerText', 'pages.anchors', 'pages.addresses'],
  },
  audit(site) {
    const story = site.story;
    if (!story || (!story.name && !story.phone && !story.address)) return NO_STORY;
    const pages = documentPages(site);
    const home = homePage(site);
    const items: AuditItem[] = [];
    const verdicts: Verdict[] = [];
    const problems: string[] = [];

    // Phone: every number shown, as numbers, with where it stands.
    const country = phoneCountry(story, home?.lang);
    const told: Phone | null = story.phone ? readPhone(story.phone, country) : null;
    const variants = new Map<string, Phone>();
    for (const page of pages) {
      for (const { phone, spots } of pagePhones(page, country)) {
        variants.set(phone.key, phone);
        const where = [...spots, ...(isContactPage(page) ? ['contact page'] : [])].join(', ');
        items.push({
          kind: 'phone',
          value: phone.display,
          page: page.url,
          where,
          matchesStory: told ? phone.key === told.key : null,
        });
      }
    }
    if (told) {
      const others = [...variants.values()].filter((v) => v.key !== told.key);
      if (variants.size === 0) {
        verdicts.push('missing');
        problems.push(`your site never shows your phone number ${told.display}`);
      } else if (others.length > 0) {
        verdicts.push('differs');
        const shown = others.map((o) => o.display);
        problems.push(
          `your site shows ${shown.length === 1 ? 'the number' : 'the numbers'} ${listWords(shown)} where your number is ${told.display}`,
        );
      } else verdicts.push('matches');
    } else if (variants.size > 1) {
      verdicts.push('differs');
      problems.push(
        `your site shows ${variants.size} different phone numbers: ${listWords([...variants.values()].map((v) => v.display))}`,
      );
    }

    // Address: street lines where an address stands (footer, <address>, contact and home page).
    if (story.address) {
      const street = storyStreet(story.address);
      const found = new Set<string>();
      for (const page of pages) {
        const spots = new Map<string, { display: string; where: Set<string> }>();
        const add = (text: string, where: string) => {
          for (const s of streetsInText(text)) {
            const e = spots.get(s.street) ?? { display: s.display, where: new Set<string>() };
            e.where.add(where);
            spots.set(s.street, e);
          }
        };
        add(page.footerText, 'footer');
        for (const a of page.addresses) add(a, 'address block');
        if (isContactPage(page)) add(page.bodyText, 'contact page');
        else if (page === home) {
          // The body text holds the footer too: "text" only when the address stands elsewhere.
          const outside =
            streetsInText(page.bodyText).length - streetsInText(page.footerText).length;
          if (outside > 0) add(page.bodyText, 'text');
        }
        for (const [key, { display, where }] of spots) {
          found.add(key);
          items.push({
            kind: 'address',
            value: display,
            page: page.url,
            where: [...where].join(', '),
            matchesStory: street ? key === street : sameAddress(display, story.address as string),
          });
        }
      }
      const keys = [...found.keys()];
      if (!street) {
        verdicts.push(
          pages.some((p) => containsWords(p.bodyText, story.address as string))
            ? 'matches'
            : 'unverified',
        );
      } else if (keys.length === 0) {
        verdicts.push('missing');
        problems.push(`your site never shows your address (${story.address})`);
      } else if (keys.some((k) => k !== street)) {
        verdicts.push('differs');
        const other = keys.filter((k) => k !== street);
        problems.push(
          `your site gives the address ${listWords(other, 'and')} where yours is ${story.address}`,
        );
      } else verdicts.push('matches');
    }

    // Name: on the home page (title, text or footer).
    if (story.name) {
      const name = story.name;
      const spots = home
        ? [
            home.titles.some((t) => containsWords(t, name)) ? 'title' : '',
            containsWords(home.bodyText, name) ? 'text' : '',
            containsWords(home.footerText, name) ? 'footer' : '',
          ].filter(Boolean)
        : [];
      items.push({
        kind: 'name',
        value: name,
        page: home?.url ?? site.homeUrl,
        where: spots.join(', ') || 'not found',
        matchesStory: spots.length > 0,
      });
      if (spots.length > 0) verdicts.push('matches');
      else {
        verdicts.push('missing');
        problems.push(`your home page never gives your business name, ${name}`);
      }
    }

    const judged = verdicts.filter((v) => v !== 'unverified');
    const evidence = {
      phonesFound: variants.size,
      phoneMatches: told
        ? variants.size > 0 && [...variants.keys()].every((k) => k === told.key)
        : null,
      storyPhone: told?.display ?? null,
      pagesChecked: pages.length,
    };
    if (judged.length === 0) {
      return {
        score: null,
        items,
        explanation: 'Not applicable: nothing on the site to compare.',
        evidence,
      };
    }
    const score = judged.filter((v) => v === 'matches').length / judged.length;
    if (problems.length === 0) return { score, items, evidence };
    const worst = items.find((i) => i.kind === 'phone' && i.matchesStory === false);
    const where = worst ? ` (for example on ${pathOf(String(worst.page))})` : '';
    const wrongOn = (kind: string) => [
      ...new Set(
        items
          .filter((i) => i.kind === kind && i.matchesStory === false)
          .map((i) => pathOf(String(i.page))),
      ),
    ];
    const phonePages = wrongOn('phone');
    const addressPages = wrongOn('address');
    const fixes = [
      told && phonePages.length
        ? `Change the phone number on ${listWords(phonePages)} to ${told.display}.`
        : '',
      story.address && addressPages.length
        ? `Change the address on ${listWords(addressPages)} to ${story.address}.`
        : '',
      told && variants.size === 0
        ? `Show ${told.display} on every page, as a tap-to-call link.`
        : '',
    ].filter(Boolean);
    return {
      score,
      items,
      explanation: `${capitalise(listWords(problems))}${where}. Customers who see a different number or address may not reach you.`,
      ...(fixes.length ? { fixHint: fixes.join(' ') } : {}),
      displayValue: `${problems.length} ${problems.length === 1 ? 'difference' : 'differences'}`,
      evidence,
    };
  },
};

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
