import { UpdateMeRequest, type User } from '@quento/contracts';
import { useState } from 'react';
import { type FieldErrors, submitErrors, validate } from '../../lib/form-errors';
import { Button, Card, Text, TextField } from '../../ui';
import { useUpdateMe } from '../account/queries';
import { FormError } from '../auth/auth-frame';

/** Name and company, as on the account (`PUT /users/me`). */
export function AccountForm({ user }: { user: User }) {
  const update = useUpdateMe();
  const [name, setName] = useState(user.full_name ?? '');
  const [company, setCompany] = useState(user.company_name ?? '');
  const [fields, setFields] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const submit = () => {
    setSaved(false);
    setFormError(null);
    const checked = validate(UpdateMeRequest, {
      full_name: name.trim() || null,
      company_name: company.trim() || null,
    });
    if (checked.errors) return setFields(checked.errors);
    setFields({});
    update.mutate(checked.data, {
      onSuccess: () => setSaved(true),
      onError: (err) => {
        const e = submitErrors(err);
        setFields(e.fields);
        setFormError(e.form);
      },
    });
  };

  return (
    <Card>
      <Text variant="heading">Your account</Text>
      <Text tone="muted">{user.email}</Text>
      <TextField
        label="Your name"
        value={name}
        onChangeText={setName}
        error={fields.full_name}
        autoComplete="name"
      />
      <TextField
        label="Business name"
        value={company}
        onChangeText={setCompany}
        error={fields.company_name}
        autoComplete="organization"
      />
      <FormError message={formError} />
      {saved ? (
        <Text tone="success" accessibilityLiveRegion="polite">
          Saved.
        </Text>
      ) : null}
      <Button label="Save name and company" onPress={submit} loading={update.isPending} />
    </Card>
  );
}
