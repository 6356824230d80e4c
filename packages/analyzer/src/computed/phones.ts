import {
  type CountryCode,
  findPhoneNumbersInText,
  isSupportedCountry,
  parsePhoneNumberFromString,
} from 'libphonenumber-js';
import type { PageArtifacts } from '../artifacts/types.ts';
import type { BusinessStory } from '../story/story.ts';

/** A phone number as found or told: a comparison key and how to show it. */
export interface Phone {
  /** E.164 when the number could be read, else its digits. */
  key: string;
  display: string;
}

/** The country national numbers are read in: the story's, its phone's, or the page language's region. */
export function phoneCountry(
  story: BusinessStory | null,
  lang?: string | null,
): CountryCode | undefined {
  const candidates = [
    story?.country ?? undefined,
    story?.phone ? parsePhoneNumberFromString(story.phone)?.country : undefined,
    lang?.split(/[-_]/)[1]?.toUpperCase(),
  ];
  return candidates.find((c): c is CountryCode => !!c && isSupportedCountry(c));
}

/** Reads one number (a story's phone, a tel: link); null when it holds no digits. */
export function readPhone(value: string, country?: CountryCode): Phone | null {
  const parsed = parsePhoneNumberFromString(value, country);
  if (parsed?.isPossible()) return { key: parsed.number, display: parsed.formatInternational() };
  const digits = value.replace(/\D/g, '');
  return digits.length >= 5 ? { key: digits, display: value.trim() } : null;
}

/** Phone numbers written in a text. */
export function phonesInText(text: string, country?: CountryCode): Phone[] {
  return findPhoneNumbersInText(text, country ? { defaultCountry: country } : {}).map((m) => ({
    key: m.number.number,
    display: m.number.formatInternational(),
  }));
}

/** Where on a page a phone number stands. */
export type PhoneSpot = 'tel: link' | 'footer' | 'text';

/** Every phone number a page shows, with where it stands. */
export function pagePhones(
  page: PageArtifacts,
  country?: CountryCode,
): { phone: Phone; spots: PhoneSpot[] }[] {
  const found = new Map<string, { phone: Phone; spots: Set<PhoneSpot> }>();
  const add = (phone: Phone | null, spot: PhoneSpot) => {
    if (!phone) return;
    const entry = found.get(phone.key) ?? { phone, spots: new Set<PhoneSpot>() };
    entry.spots.add(spot);
    found.set(phone.key, entry);
  };
  for (const a of page.anchors) {
    if (a.rawHref?.trim().toLowerCase().startsWith('tel:')) {
      add(readPhone(decodeURIComponent(a.rawHref.trim().slice(4)), country), 'tel: link');
    }
  }
  const footer = phonesInText(page.footerText, country);
  for (const p of footer) add(p, 'footer');
  // The body text includes the footer: a number counts as "text" when it also stands elsewhere.
  const inBody = phonesInText(page.bodyText, country);
  for (const p of inBody) {
    const footerCount = footer.filter((f) => f.key === p.key).length;
    const bodyCount = inBody.filter((b) => b.key === p.key).length;
    if (bodyCount > footerCount) add(p, 'text');
  }
  return [...found.values()].map((e) => ({ phone: e.phone, spots: [...e.spots] }));
}
