import type { z } from 'zod';
import { ApiError } from './api/api-error';
import { errorMessage } from './error-messages';

export type FieldErrors = Record<string, string>;

/** First message per top-level field of a failed parse, in sentence case. */
export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    out[field] ??= plain(issue);
  }
  return out;
}

/** Zod's default messages are for developers; these are for the owner. */
function plain(issue: z.core.$ZodIssue): string {
  if (issue.code === 'too_small' && issue.origin === 'string')
    return Number(issue.minimum) <= 1
      ? 'Required.'
      : `Must be at least ${issue.minimum} characters.`;
  if (issue.code === 'too_big' && issue.origin === 'string')
    return `Must be at most ${issue.maximum} characters.`;
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'Required.';
  if (issue.code === 'invalid_format' && issue.format === 'email')
    return 'Must be a valid e-mail address.';
  if (issue.code === 'invalid_format' && issue.format === 'url')
    return 'Must be a web address such as https://example.com.';
  return sentence(issue.message);
}

/** Checks a form with the same schema the API uses; null when it passes. */
export function validate<S extends z.ZodType>(
  schema: S,
  values: unknown,
): { data: z.infer<S>; errors: null } | { data: null; errors: FieldErrors } {
  const parsed = schema.safeParse(values);
  return parsed.success
    ? { data: parsed.data, errors: null }
    : { data: null, errors: zodFieldErrors(parsed.error) };
}

/** A failed submit as field errors (from a 400) plus one sentence for the whole form. */
export function submitErrors(error: unknown): { fields: FieldErrors; form: string } {
  const fields = error instanceof ApiError ? error.fieldErrors() : {};
  for (const k of Object.keys(fields)) fields[k] = sentence(fields[k]!);
  return { fields, form: errorMessage(error) };
}

function sentence(message: string): string {
  const m = message.trim();
  if (!m) return 'Is not valid.';
  const capital = m.charAt(0).toUpperCase() + m.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}
