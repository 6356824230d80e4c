import { areasCovered } from './areas-covered.ts';
import type { Audit } from './audit.ts';
import { brokenLinks } from './broken-links.ts';
import { canonical } from './canonical.ts';
import { contactPath } from './contact-path.ts';
import { crawlableAnchors } from './crawlable-anchors.ts';
import { documentTitle } from './document-title.ts';
import { duplicateMetaDescription } from './duplicate-meta-description.ts';
import { duplicateTitle } from './duplicate-title.ts';
import { h1 } from './h1.ts';
import { hreflang } from './hreflang.ts';
import { htmlHasLang } from './html-has-lang.ts';
import { httpStatusCode } from './http-status-code.ts';
import { https } from './https.ts';
import { imageAlt } from './image-alt.ts';
import { imageSize } from './image-size.ts';
import { isCrawlable } from './is-crawlable.ts';
import { linkText } from './link-text.ts';
import { llmsTxt } from './llms-txt.ts';
import { localBusinessSchema } from './local-business-schema.ts';
import { metaDescription } from './meta-description.ts';
import { mixedContent } from './mixed-content.ts';
import { napConsistency } from './nap-consistency.ts';
import { openGraph } from './open-graph.ts';
import { orphanPages } from './orphan-pages.ts';
import { redirectChains } from './redirect-chains.ts';
import { robotsTxt } from './robots-txt.ts';
import { serverResponseTime } from './server-response-time.ts';
import { servicesCovered } from './services-covered.ts';
import { sitemap } from './sitemap.ts';
import { socialProfiles } from './social-profiles.ts';
import { structuredData } from './structured-data.ts';
import { technology } from './technology.ts';
import { thinContent } from './thin-content.ts';
import { viewport } from './viewport.ts';

/** Every audit, by id. The config decides which count towards which category. */
export const AUDITS: readonly Audit[] = [
  documentTitle,
  metaDescription,
  httpStatusCode,
  isCrawlable,
  linkText,
  crawlableAnchors,
  imageAlt,
  hreflang,
  canonical,
  robotsTxt,
  viewport,
  htmlHasLang,
  h1,
  thinContent,
  structuredData,
  openGraph,
  serverResponseTime,
  imageSize,
  mixedContent,
  https,
  duplicateTitle,
  duplicateMetaDescription,
  brokenLinks,
  redirectChains,
  orphanPages,
  sitemap,
  socialProfiles,
  technology,
  llmsTxt,
  // Story-to-site audits: not applicable without the owner's story.
  napConsistency,
  localBusinessSchema,
  servicesCovered,
  areasCovered,
  contactPath,
];

export const AUDITS_BY_ID: ReadonlyMap<string, Audit> = new Map(AUDITS.map((a) => [a.meta.id, a]));
