import { type FieldErrors, validate } from '../../lib/form-errors';
import { type BusinessProfile, UpdateProfileRequest } from './profile-schema';

export type ProfileField = keyof BusinessProfile;

/** Every field of the profile, in the order the advisor asks for them, in the owner's words. */
export const PROFILE_FIELDS: {
  key: ProfileField;
  label: string;
  list: boolean;
  url: boolean;
  help?: string;
}[] = [
  { key: 'name', label: 'Business name', list: false, url: false },
  { key: 'offering', label: 'What you offer', list: false, url: false },
  { key: 'audience', label: 'Who your customers are', list: false, url: false },
  {
    key: 'differentiators',
    label: 'What makes you different',
    list: true,
    url: false,
    help: 'One per line.',
  },
  { key: 'goals', label: 'Your goals', list: true, url: false, help: 'One per line.' },
  {
    key: 'website_url',
    label: 'Website address',
    list: false,
    url: true,
    help: 'For example https://example.com',
  },
  {
    key: 'competitors',
    label: 'Competitors’ websites',
    list: true,
    url: true,
    help: 'One web address per line.',
  },
];

/** The editor holds every field as text: lists as one item per line. */
export type ProfileForm = Record<ProfileField, string>;

export function toForm(p: BusinessProfile): ProfileForm {
  const out = {} as ProfileForm;
  for (const f of PROFILE_FIELDS) {
    const v = p[f.key];
    out[f.key] = Array.isArray(v) ? v.join('\n') : (v ?? '');
  }
  return out;
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);

/** Only what changed goes out; a cleared text field becomes null, a list is replaced whole. */
export function changes(form: ProfileForm, original: BusinessProfile): UpdateProfileRequest {
  const patch: Record<string, unknown> = {};
  for (const f of PROFILE_FIELDS) {
    const before = original[f.key];
    if (f.list) {
      const next = lines(form[f.key]);
      const prev = (before as string[]) ?? [];
      if (next.join('\n') !== prev.join('\n')) patch[f.key] = next;
    } else {
      const next = form[f.key].trim() || null;
      if (next !== before) patch[f.key] = next;
    }
  }
  return patch as UpdateProfileRequest;
}

/** The patch checked with the API's schema, so a bad web address is caught before saving. */
export function checkProfile(
  form: ProfileForm,
  original: BusinessProfile,
): { patch: UpdateProfileRequest; errors: null } | { patch: null; errors: FieldErrors } {
  const checked = validate(UpdateProfileRequest, changes(form, original));
  return checked.errors
    ? { patch: null, errors: checked.errors }
    : { patch: checked.data, errors: null };
}

/** How a field reads on the card; lists as their items. */
export function display(p: BusinessProfile, key: ProfileField): string[] {
  const v = p[key];
  if (Array.isArray(v)) return v;
  return v ? [v] : [];
}
