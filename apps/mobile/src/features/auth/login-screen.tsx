import { LoginRequest } from '@quento/contracts';
import { useRouter } from 'expo-router';
import { useRef, useState } from 'react';
import type { TextInput } from 'react-native';
import { useFormSubmit } from '../../lib/use-form-submit';
import { Button, LinkButton, TextField } from '../../ui';
import { AuthFrame, FormError } from './auth-frame';
import { useLogin } from './use-auth-actions';

export function LoginScreen() {
  const router = useRouter();
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { fields, formError, submit: send } = useFormSubmit(LoginRequest, login);
  const passwordRef = useRef<TextInput>(null);
  const submit = () => send({ email, password });

  return (
    <AuthFrame
      title="Sign in"
      subtitle="Welcome back. Pick up where you left off."
      footer={
        <>
          <LinkButton
            label="Forgot your password?"
            onPress={() => router.push('/forgot-password')}
          />
          <LinkButton
            label="New to Quento? Create an account"
            onPress={() => router.push('/register')}
          />
        </>
      }
    >
      <TextField
        label="E-mail"
        value={email}
        onChangeText={setEmail}
        error={fields.email}
        autoCapitalize="none"
        autoComplete="email"
        keyboardType="email-address"
        inputMode="email"
        returnKeyType="next"
        onSubmitEditing={() => passwordRef.current?.focus()}
      />
      <TextField
        ref={passwordRef}
        label="Password"
        value={password}
        onChangeText={setPassword}
        error={fields.password}
        secureTextEntry
        autoComplete="current-password"
        returnKeyType="go"
        onSubmitEditing={submit}
      />
      <FormError message={formError} />
      <Button label="Sign in" onPress={submit} loading={login.isPending} />
    </AuthFrame>
  );
}
