import { useState } from 'react';
import { ApiError } from '../../lib/api';
import { errorMessage } from '../../lib/error-messages';
import { Button, Card, Text, TextField } from '../../ui';
import { useDeleteAccount } from './use-delete-account';

/** Deleting the account asks for the password; a wrong one is said in words under the field. */
export function DeleteAccount() {
  const remove = useDeleteAccount();
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);

  const submit = () => {
    setError(null);
    setFormError(null);
    if (!password) return setError('Enter your password to confirm.');
    remove.mutate(password, {
      onError: (err) => {
        if (
          err instanceof ApiError &&
          (err.code === 'INVALID_PASSWORD' || err.code === 'VALIDATION_FAILED')
        )
          setError(errorMessage(err));
        else setFormError(errorMessage(err));
      },
    });
  };

  return (
    <Card>
      <Text variant="heading">Delete account</Text>
      <Text tone="muted">
        This deletes your account and everything in it: your profile, conversations, analyses, plan
        and actions. It cannot be undone.
      </Text>
      {open ? (
        <>
          <TextField
            label="Password"
            value={password}
            onChangeText={setPassword}
            error={error}
            secureTextEntry
            autoComplete="current-password"
            onSubmitEditing={submit}
          />
          {formError ? (
            <Text tone="danger" accessibilityRole="alert">
              {formError}
            </Text>
          ) : null}
          <Button
            label="Delete my account for good"
            variant="danger"
            onPress={submit}
            loading={remove.isPending}
          />
          <Button
            label="Keep my account"
            variant="ghost"
            onPress={() => {
              setOpen(false);
              setPassword('');
              setError(null);
            }}
          />
        </>
      ) : (
        <Button label="Delete account" variant="danger" onPress={() => setOpen(true)} />
      )}
    </Card>
  );
}
