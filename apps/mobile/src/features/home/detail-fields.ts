import {
  type BusinessDetails,
  emptyBusinessDetails,
  UpdateDetailsRequest,
} from '@quento/contracts';
import { type FieldErrors, validate } from '../../lib/form-errors';
import { changedValues, toTextForm } from './text-form';

export type DetailField = keyof BusinessDetails;

/**
 * The business's contact and local details, in the owner's words. Quento checks the website
 * against them (the same phone and address on every page, each service and area described).
 */
export const DETAIL_FIELDS: {
  key: DetailField;
  label: string;
  list: boolean;
  help: string;
  phone?: boolean;
}[] = [
  {
    key: 'phone',
    label: 'Phone number',
    list: false,
    phone: true,
    help: 'As customers dial it, for example +1 503 555 0142.',
  },
  {
    key: 'address',
    label: 'Address',
    list: false,
    help: 'On one line: street, town and postcode.',
  },
  {
    key: 'services',
    label: 'Services you offer',
    list: true,
    help: 'One per line, in your own words.',
  },
  {
    key: 'service_areas',
    label: 'Areas you serve',
    list: true,
    help: 'One town or district per line.',
  },
  {
    key: 'opening_hours',
    label: 'Opening hours',
    list: true,
    help: 'One range per line, for example Mon-Fri 7am-6pm.',
  },
  {
    key: 'country',
    label: 'Country',
    list: false,
    help: 'Two letters, for example US or GB: how local phone numbers are read.',
  },
];

export type DetailsForm = Record<DetailField, string>;

export const NO_DETAILS: BusinessDetails = emptyBusinessDetails();

export function toDetailsForm(d: BusinessDetails): DetailsForm {
  return toTextForm(DETAIL_FIELDS, d);
}

/** Only what changed goes out; a cleared detail becomes null or [], which clears it. */
export function detailChanges(form: DetailsForm, original: BusinessDetails): UpdateDetailsRequest {
  // The API stores the country code in capitals.
  return changedValues(DETAIL_FIELDS, form, original, (key, typed) =>
    key === 'country' ? typed.toUpperCase() : typed,
  ) as UpdateDetailsRequest;
}

/** The details' patch checked with the API's schema; errors keyed by the detail's own name. */
export function checkDetails(
  form: DetailsForm,
  original: BusinessDetails,
): { patch: UpdateDetailsRequest; errors: null } | { patch: null; errors: FieldErrors } {
  const checked = validate(UpdateDetailsRequest, detailChanges(form, original));
  return checked.errors
    ? { patch: null, errors: checked.errors }
    : { patch: checked.data, errors: null };
}

/** How a detail reads on the card; lists as their items. */
export function displayDetail(d: BusinessDetails, key: DetailField): string[] {
  const v = d[key];
  if (Array.isArray(v)) return v;
  return v ? [v] : [];
}
