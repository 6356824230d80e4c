import { describeRecord } from '../../discover/value-format';
import { describeEvidence } from '../evidence-format';

describe('describeEvidence', () => {
  it('turns measured values into sentences, not raw keys or JSON', () => {
    const view = describeEvidence(
      {
        audit_id: 'thin-content',
        scope: 'page',
        pages: ['http://127.0.0.1:9000/about'],
        pages_checked: 3,
        pages_failing: 1,
        items: [{ url: 'http://127.0.0.1:9000/about', words: 40 }],
        values: {},
        measurements: [{ page: 'http://127.0.0.1:9000/about', words: 40, threshold: 250 }],
      },
      'Pages with too little text',
    );
    expect(view.check).toBe('Pages with too little text');
    expect(view.where).toBe('Fails on 1 of 3 pages checked.');
    expect(view.pages).toEqual(['/about']);
    expect(view.facts).toEqual([
      'On /about: 40 words, at least 250 expected.',
      'On /about: 40 words.',
    ]);
    for (const f of view.facts) expect(f).not.toMatch(/[{}"]|threshold|_/);
  });

  it('reads site-wide values and falls back to words for unknown keys', () => {
    const view = describeEvidence({
      audit_id: 'server-response-time',
      scope: 'site',
      pages: [],
      pages_checked: 0,
      pages_failing: 0,
      items: [],
      values: { item_count: 2, score: 0.4, vagueLinks: 3, someNewKey: true },
      measurements: [{ ttfbMs: 1200, thresholdMs: 600 }],
    });
    expect(view.check).toBe('Server response time');
    expect(view.where).toBe('This is checked once for the whole site.');
    expect(view.facts[0]).toBe(
      '2 problems found, scored 40 out of 100, 3 vague link texts, some new key: yes.',
    );
    expect(view.facts[1]).toBe(
      'The server took 1,200 ms to start answering, the target is under 600 ms.',
    );
  });

  it('names the home page rather than a bare slash', () => {
    expect(describeRecord({ page: 'https://rise.example/', content: '' })).toBe(
      'On rise.example (home page): the text is empty.',
    );
  });
});
