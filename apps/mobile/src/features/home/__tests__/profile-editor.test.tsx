import type { BusinessDetails, BusinessProfile, ProfileResponse } from '@quento/contracts';
import { fireEvent, screen, waitFor } from '@testing-library/react-native';
import { ApiError, api } from '../../../lib/api';
import { renderWithQueries } from '../../../test-support/render';
import { detailChanges, NO_DETAILS, toDetailsForm } from '../detail-fields';
import { ProfileCard } from '../profile-card';
import { changes, toForm } from '../profile-fields';

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

const response = (
  profile: BusinessProfile,
  owner: ProfileResponse['owner_fields'] = [],
  details: BusinessDetails = NO_DETAILS,
) =>
  ({
    profile,
    details,
    owner_fields: owner,
    complete: false,
    missing_fields: (['audience', 'goals'] as const).filter((f) => !profile[f]?.length),
    updated_at: '2026-12-01T10:00:00.000Z',
  }) satisfies ProfileResponse;

beforeEach(() => {
  get.mockReset().mockResolvedValue(response(stored));
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

  it('details: only what changed, a cleared one as null or [], the country in capitals', () => {
    const details: BusinessDetails = { ...NO_DETAILS, phone: '+1 503 555 0142', country: 'US' };
    const form = toDetailsForm(details);
    expect(detailChanges({ ...form, country: 'us' }, details)).toEqual({});
    form.phone = '';
    form.services = 'Wedding cakes\n\n corporate catering ';
    form.country = 'gb';
    expect(detailChanges(form, details)).toEqual({
      phone: null,
      services: ['Wedding cakes', 'corporate catering'],
      country: 'GB',
    });
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
      expect(screen.getByText(new RegExp(`^${label}`))).toBeTruthy();
    expect(
      screen.getByLabelText('Who your customers are (still needed): not told yet'),
    ).toBeTruthy();
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
      await screen.findByText('“not a site” is not a web address such as https://example.com.'),
    ).toBeTruthy();
    expect(put).not.toHaveBeenCalled();
  });

  it('takes an address without its scheme, as the API does', async () => {
    put.mockResolvedValue(response({ ...stored, website_url: 'https://rosa.example/' }));
    renderWithQueries(<ProfileCard />);
    fireEvent.press(await screen.findByRole('button', { name: 'Edit profile' }));
    fireEvent.changeText(screen.getByLabelText('Website address'), 'rosa-bakery.example');
    fireEvent.press(screen.getByRole('button', { name: 'Save profile' }));
    await waitFor(() =>
      expect(put).toHaveBeenCalledWith(
        '/users/me/profile',
        expect.objectContaining({ body: { website_url: 'rosa-bakery.example' } }),
      ),
    );
  });

  it('a refused address (422) shows its sentence under the field it belongs to', async () => {
    put.mockRejectedValue(
      new ApiError('URL_REFUSED', 'private network', 422, { field: 'competitors[0]' }),
    );
    renderWithQueries(<ProfileCard />);
    fireEvent.press(await screen.findByRole('button', { name: 'Edit profile' }));
    fireEvent.changeText(screen.getByLabelText('Competitors’ websites'), 'http://10.0.0.1.example');
    fireEvent.press(screen.getByRole('button', { name: 'Save profile' }));
    const message = 'Quento cannot analyse that address: it points to a private or local network.';
    expect(await screen.findAllByText(message)).toHaveLength(2); // Under the field, and for the form.
    expect(screen.getByLabelText('Competitors’ websites').props.accessibilityHint).toBe(message);
  });

  it('saves the change with PUT, refetches the rings, and shows the saved profile', async () => {
    put.mockResolvedValue(response({ ...stored, audience: 'Families nearby' }, ['audience']));
    const { client } = renderWithQueries(<ProfileCard />);
    const invalidate = jest.spyOn(client, 'invalidateQueries');
    fireEvent.press(await screen.findByRole('button', { name: 'Edit profile' }));
    fireEvent.changeText(screen.getByLabelText('Who your customers are'), 'Families nearby');
    fireEvent.press(screen.getByRole('button', { name: 'Save profile' }));
    expect(await screen.findByText('Families nearby')).toBeTruthy();
    expect(
      screen.getByLabelText('Who your customers are (set by you): Families nearby'),
    ).toBeTruthy();
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

  it('saves the contact and local details with the profile, and shows them on the card', async () => {
    const details = { ...NO_DETAILS, phone: '+1 503 555 0142', services: ['Wedding cakes'] };
    put.mockResolvedValue(response(stored, [], details));
    renderWithQueries(<ProfileCard />);
    expect(await screen.findByText(/Not told yet\. Add your phone/)).toBeTruthy();
    fireEvent.press(screen.getByRole('button', { name: 'Edit profile' }));
    fireEvent.changeText(screen.getByLabelText('Phone number'), ' +1 503 555 0142 ');
    fireEvent.changeText(screen.getByLabelText('Services you offer'), 'Wedding cakes');
    fireEvent.press(screen.getByRole('button', { name: 'Save profile' }));
    expect(await screen.findByLabelText('Phone number: +1 503 555 0142')).toBeTruthy();
    expect(screen.getByText('• Wedding cakes')).toBeTruthy();
    expect(put).toHaveBeenCalledWith(
      '/users/me/profile',
      expect.objectContaining({
        body: { details: { phone: '+1 503 555 0142', services: ['Wedding cakes'] } },
      }),
    );
  });

  it('a bad detail is caught before saving; a refused one shows under its own field', async () => {
    renderWithQueries(<ProfileCard />);
    fireEvent.press(await screen.findByRole('button', { name: 'Edit profile' }));
    fireEvent.changeText(screen.getByLabelText('Country'), 'USA');
    fireEvent.press(screen.getByRole('button', { name: 'Save profile' }));
    expect(await screen.findByText('Must be a two-letter country code such as "US".')).toBeTruthy();
    expect(put).not.toHaveBeenCalled();

    put.mockRejectedValue(
      new ApiError('VALIDATION_FAILED', 'invalid', 400, [
        { field: 'body.details.phone', message: 'not a phone number' },
      ]),
    );
    fireEvent.changeText(screen.getByLabelText('Country'), 'US');
    fireEvent.changeText(screen.getByLabelText('Phone number'), '555');
    fireEvent.press(screen.getByRole('button', { name: 'Save profile' }));
    expect(await screen.findByText('Not a phone number.')).toBeTruthy();
    expect(screen.getByLabelText('Phone number').props.accessibilityHint).toBe(
      'Not a phone number.',
    );
  });

  it('a failed load offers to try again', async () => {
    get.mockReset().mockRejectedValueOnce(new ApiError('NETWORK_ERROR', 'x', null));
    get.mockResolvedValue(response(stored));
    renderWithQueries(<ProfileCard />);
    fireEvent.press(await screen.findByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(screen.getByText('Rosa Bakery')).toBeTruthy());
  });
});
