import type { FormElement } from '../artifacts/types.ts';
import { homePage, oneClickPages } from '../computed/site-pages.ts';
import type { AuditItem, SiteAudit } from './audit.ts';
import { NO_STORY } from './audit.ts';

// Online booking and scheduling services a small business links to.
const BOOKING_HOSTS =
  /(^|\.)(calendly\.com|acuityscheduling\.com|opentable\.[a-z.]+|resy\.com|exploretock\.com|booksy\.com|fresha\.com|setmore\.com|simplybook\.[a-z]+|vagaro\.com|mindbodyonline\.com|schedulicity\.com|square\.site|squareup\.com|tidycal\.com|youcanbook\.me|timely\.com|treatwell\.[a-z.]+|zocdoc\.com)$/i;
const BOOKING_WORDS =
  /\b(book|booking|reserv|appointment|schedule|enquir|inquir|contact|quote|message|order)/i;
const NOT_CONTACT = /\b(search|newsletter|subscribe|sign ?up|log ?in|password)\b/i;

/** A form a customer can reach the business with: a message box, or contact fields and a reason. */
export function isContactForm(form: FormElement): boolean {
  const fields = new Set(form.fields);
  if (fields.has('password') || (fields.size === 1 && fields.has('search'))) return false;
  if (fields.has('textarea')) return true;
  const reaches = fields.has('email') || fields.has('tel');
  const booking = fields.has('date') || fields.has('time') || fields.has('datetime-local');
  if (reaches && booking) return true;
  return reaches && BOOKING_WORDS.test(form.text) && !NOT_CONTACT.test(form.text);
}

function bookingLink(href: string | null): boolean {
  if (!href) return false;
  try {
    const u = new URL(href);
    return (
      BOOKING_HOSTS.test(u.hostname) &&
      !(u.hostname.endsWith('squareup.com') && !/appointments|book/i.test(u.pathname))
    );
  } catch {
    return false;
  }
}

/**
 * Quento `contact-path`: a customer can call or book within one click of the home page: a `tel:`
 * link, a booking or contact form, or a link to a booking service.
 */
export const contactPath: SiteAudit = {
  scope: 'site',
  meta: {
    id: 'contact-path',
    title: 'Customers can call or book within one click',
    failureTitle: 'Customers cannot call or book within one click',
    description:
      'A customer ready to buy leaves when calling or booking takes a search; a tap-to-call number or a booking form on or next to the home page turns visits into enquiries.',
    fixHint:
      'Put your phone number as a tap-to-call (tel:) link on the home page, and a contact or booking form one click away.',
    requiredArtifacts: ['pages.anchors', 'pages.forms'],
  },
  audit(site) {
    if (!site.story) return NO_STORY;
    const home = homePage(site);
    if (!home) return { score: null, explanation: 'Not applicable: the home page did not load.' };
    const items: AuditItem[] = [];
    for (const [i, page] of oneClickPages(site).entries()) {
      const clicks = i === 0 ? 0 : 1;
      const tel = page.anchors.find((a) => a.rawHref?.trim().toLowerCase().startsWith('tel:'));
      if (tel)
        items.push({
          kind: 'tel: link',
          page: page.url,
          clicks,
          detail: tel.text || (tel.rawHref ?? ''),
        });
      const form = page.forms.find(isContactForm);
      if (form)
        items.push({ kind: 'form', page: page.url, clicks, detail: form.id || form.action });
      const booking = page.anchors.find((a) => bookingLink(a.href));
      if (booking)
        items.push({ kind: 'booking link', page: page.url, clicks, detail: booking.href ?? '' });
    }
    const evidence = {
      telLink: items.some((i) => i.kind === 'tel: link'),
      form: items.some((i) => i.kind === 'form'),
      bookingLink: items.some((i) => i.kind === 'booking link'),
      pagesWithinOneClick: oneClickPages(site).length,
    };
    if (items.length > 0) {
      return {
        score: 1,
        items,
        displayValue: [...new Set(items.map((i) => i.kind))].join(', '),
        evidence,
      };
    }
    return {
      score: 0,
      items,
      explanation:
        'Neither your home page nor the pages it links to have a tap-to-call number, a contact or booking form, or a booking link, so a customer ready to get in touch has to hunt for a way.',
      evidence,
    };
  },
};
