import type { AnalysisDetail, Strategy } from '@quento/contracts';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react-native';
import type { z } from 'zod';
import { api } from '../../../lib/api';
import { RecommendationScreen } from '../recommendation-screen';

const SID = '00000000-0000-4000-8000-0000000000aa';
const AID = '00000000-0000-4000-8000-000000000001';
const MENU = 'https://rise.example/menu';

jest.mock('expo-router', () => ({
  useRouter: () => ({ push: jest.fn() }),
  useLocalSearchParams: () => ({ id: 'r1', strategy: '00000000-0000-4000-8000-0000000000aa' }),
  Stack: { Screen: () => null },
}));

jest.setTimeout(30_000);

const T = '2026-12-01T10:00:00.000Z';
const strategy = {
  id: SID,
  analysis_id: AID,
  title: 'Growth plan for Rise Bakery',
  summary: null,
  status: 'active',
  generated_by: 'engine',
  created_at: T,
  updated_at: T,
  progress: { total: 0, done: 0, verified: 0, flagged: 0 },
  recommendations: [
    {
      id: 'r1',
      title: 'Fix broken and weak links',
      description: 'Vague link text wastes visitors’ time.',
      category: 'seo',
      impact: 'medium',
      effort: 'low',
      priority: 'high',
      rationale: 'Links do not have descriptive text.',
      source: 'audit',
      evidence: [
        {
          audit_id: 'link-text',
          scope: 'page',
          pages: [MENU],
          pages_checked: 3,
          pages_failing: 1,
          items: [
            { page: MENU, href: 'https://rise.example/a', text: 'click here', textLang: null },
            { page: MENU, href: 'https://rise.example/b', text: 'click here', textLang: null },
          ],
          values: {},
          measurements: [{ page: MENU, vagueLinks: 2, language: 'en' }],
        },
      ],
    },
  ],
  action_items: [],
} satisfies Strategy;

const analysis = {
  id: AID,
  findings: [{ audit_id: 'link-text', title: 'Links do not have descriptive text' }],
} as unknown as z.infer<typeof AnalysisDetail>;

afterEach(() => jest.restoreAllMocks());

describe('RecommendationScreen', () => {
  it('shows the evidence in sentences from the shared formatter, never raw keys', async () => {
    jest.spyOn(api, 'get').mockImplementation(async (path: string) => {
      if (path === `/strategy/${SID}`) return strategy as never;
      if (path === `/analysis/${AID}`) return analysis as never;
      throw new Error(`unexpected GET ${path}`);
    });
    const client = new QueryClient({
      defaultOptions: { queries: { retry: false, gcTime: Infinity } },
    });
    render(
      <QueryClientProvider client={client}>
        <RecommendationScreen />
      </QueryClientProvider>,
    );
    // The check's name comes from the analysis: wait for both queries.
    expect(await screen.findByText('Links do not have descriptive text')).toBeTruthy();
    expect(screen.getByText('• On /menu: 2 links say “click here”.')).toBeTruthy();
    expect(
      screen.getByText('• On /menu: 2 links with vague text, page language “en”.'),
    ).toBeTruthy();
    expect(screen.getByText('Fails on 1 of 3 pages checked.')).toBeTruthy();
    expect(screen.queryByText(/vagueLinks|textLang|href|link-text/)).toBeNull();
  });
});
