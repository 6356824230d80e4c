import { Card, Text } from '../../ui';

/** The web app is served by its Quento server and always talks to it. */
export function ApiAddress(_: { onChanged: () => void }) {
  return (
    <Card>
      <Text variant="heading">Server</Text>
      <Text tone="muted">
        The web app uses the Quento server it was opened from. To use another server, open that
        server’s address in your browser.
      </Text>
    </Card>
  );
}
