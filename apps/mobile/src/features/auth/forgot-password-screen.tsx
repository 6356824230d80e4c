import { ForgotPasswordRequest } from '@quento/contracts';
import { useRouter } from 'expo-router';
import { useState } from 'react';
import { useFormSubmit } from '../../lib/use-form-submit';
import { Button, LinkButton, Text, TextField } from '../../ui';
import { AuthFrame, FormError } from './auth-frame';
import { useForgotPassword } from './use-auth-actions';

export function ForgotPasswordScreen() {
  const router = useRouter();
  const forgot = useForgotPassword();
  const [email, setEmail] = useState('');
  const { fields, formError, submit: send } = useFormSubmit(ForgotPasswordRequest, forgot);
  const submit = () => send({ email });

  return (
    <AuthFrame
      title="Reset your password"
      subtitle="Enter your e-mail address and we will send you a link to choose a new password."
      footer={<LinkButton label="Back to sign in" onPress={() => router.replace('/login')} />}
    >
      {forgot.isSuccess ? (
        <Text accessibilityRole="alert" accessibilityLiveRegion="polite">
          If an account exists for {email.trim().toLowerCase()}, a reset link is on its way. The
          link works for 30 minutes.
        </Text>
      ) : (
        <>
          <TextField
            label="E-mail"
            value={email}
            onChangeText={setEmail}
            error={fields.email}
            autoCapitalize="none"
            autoComplete="email"
            keyboardType="email-address"
            inputMode="email"
            onSubmitEditing={submit}
          />
          <FormError message={formError} />
          <Button label="Send reset link" onPress={submit} loading={forgot.isPending} />
        </>
      )}
    </AuthFrame>
  );
}
