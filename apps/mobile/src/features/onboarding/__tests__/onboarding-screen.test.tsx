import { fireEvent, screen, waitFor } from '@testing-library/react-native';
import { api } from '../../../lib/api';
import { usePreferences } from '../../../stores/preferences-store';
import { renderWithQueries } from '../../../test-support/render';
import { OnboardingScreen } from '../onboarding-screen';

const mockRouter = { push: jest.fn(), replace: jest.fn(), setParams: jest.fn() };
jest.mock('expo-router', () => ({
  ...jest.requireActual('expo-router'),
  useRouter: () => mockRouter,
}));
jest.mock('../../../lib/api', () => {
  const actual = jest.requireActual('../../../lib/api');
  return { ...actual, api: { get: jest.fn(), post: jest.fn() } };
});
const get = api.get as jest.Mock;
const post = api.post as jest.Mock;
const SESSION = '00000000-0000-4000-8000-000000000001';

beforeEach(() => {
  jest.clearAllMocks();
  usePreferences.setState({ onboardingDone: false });
  get.mockResolvedValue({ items: [], total: 0, limit: 50, offset: 0 });
  post.mockResolvedValue({
    id: SESSION,
    title: 'Your core story',
    ring_phase: 'core',
    status: 'active',
    mode: 'guided',
    created_at: '2026-12-01T10:00:00.000Z',
    updated_at: '2026-12-01T10:00:00.000Z',
  });
});

describe('OnboardingScreen', () => {
  it('walks through welcome and the five rings, one sentence each', () => {
    renderWithQueries(<OnboardingScreen />);
    expect(screen.getByText('Welcome to Quento')).toBeTruthy();
    fireEvent.press(screen.getByRole('button', { name: 'Next' }));
    for (const ring of ['Core story', 'Discover', 'Plan', 'Execute', 'Optimize'])
      expect(screen.getByText(ring)).toBeTruthy();
    fireEvent.press(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByRole('button', { name: 'Start my first chat' })).toBeTruthy();
    expect(usePreferences.getState().onboardingDone).toBe(false);
  });

  it('the first chat starts a core-story session, opens it and marks onboarding done', async () => {
    renderWithQueries(<OnboardingScreen />);
    fireEvent.press(screen.getByRole('button', { name: 'Next' }));
    fireEvent.press(screen.getByRole('button', { name: 'Next' }));
    fireEvent.press(screen.getByRole('button', { name: 'Start my first chat' }));
    await waitFor(() =>
      expect(mockRouter.push).toHaveBeenCalledWith({
        pathname: '/chat',
        params: { session: SESSION },
      }),
    );
    expect(post).toHaveBeenCalledWith(
      '/chat/sessions',
      expect.objectContaining({ body: { ring_phase: 'core', title: 'Your core story' } }),
    );
    expect(usePreferences.getState().onboardingDone).toBe(true);
  });

  it('a failed start says why and leaves onboarding open', async () => {
    const { ApiError } = jest.requireActual('../../../lib/api');
    post.mockRejectedValue(new ApiError('NETWORK_ERROR', 'x', null));
    renderWithQueries(<OnboardingScreen />);
    fireEvent.press(screen.getByRole('button', { name: 'Next' }));
    fireEvent.press(screen.getByRole('button', { name: 'Next' }));
    fireEvent.press(screen.getByRole('button', { name: 'Start my first chat' }));
    expect(
      await screen.findByText('Quento cannot be reached. Check your connection and try again.'),
    ).toBeTruthy();
    expect(usePreferences.getState().onboardingDone).toBe(false);
    expect(mockRouter.push).not.toHaveBeenCalled();
  });

  it('Skip marks onboarding done and goes Home', () => {
    renderWithQueries(<OnboardingScreen />);
    fireEvent.press(screen.getByRole('button', { name: 'Skip' }));
    expect(usePreferences.getState().onboardingDone).toBe(true);
    expect(mockRouter.replace).toHaveBeenCalledWith('/home');
  });
});
