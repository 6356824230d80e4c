import type { UseMutationResult } from '@tanstack/react-query';
import { useState } from 'react';
import type { z } from 'zod';
import { type FieldErrors, submitErrors, validate } from './form-errors';

/**
 * A form checked with the API's own schema before it is sent: field errors from the schema or
 * from the API's 400, one sentence for anything else. `submit` returns false when nothing was sent.
 */
export function useFormSubmit<S extends z.ZodType, R>(
  schema: S,
  mutation: UseMutationResult<R, unknown, z.infer<S>>,
  options: { onSuccess?: (result: R) => void } = {},
) {
  const [fields, setFields] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const submit = (values: unknown): boolean => {
    setFormError(null);
    const checked = validate(schema, values);
    if (checked.errors) {
      setFields(checked.errors);
      return false;
    }
    setFields({});
    mutation.mutate(checked.data, {
      onSuccess: (result) => options.onSuccess?.(result),
      onError: (err) => {
        const e = submitErrors(err);
        setFields(e.fields);
        setFormError(e.form);
      },
    });
    return true;
  };
  return { fields, setFields, formError, setFormError, submit, pending: mutation.isPending };
}
