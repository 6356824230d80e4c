import { useState } from 'react';
import { defaultApiUrl } from '../../lib/api/default-api-url';
import { usePreferences } from '../../stores/preferences-store';
import { Button, Card, Text, TextField } from '../../ui';
import { checkApiAddress } from './check-api-address';

/** Self-hosters point the app at their own server; it must answer /healthz before it is used. */
export function ApiAddress({ onChanged }: { onChanged: () => void }) {
  const saved = usePreferences((s) => s.apiUrl);
  const [value, setValue] = useState(saved ?? defaultApiUrl());
  const [error, setError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);

  const save = async () => {
    setError(null);
    setChecking(true);
    const result = await checkApiAddress(value);
    setChecking(false);
    if (!result.ok) return setError(result.message);
    if (result.url === (saved ?? defaultApiUrl())) return;
    usePreferences.getState().set({ apiUrl: result.url });
    onChanged();
  };

  return (
    <Card>
      <Text variant="heading">Server</Text>
      <Text tone="muted">
        Running Quento on your own server? Enter its address. Quento checks that it answers, then
        signs you out so you can sign in there.
      </Text>
      <TextField
        label="API address"
        value={value}
        onChangeText={setValue}
        error={error}
        autoCapitalize="none"
        autoCorrect={false}
        keyboardType="url"
        inputMode="url"
      />
      <Button
        label="Test and save address"
        variant="secondary"
        loading={checking}
        onPress={() => void save()}
      />
      {saved ? (
        <Button
          label="Use the standard server"
          variant="ghost"
          onPress={() => {
            usePreferences.getState().set({ apiUrl: null });
            setValue(defaultApiUrl());
            onChanged();
          }}
        />
      ) : null}
    </Card>
  );
}
