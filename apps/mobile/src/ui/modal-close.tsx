import { Stack, useRouter } from 'expo-router';
import { Button } from './button';

/**
 * A modal's title, and a way out when it was opened directly (a link, a reload) and there is
 * nothing under it to go back to.
 */
export function ModalTitle({ title }: { title: string }) {
  const router = useRouter();
  const alone = !router.canGoBack();
  return (
    <Stack.Screen
      options={{
        title,
        headerLeft: alone
          ? () => (
              <Button
                label="Close"
                variant="ghost"
                compact
                onPress={() => router.replace('/home')}
              />
            )
          : undefined,
      }}
    />
  );
}
