import { UpdateMeRequest, type User } from '@quento/contracts';
import { useState } from 'react';
import { useFormSubmit } from '../../lib/use-form-submit';
import { Button, Card, Text, TextField } from '../../ui';
import { useUpdateMe } from '../account/queries';
import { FormError } from '../auth/auth-frame';

/** Name and company, as on the account (`PUT /users/me`). */
export function AccountForm({ user }: { user: User }) {
  const update = useUpdateMe();
  const [name, setName] = useState(user.full_name ?? '');
  const [company, setCompany] = useState(user.company_name ?? '');
  const [saved, setSaved] = useState(false);
  const {
    fields,
    formError,
    submit: send,
  } = useFormSubmit(UpdateMeRequest, update, {
    onSuccess: () => setSaved(true),
  });

  const submit = () => {
    setSaved(false);
    send({ full_name: name.trim() || null, company_name: company.trim() || null });
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
