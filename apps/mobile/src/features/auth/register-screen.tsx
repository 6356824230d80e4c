import { RegisterRequest } from '@quento/contracts';
import { useRouter } from 'expo-router';
import { useState } from 'react';
import { useFormSubmit } from '../../lib/use-form-submit';
import { Button, LinkButton, TextField } from '../../ui';
import { AuthFrame, FormError } from './auth-frame';
import { useRegister } from './use-auth-actions';

export function RegisterScreen() {
  const router = useRouter();
  const register = useRegister();
  const [values, setValues] = useState({
    full_name: '',
    company_name: '',
    email: '',
    password: '',
  });
  const { fields, formError, submit: send } = useFormSubmit(RegisterRequest, register);
  const set = (k: keyof typeof values) => (v: string) => setValues((s) => ({ ...s, [k]: v }));

  const submit = () => {
    // Optional names are left out when empty, exactly as the API expects.
    const body = {
      email: values.email,
      password: values.password,
      ...(values.full_name.trim() ? { full_name: values.full_name } : {}),
      ...(values.company_name.trim() ? { company_name: values.company_name } : {}),
    };
    send(body);
  };

  return (
    <AuthFrame
      title="Create your account"
      subtitle="Tell Quento about your business and get a plan to grow it."
      footer={
        <LinkButton
          label="Already have an account? Sign in"
          onPress={() => router.replace('/login')}
        />
      }
    >
      <TextField
        label="Your name (optional)"
        value={values.full_name}
        onChangeText={set('full_name')}
        error={fields.full_name}
        autoComplete="name"
      />
      <TextField
        label="Business name (optional)"
        value={values.company_name}
        onChangeText={set('company_name')}
        error={fields.company_name}
        autoComplete="organization"
      />
      <TextField
        label="E-mail"
        value={values.email}
        onChangeText={set('email')}
        error={fields.email}
        autoCapitalize="none"
        autoComplete="email"
        keyboardType="email-address"
        inputMode="email"
      />
      <TextField
        label="Password"
        value={values.password}
        onChangeText={set('password')}
        error={fields.password}
        help="At least 8 characters."
        secureTextEntry
        autoComplete="new-password"
        onSubmitEditing={submit}
      />
      <FormError message={formError} />
      <Button label="Create account" onPress={submit} loading={register.isPending} />
    </AuthFrame>
  );
}
