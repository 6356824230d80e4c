import { Stack, useRouter } from 'expo-router';
import { Button, Card, Screen, Text } from '../../ui';

/** An address the app does not know, e.g. an old bookmark or a mistyped link. */
export function NotFoundScreen() {
  const router = useRouter();
  return (
    <Screen edges={['top', 'bottom']}>
      <Stack.Screen options={{ title: 'Page not found' }} />
      <Card style={{ gap: 12, marginTop: 24 }}>
        <Text variant="title">This page does not exist</Text>
        <Text tone="muted">
          The link may be old or mistyped. Everything Quento knows about your business is still
          there.
        </Text>
        <Button label="Go to the start" onPress={() => router.replace('/')} />
      </Card>
    </Screen>
  );
}
