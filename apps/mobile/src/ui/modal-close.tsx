import { Stack, useRouter } from 'expo-router';
import { Button } from './button';

/**
 * A modal's title and its Close button, which also gets the owner out when the modal was opened
 * directly (a link, a reload) and there is nothing under it to go back to.
 */
export function ModalTitle({ title }: { title: string }) {
  const router = useRouter();
  const close = () => (router.canGoBack() ? router.back() : router.replace('/home'));
  return (
    <Stack.Screen
      options={{
        title,
        headerRight: () => <Button label="Close" variant="ghost" compact onPress={close} />,
      }}
    />
  );
}
