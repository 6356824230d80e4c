import { generateStrategy } from '@quento/engine';
import { describe, expect, it } from 'vitest';
import { applyTailoring } from './index.ts';

const report = {
  url: 'https://harbor-bakery.example/',
  pages: [
    {
      url: 'https://harbor-bakery.example/catering',
      audits: { 'meta-description': { score: 0, items: [] } },
    },
  ],
  site: { audits: {} },
};
const tailoring = {
  summary: 'Start with the catering page.',
  order: [],
  rewrites: [],
  strategic: [],
};

describe('applyTailoring', () => {
  it('keeps the plan opening with the business and its goals', () => {
    const base = generateStrategy(report, {
      name: 'Harbor Bakery',
      goals: ['More catering bookings'],
    });
    expect(applyTailoring(base, tailoring).summary).toBe(
      'This plan for Harbor Bakery serves your goals: “More catering bookings”. Start with the catering page.',
    );
  });

  it('uses the model’s summary as written when the plan has no goals', () => {
    const base = generateStrategy(report, { name: 'Harbor Bakery' });
    expect(applyTailoring(base, tailoring).summary).toBe('Start with the catering page.');
  });
});
