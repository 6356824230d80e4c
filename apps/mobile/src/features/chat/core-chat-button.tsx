import { errorMessage } from '../../lib/error-messages';
import { Button, Text } from '../../ui';
import { useOpenCoreChat } from './use-open-core-chat';

/** Opens the core-story chat (continuing the open one); says why when it cannot. */
export function CoreChatButton({
  label,
  beforeNavigate,
}: {
  label: string;
  beforeNavigate?: () => void;
}) {
  const chat = useOpenCoreChat();
  return (
    <>
      {chat.error ? (
        <Text tone="danger" accessibilityRole="alert">
          {errorMessage(chat.error)}
        </Text>
      ) : null}
      <Button
        label={label}
        loading={chat.pending}
        onPress={() => void chat.open(beforeNavigate ? { beforeNavigate } : {})}
      />
    </>
  );
}
