import { fireEvent, screen, waitFor } from '@testing-library/react-native';
import { ApiError, api } from '../../../lib/api';
import { useAuth } from '../../../stores/auth-store';
import { usePreferences } from '../../../stores/preferences-store';
import { renderWithQueries } from '../../../test-support/render';
import { ForgotPasswordScreen } from '../forgot-password-screen';
import { LoginScreen } from '../login-screen';
import { RegisterScreen } from '../register-screen';
import { ResetPasswordScreen } from '../reset-password-screen';

const mockRouter = { push: jest.fn(), replace: jest.fn() };
let mockParams: Record<string, string> = {};
jest.mock('expo-router', () => ({
  ...jest.requireActual('expo-router'),
  useRouter: () => mockRouter,
  useLocalSearchParams: () => mockParams,
}));
jest.mock('../../../lib/api', () => {
  const actual = jest.requireActual('../../../lib/api');
  return { ...actual, api: { post: jest.fn() } };
});
const post = api.post as jest.Mock;

const user = {
  id: '00000000-0000-4000-8000-000000000001',
  email: 'rosa@example.com',
  full_name: 'Rosa',
  company_name: 'Rosa Bakery',
  current_ring: 1,
  settings: {},
  is_active: true,
  created_at: '2026-12-01T10:00:00.000Z',
  updated_at: '2026-12-01T10:00:00.000Z',
  last_login_at: null,
};
const authResponse = {
  access_token: 'access',
  refresh_token: 'refresh',
  token_type: 'Bearer',
  expires_in: 900,
  user,
};

beforeEach(() => {
  jest.clearAllMocks();
  mockParams = {};
  useAuth.getState().signOut();
});

describe('LoginScreen', () => {
  it('checks the fields with the API’s rules before sending', async () => {
    renderWithQueries(<LoginScreen />);
    fireEvent.changeText(screen.getByLabelText('E-mail'), 'not-an-email');
    fireEvent.press(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Must be a valid e-mail address.')).toBeTruthy();
    expect(screen.getByText('Required.')).toBeTruthy();
    expect(post).not.toHaveBeenCalled();
  });

  it('a wrong password is said as a sentence', async () => {
    post.mockRejectedValue(new ApiError('INVALID_CREDENTIALS', 'bad', 401));
    renderWithQueries(<LoginScreen />);
    fireEvent.changeText(screen.getByLabelText('E-mail'), 'rosa@example.com');
    fireEvent.changeText(screen.getByLabelText('Password'), 'wrong');
    fireEvent.press(screen.getByRole('button', { name: 'Sign in' }));
    expect(
      await screen.findByText('That e-mail and password do not match an account.'),
    ).toBeTruthy();
    expect(useAuth.getState().status).toBe('signedOut');
  });

  it('signs in with the answer’s tokens', async () => {
    post.mockResolvedValue(authResponse);
    renderWithQueries(<LoginScreen />);
    fireEvent.changeText(screen.getByLabelText('E-mail'), 'rosa@example.com');
    fireEvent.changeText(screen.getByLabelText('Password'), 'correct-horse');
    fireEvent.press(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(useAuth.getState().status).toBe('signedIn'));
    expect(useAuth.getState().session).toEqual({ accessToken: 'access', refreshToken: 'refresh' });
    expect(post).toHaveBeenCalledWith(
      '/auth/login',
      expect.objectContaining({
        body: { email: 'rosa@example.com', password: 'correct-horse' },
        auth: false,
      }),
    );
  });
});

describe('RegisterScreen', () => {
  const fill = (password = 'correct-horse') => {
    fireEvent.changeText(screen.getByLabelText('E-mail'), 'rosa@example.com');
    fireEvent.changeText(screen.getByLabelText('Password'), password);
  };

  it('a short password is refused on the spot', async () => {
    renderWithQueries(<RegisterScreen />);
    fill('short');
    fireEvent.press(screen.getByRole('button', { name: 'Create account' }));
    expect(await screen.findByText('Must be at least 8 characters.')).toBeTruthy();
    expect(post).not.toHaveBeenCalled();
  });

  it('a taken e-mail says so', async () => {
    post.mockRejectedValue(new ApiError('EMAIL_TAKEN', 'taken', 409));
    renderWithQueries(<RegisterScreen />);
    fill();
    fireEvent.press(screen.getByRole('button', { name: 'Create account' }));
    expect(
      await screen.findByText(
        'An account with this e-mail address already exists. Sign in instead.',
      ),
    ).toBeTruthy();
  });

  it('a new account is signed in and sees the onboarding, empty names left out', async () => {
    usePreferences.setState({ onboardingDone: true });
    post.mockResolvedValue(authResponse);
    renderWithQueries(<RegisterScreen />);
    fill();
    fireEvent.press(screen.getByRole('button', { name: 'Create account' }));
    await waitFor(() => expect(useAuth.getState().status).toBe('signedIn'));
    expect(usePreferences.getState().onboardingDone).toBe(false);
    expect(post.mock.calls[0][1].body).toEqual({
      email: 'rosa@example.com',
      password: 'correct-horse',
    });
  });
});

describe('password reset', () => {
  it('forgot password confirms without saying whether the account exists', async () => {
    post.mockResolvedValue({ message: 'ok' });
    renderWithQueries(<ForgotPasswordScreen />);
    fireEvent.changeText(screen.getByLabelText('E-mail'), 'Rosa@Example.com');
    fireEvent.press(screen.getByRole('button', { name: 'Send reset link' }));
    expect(await screen.findByText(/If an account exists for rosa@example.com/)).toBeTruthy();
  });

  it('the reset needs the token from the link and the same password twice', async () => {
    renderWithQueries(<ResetPasswordScreen />);
    fireEvent.changeText(screen.getByLabelText('New password'), 'correct-horse');
    fireEvent.changeText(screen.getByLabelText('Repeat the new password'), 'correct-horse');
    fireEvent.press(screen.getByRole('button', { name: 'Save new password' }));
    expect(
      await screen.findByText('This reset link is incomplete. Open it again from the e-mail.'),
    ).toBeTruthy();
    expect(post).not.toHaveBeenCalled();
  });

  it('a used link is said as a sentence; a good one changes the password', async () => {
    mockParams = { token: 'tok' };
    post.mockRejectedValueOnce(new ApiError('INVALID_RESET_TOKEN', 'used', 400));
    renderWithQueries(<ResetPasswordScreen />);
    fireEvent.changeText(screen.getByLabelText('New password'), 'correct-horse');
    fireEvent.changeText(screen.getByLabelText('Repeat the new password'), 'correct-hors');
    fireEvent.press(screen.getByRole('button', { name: 'Save new password' }));
    expect(await screen.findByText('The two passwords are not the same.')).toBeTruthy();
    fireEvent.changeText(screen.getByLabelText('Repeat the new password'), 'correct-horse');
    fireEvent.press(screen.getByRole('button', { name: 'Save new password' }));
    expect(
      await screen.findByText(
        'This reset link is invalid, expired or already used. Ask for a new one.',
      ),
    ).toBeTruthy();
    post.mockResolvedValueOnce({ message: 'ok' });
    fireEvent.press(screen.getByRole('button', { name: 'Save new password' }));
    expect(
      await screen.findByText('Your password is changed. Sign in with the new one.'),
    ).toBeTruthy();
    expect(post).toHaveBeenLastCalledWith(
      '/auth/reset-password',
      expect.objectContaining({ body: { token: 'tok', password: 'correct-horse' } }),
    );
  });
});
