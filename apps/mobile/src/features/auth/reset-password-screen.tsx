import { ResetPasswordRequest } from '@quento/contracts';
import { useLocalSearchParams, useRouter } from 'expo-router';
import { useState } from 'react';
import { useFormSubmit } from '../../lib/use-form-submit';
import { useAuth } from '../../stores/auth-store';
import { Button, LinkButton, Text, TextField } from '../../ui';
import { AuthFrame, FormError } from './auth-frame';
import { useResetPassword } from './use-auth-actions';

/** Opened from the e-mailed link: `/reset-password?token=...`. */
export function ResetPasswordScreen() {
  const router = useRouter();
  const { token } = useLocalSearchParams<{ token?: string }>();
  const reset = useResetPassword();
  const signedIn = useAuth((s) => s.status === 'signedIn');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const {
    fields,
    setFields,
    formError,
    setFormError,
    submit: send,
  } = useFormSubmit(ResetPasswordRequest, reset, {
    // A reset ends every session, this device's included.
    onSuccess: () => {
      if (signedIn) useAuth.getState().signOut();
    },
  });

  const submit = () => {
    if (!token) {
      setFormError('This reset link is incomplete. Open it again from the e-mail.');
      return;
    }
    if (confirm !== password) {
      setFields({ confirm: 'The two passwords are not the same.' });
      return;
    }
    send({ token, password });
  };

  return (
    <AuthFrame
      title="Choose a new password"
      subtitle="Pick a password of at least 8 characters."
      footer={<LinkButton label="Back to sign in" onPress={() => router.replace('/login')} />}
    >
      {reset.isSuccess ? (
        <>
          <Text accessibilityRole="alert">Your password is changed. Sign in with the new one.</Text>
          <Button label="Sign in" onPress={() => router.replace('/login')} />
        </>
      ) : (
        <>
          <TextField
            label="New password"
            value={password}
            onChangeText={setPassword}
            error={fields.password}
            secureTextEntry
            autoComplete="new-password"
          />
          <TextField
            label="Repeat the new password"
            value={confirm}
            onChangeText={setConfirm}
            error={fields.confirm}
            secureTextEntry
            autoComplete="new-password"
            onSubmitEditing={submit}
          />
          <FormError message={formError} />
          <Button label="Save new password" onPress={submit} loading={reset.isPending} />
        </>
      )}
    </AuthFrame>
  );
}
