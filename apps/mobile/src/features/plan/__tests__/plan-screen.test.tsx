import type { Analysis, Strategy } from '@quento/contracts';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor } from '@testing-library/react-native';
import { api } from '../../../lib/api';
import { PlanScreen } from '../plan-screen';

const mockRouter = { push: jest.fn(), navigate: jest.fn() };
jest.mock('expo-router', () => ({ useRouter: () => mockRouter }));

jest.setTimeout(30_000);

const AID = '00000000-0000-4000-8000-000000000001';
const T = '2026-12-01T10:00:00.000Z';
const analysis = { id: AID, status: 'completed', website_url: 'https://rise.example/' } as Analysis;
const page = <T,>(items: T[]) => ({ items, total: items.length, limit: 20, offset: 0 });

function serve(routes: Record<string, unknown>) {
  jest.spyOn(api, 'get').mockImplementation(async (path: string) => {
    if (!(path in routes)) throw new Error(`unexpected GET ${path}`);
    return routes[path] as never;
  });
}

function renderScreen() {
  const client = new QueryClient({
    defaultOptions: {
      queries: { retry: false, gcTime: Infinity },
      mutations: { gcTime: Infinity },
    },
  });
  return render(
    <QueryClientProvider client={client}>
      <PlanScreen />
    </QueryClientProvider>,
  );
}

afterEach(() => {
  jest.restoreAllMocks();
  mockRouter.navigate.mockReset();
});

describe('PlanScreen', () => {
  it('without an analysis, says so and leads to Discover', async () => {
    serve({ '/analysis': page([]), '/strategy': page([]) });
    renderScreen();
    expect(await screen.findByText('Analyse your website first')).toBeTruthy();
    fireEvent.press(screen.getByRole('button', { name: 'Go to Discover' }));
    expect(mockRouter.navigate).toHaveBeenCalledWith('/discover');
  });

  it('makes a plan from the latest completed analysis and shows it', async () => {
    serve({ '/analysis': page([analysis]), '/strategy': page([]) });
    const made: Strategy = {
      id: '00000000-0000-4000-8000-0000000000aa',
      analysis_id: AID,
      title: 'Growth plan for rise.example',
      summary: 'Three things to fix.',
      status: 'active',
      generated_by: 'engine',
      created_at: T,
      updated_at: T,
      progress: { total: 0, done: 0, verified: 0, flagged: 0 },
      recommendations: [],
      action_items: [],
    };
    const post = jest.spyOn(api, 'post').mockResolvedValue(made as never);
    renderScreen();
    fireEvent.press(await screen.findByRole('button', { name: 'Create my plan' }));
    await waitFor(() =>
      expect(post).toHaveBeenCalledWith(
        '/strategy/generate',
        expect.objectContaining({ body: { analysis_id: AID } }),
      ),
    );
  });

  it('opens with the owner’s goals and says which goal each recommendation serves', async () => {
    const SID = '00000000-0000-4000-8000-0000000000bb';
    const rec = (id: string, title: string, goal_match: 'page' | 'general') => ({
      id,
      title,
      description: 'Do it.',
      category: 'content',
      impact: 'high',
      effort: 'low',
      priority: 'high',
      rationale: 'Because.',
      source: 'audit',
      evidence: [],
      goal: 'More catering bookings',
      goal_match,
    });
    const plan = {
      id: SID,
      analysis_id: AID,
      title: 'Growth plan for Harbor Bakery',
      summary: 'This plan for Harbor Bakery serves your goals.',
      goals: ['More catering bookings', 'Open on Sundays'],
      status: 'active',
      generated_by: 'engine',
      created_at: T,
      updated_at: T,
      progress: { total: 0, done: 0, verified: 0, flagged: 0 },
      recommendations: [
        rec('r1', 'Describe catering on its page', 'page'),
        rec('r2', 'Add a sitemap', 'general'),
      ],
      action_items: [],
    };
    const empty = { quick_wins: [], major_projects: [], fill_ins: [], thankless_tasks: [] };
    serve({
      '/analysis': page([analysis]),
      '/strategy': page([plan]),
      [`/strategy/${SID}`]: plan,
      [`/strategy/${SID}/matrix`]: empty,
    });
    renderScreen();
    expect(await screen.findByText('Growth plan for Harbor Bakery')).toBeTruthy();
    expect(
      screen.getByLabelText('Your goals: More catering bookings, Open on Sundays'),
    ).toBeTruthy();
    expect(
      screen.getByText(
        'For your goal “More catering bookings”: it fixes the pages that goal depends on.',
      ),
    ).toBeTruthy();
    expect(
      screen.getByText('Helps all your goals: customers have to find you first.'),
    ).toBeTruthy();
  });

  it('shows a failed load with a way to try again', async () => {
    jest.spyOn(api, 'get').mockRejectedValue(new Error('boom'));
    renderScreen();
    expect(await screen.findByText('That did not load')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });
});
