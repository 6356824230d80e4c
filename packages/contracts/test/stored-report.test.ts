import { describe, expect, it } from 'vitest';
import { STORED_REPORT_VERSION, StoredReport } from '../src/index.ts';

const report = {
  url: 'https://shop.example/',
  pages: [{ url: 'https://shop.example/', audits: { h1: { score: 1, items: [{ text: 'Hi' }] } } }],
  site: { audits: {}, skipped: [] },
  mode: 'static',
};

describe('StoredReport', () => {
  it('reads a report stored before versions existed as version 1, keeping unnamed fields', () => {
    const parsed = StoredReport.parse(report);
    expect(parsed.version).toBe(STORED_REPORT_VERSION);
    expect(parsed.mode).toBe('static');
    expect(parsed.site.skipped).toEqual([]);
  });

  it('refuses a version it does not know and a report of the wrong shape', () => {
    expect(StoredReport.safeParse({ ...report, version: 2 }).success).toBe(false);
    expect(StoredReport.safeParse({ ...report, pages: 'none' }).success).toBe(false);
    expect(StoredReport.safeParse(null).success).toBe(false);
  });
});
