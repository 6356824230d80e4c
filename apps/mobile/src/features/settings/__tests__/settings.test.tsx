import { fireEvent, screen, waitFor } from '@testing-library/react-native';
import { ApiError, api } from '../../../lib/api';
import { useAuth } from '../../../stores/auth-store';
import { usePreferences } from '../../../stores/preferences-store';
import { renderWithQueries } from '../../../test-support/render';
import { checkApiAddress } from '../check-api-address';
import { DeleteAccount } from '../delete-account';
import { ThemePicker } from '../theme-picker';

jest.mock('../../../lib/api', () => {
  const actual = jest.requireActual('../../../lib/api');
  return { ...actual, api: { delete: jest.fn() } };
});
const del = api.delete as jest.Mock;

const user = {
  id: '00000000-0000-4000-8000-000000000001',
  email: 'rosa@example.com',
  full_name: 'Rosa',
  company_name: null,
  current_ring: 1,
  settings: {},
  is_active: true,
  created_at: '2026-12-01T10:00:00.000Z',
  updated_at: '2026-12-01T10:00:00.000Z',
  last_login_at: null,
};

beforeEach(() => {
  del.mockReset();
  useAuth.getState().signIn({ accessToken: 'a', refreshToken: 'r' }, user);
  usePreferences.setState({ onboardingDone: true });
});

async function deleteWith(password: string) {
  renderWithQueries(<DeleteAccount />);
  fireEvent.press(screen.getByRole('button', { name: 'Delete account' }));
  fireEvent.changeText(screen.getByLabelText('Password'), password);
  fireEvent.press(screen.getByRole('button', { name: 'Delete my account for good' }));
}

describe('delete account', () => {
  it('a wrong password is said as a sentence and nothing is signed out', async () => {
    del.mockRejectedValue(new ApiError('INVALID_PASSWORD', 'Invalid password', 403));
    await deleteWith('wrong-password');
    expect(await screen.findByText('That password is not correct.')).toBeTruthy();
    expect(del).toHaveBeenCalledWith('/users/me', { body: { password: 'wrong-password' } });
    expect(useAuth.getState().status).toBe('signedIn');
  });

  it('asks for the password before calling the API', async () => {
    renderWithQueries(<DeleteAccount />);
    fireEvent.press(screen.getByRole('button', { name: 'Delete account' }));
    fireEvent.press(screen.getByRole('button', { name: 'Delete my account for good' }));
    expect(await screen.findByText('Enter your password to confirm.')).toBeTruthy();
    expect(del).not.toHaveBeenCalled();
  });

  it('after deleting, signs out and clears what the device kept', async () => {
    del.mockResolvedValue(undefined);
    await deleteWith('right-password');
    await waitFor(() => expect(useAuth.getState().status).toBe('signedOut'));
    expect(useAuth.getState().session).toBeNull();
    expect(usePreferences.getState().onboardingDone).toBe(false);
  });
});

describe('theme', () => {
  it('is a radio group that stores the choice', () => {
    renderWithQueries(<ThemePicker />);
    fireEvent.press(screen.getByRole('radio', { name: 'Dark' }));
    expect(usePreferences.getState().theme).toBe('dark');
    expect(screen.getByRole('radio', { name: 'Dark' }).props.accessibilityState.checked).toBe(true);
  });
});

describe('API address', () => {
  const answer = (status: number, body: unknown): typeof fetch =>
    jest.fn(async () => new Response(JSON.stringify(body), { status }));

  it('accepts a server whose /healthz answers like Quento', async () => {
    const f = answer(200, { status: 'ok' });
    await expect(checkApiAddress('https://quento.example.com/', f)).resolves.toEqual({
      ok: true,
      url: 'https://quento.example.com',
    });
    expect(f).toHaveBeenCalledWith('https://quento.example.com/healthz', expect.anything());
  });

  it('refuses a malformed address, another kind of server, and no answer', async () => {
    const f = answer(200, { status: 'ok' });
    expect(await checkApiAddress('ftp://x', f)).toMatchObject({ ok: false });
    expect(f).not.toHaveBeenCalled();
    expect(await checkApiAddress('https://other.example', answer(200, '<html>'))).toEqual({
      ok: false,
      message: 'That address answered, but not like a Quento server.',
    });
    const down: typeof fetch = async () => {
      throw new TypeError('Network request failed');
    };
    expect(await checkApiAddress('https://down.example', down)).toEqual({
      ok: false,
      message: 'No Quento server answered at that address.',
    });
  });
});
