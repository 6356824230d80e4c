import { fireEvent, screen, waitFor } from '@testing-library/react-native';
import { ApiError, api } from '../../../lib/api';
import { renderWithQueries } from '../../../test-support/render';
import { ProfileCard } from '../profile-card';
import { changes, toForm } from '../profile-fields';
import type { BusinessProfile } from '../profile-schema';

jest.mock('../../../lib/api', () => {
  const actual = jest.requireActual('../../../lib/api');
  return { ...actual, api: { get: jest.fn(), put: jest.fn() } };
});
const get = api.get as jest.Mock;
const put = api.put as jest.Mock;

const stored: BusinessProfile = {
  name: 'Rosa Bakery',
  offering: 'Sourdough bread',
  audience: null,
  differentiators: ['Baked at night'],
  goals: [],
  website_url: 'https://rosa.example',
  competitors: [],
};

beforeEach(() => {
  get.mockReset().mockResolvedValue(stored);
  put.mockReset();
});

describe('profile form', () => {
  it('sends only what changed: cleared text as null, lists one item per line', () => {
    const form = toForm(stored);
    form.offering = '  ';
    form.goals = 'More orders\n\n  Open a second shop ';
    expect(changes(form, stored)).toEqual({
      offering: null,
      goals: ['More orders', 'Open a second shop'],
    });
    expect(changes(toForm(stored), stored)).toEqual({});
  });
});

describe('ProfileCard', () => {
  it('shows every field, told or not', async () => {
    renderWithQueries(<ProfileCard />);
    expect(await screen.findByText('Rosa Bakery')).toBeTruthy();
    for (const label of [
      'Business name',
      'What you offer',
      'Who your customers are',
      'What makes you different',
      'Your goals',
      'Website address',
      'Competitors’ websites',
    ])
      expect(screen.getByText(label)).toBeTruthy();
    expect(screen.getByLabelText('Who your customers are: not told yet')).toBeTruthy();
    expect(screen.getByText('• Baked at night')).toBeTruthy();
  });

  it('refuses a competitor that is not a web address, without calling the API', async () => {
    renderWithQueries(<ProfileCard />);
    fireEvent.press(await screen.findByRole('button', { name: 'Edit profile' }));
    fireEvent.changeText(
      screen.getByLabelText('Competitors’ websites'),
      'https://ok.example\nnot a site',
    );
    fireEvent.press(screen.getByRole('button', { name: 'Save profile' }));
    expect(
      await screen.findByText('Must be a web address such as https://example.com.'),
    ).toBeTruthy();
    expect(put).not.toHaveBeenCalled();
  });

  it('saves the change with PUT, refetches the rings, and shows the saved profile', async () => {
    put.mockResolvedValue({ ...stored, audience: 'Families nearby' });
    const { client } = renderWithQueries(<ProfileCard />);
    const invalidate = jest.spyOn(client, 'invalidateQueries');
    fireEvent.press(await screen.findByRole('button', { name: 'Edit profile' }));
    fireEvent.changeText(screen.getByLabelText('Who your customers are'), 'Families nearby');
    fireEvent.press(screen.getByRole('button', { name: 'Save profile' }));
    expect(await screen.findByText('Families nearby')).toBeTruthy();
    expect(put).toHaveBeenCalledWith(
      '/users/me/profile',
      expect.objectContaining({ body: { audience: 'Families nearby' } }),
    );
    expect(invalidate).toHaveBeenCalledWith({ queryKey: ['account', 'progress'] });
    expect(screen.getByRole('button', { name: 'Edit profile' })).toBeTruthy();
  });

  it('shows the server’s field errors under their fields and stays in the editor', async () => {
    put.mockRejectedValue(
      new ApiError('VALIDATION_FAILED', 'invalid', 400, [
        { field: 'body.website_url', message: 'the address must use http or https' },
      ]),
    );
    renderWithQueries(<ProfileCard />);
    fireEvent.press(await screen.findByRole('button', { name: 'Edit profile' }));
    fireEvent.changeText(screen.getByLabelText('Website address'), 'https://rosa.example/shop');
    fireEvent.press(screen.getByRole('button', { name: 'Save profile' }));
    expect(await screen.findByText('The address must use http or https.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Save profile' })).toBeTruthy();
  });

  it('a failed load offers to try again', async () => {
    get.mockReset().mockRejectedValueOnce(new ApiError('NETWORK_ERROR', 'x', null));
    get.mockResolvedValue(stored);
    renderWithQueries(<ProfileCard />);
    fireEvent.press(await screen.findByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(screen.getByText('Rosa Bakery')).toBeTruthy());
  });
});
