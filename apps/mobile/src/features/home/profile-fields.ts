import { type BusinessProfile, type ProfileField, UpdateProfileRequest } from '@quento/contracts';
import { ApiError } from '../../lib/api/api-error';
import { ERROR_MESSAGES } from '../../lib/error-messages';
import { type FieldErrors, submitErrors, validate } from '../../lib/form-errors';
import { changedValues, toTextForm } from './text-form';

/** Every field of the profile, in the order the advisor asks for them, in the owner's words. */
export const PROFILE_FIELDS: {
  key: ProfileField;
  label: string;
  list: boolean;
  url: boolean;
  /** Room for a few sentences. */
  long?: boolean;
  help?: string;
}[] = [
  { key: 'name', label: 'Business name', list: false, url: false },
  { key: 'offering', label: 'What you offer', list: false, url: false, long: true },
  { key: 'audience', label: 'Who your customers are', list: false, url: false, long: true },
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
  return toTextForm(PROFILE_FIELDS, p);
}

/** Only what changed goes out; a cleared text field becomes null, a list is replaced whole. */
export function changes(form: ProfileForm, original: BusinessProfile): UpdateProfileRequest {
  return changedValues(PROFILE_FIELDS, form, original) as UpdateProfileRequest;
}

const HAS_SCHEME = /^[a-z][a-z\d+.-]*:/i;
const URL_ERROR = 'Must be a web address such as https://example.com.';

/** As the API reads an owner-typed address: https is assumed when the scheme is left out. */
export function looksLikeUrl(input: string): boolean {
  try {
    const url = new URL(HAS_SCHEME.test(input) ? input : `https://${input}`);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

/**
 * The patch checked with the API's schema (lengths, how many items), and web addresses read the
 * way the API reads them, so a bad one is caught before saving.
 */
export function checkProfile(
  form: ProfileForm,
  original: BusinessProfile,
): { patch: UpdateProfileRequest; errors: null } | { patch: null; errors: FieldErrors } {
  const checked = validate(UpdateProfileRequest, changes(form, original));
  const errors: FieldErrors = { ...(checked.errors ?? {}) };
  const patch = checked.data ?? {};
  if (typeof patch.website_url === 'string' && !looksLikeUrl(patch.website_url))
    errors.website_url ??= URL_ERROR;
  const bad = (patch.competitors ?? []).find((c) => !looksLikeUrl(c));
  if (bad) errors.competitors ??= `“${bad}” is not a web address such as https://example.com.`;
  return Object.keys(errors).length || !checked.data
    ? { patch: null, errors }
    : { patch: checked.data, errors: null };
}

/**
 * A refused save as field errors: the API names the field of a bad address (`competitors[1]`)
 * in `details.field`, and lists schema failures per field (`details.phone` is the phone field).
 */
export function profileSubmitErrors(err: unknown): { fields: FieldErrors; form: string } {
  const out = submitErrors(err);
  const fields: FieldErrors = {};
  const key = (path: string) => path.replace(/^details\./, '').replace(/[[.].*$/, '');
  for (const [k, v] of Object.entries(out.fields)) fields[key(k)] ??= v;
  if (err instanceof ApiError && err.details && typeof err.details === 'object') {
    const field = (err.details as { field?: unknown }).field;
    if (typeof field === 'string') fields[key(field)] = ERROR_MESSAGES[err.code];
  }
  return { fields, form: out.form };
}

/** How a field reads on the card; lists as their items. */
export function display(p: BusinessProfile, key: ProfileField): string[] {
  const v = p[key];
  if (Array.isArray(v)) return v;
  return v ? [v] : [];
}
