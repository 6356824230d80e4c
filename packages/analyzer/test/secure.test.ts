import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AnalysisReport, AnalyzerError, analyzeSite } from '../src/index.ts';
import { FIXTURES, type FixtureServer, serveFixture } from './support/fixture-server.ts';
import { selfSignedCertificate, type TestCertificate } from './support/tls.ts';

interface Expected {
  https: {
    pages: Record<string, Record<string, number | null>>;
    items: Record<string, Record<string, Record<string, string>[]>>;
  };
  http: { pages: Record<string, Record<string, number | null>> };
}

const expected: Expected = JSON.parse(readFileSync(join(FIXTURES, 'secure/expected.json'), 'utf8'));

let certificate: TestCertificate;
let plain: FixtureServer;
let secure: FixtureServer;
let insecureCopy: FixtureServer;
let secureReport: AnalysisReport;
let plainReport: AnalysisReport;

beforeAll(async () => {
  certificate = selfSignedCertificate();
  plain = await serveFixture(null);
  secure = await serveFixture('secure', { PLAIN: plain.origin }, certificate);
  insecureCopy = await serveFixture('secure', { PLAIN: plain.origin });
  const base = { requestTimeoutMs: 5_000, render: false as const };
  secureReport = await analyzeSite({
    ...base,
    url: `${secure.origin}/`,
    allowOrigins: [secure.origin],
    extraCaCertificates: [certificate.cert],
  });
  plainReport = await analyzeSite({
    ...base,
    url: `${insecureCopy.origin}/`,
    allowOrigins: [insecureCopy.origin],
  });
}, 30_000);
afterAll(async () => {
  await secure.close();
  await insecureCopy.close();
  await plain.close();
});

function scores(report: AnalysisReport, origin: string, ids: string[]) {
  return Object.fromEntries(
    report.pages.map((p) => [
      p.url.replace(origin, ''),
      Object.fromEntries(ids.map((id) => [id, p.audits[id]?.score ?? null])),
    ]),
  );
}

describe('https and mixed-content on a site served over HTTPS', () => {
  it('passes https and finds every plain-HTTP resource, not plain-HTTP links', () => {
    expect(scores(secureReport, secure.origin, ['https', 'mixed-content'])).toEqual(
      expected.https.pages,
    );
    for (const [path, audits] of Object.entries(expected.https.items)) {
      const page = secureReport.pages.find((p) => p.url === `${secure.origin}${path}`);
      for (const [id, items] of Object.entries(audits)) {
        const want = JSON.parse(JSON.stringify(items).replaceAll('{{PLAIN}}', plain.origin));
        expect(page?.audits[id]?.items).toEqual(want);
      }
    }
    // The scripts and pictures were never fetched: audits read the document only.
    expect(plain.hits.size).toBe(0);
  });

  it('fails https and skips mixed-content for the same pages over plain HTTP', () => {
    expect(scores(plainReport, insecureCopy.origin, ['https', 'mixed-content'])).toEqual(
      expected.http.pages,
    );
  });

  it('still refuses a certificate nobody said to trust', async () => {
    const err = await analyzeSite({
      url: `${secure.origin}/`,
      allowOrigins: [secure.origin],
      requestTimeoutMs: 5_000,
      render: false,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AnalyzerError);
    expect((err as AnalyzerError).code).toBe('START_URL_UNREACHABLE');
    expect((err as AnalyzerError).message).toMatch(/certificate/i);
  });
});
