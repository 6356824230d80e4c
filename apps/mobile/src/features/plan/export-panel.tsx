import { StyleSheet, View } from 'react-native';
import { errorMessage } from '../../lib/error-messages';
import { Button, Card, Text } from '../../ui';
import { useExportStrategy } from './queries';

const FORMATS = [
  { format: 'pdf', label: 'Export as PDF' },
  { format: 'markdown', label: 'Export as Markdown text' },
  { format: 'csv', label: 'Export as a spreadsheet (CSV)' },
  { format: 'ics', label: 'Add the tasks to a calendar' },
] as const;

/** Export and share: the share sheet on devices, a download on the web. */
export function ExportPanel({ strategyId }: { strategyId: string }) {
  const exporter = useExportStrategy(strategyId);
  return (
    <Card style={styles.card}>
      <Text variant="subheading">Share your plan</Text>
      <Text tone="muted">Save it, print it or send it to whoever helps you with the website.</Text>
      <View style={styles.buttons}>
        {FORMATS.map((f) => (
          <Button
            key={f.format}
            label={f.label}
            variant="secondary"
            compact
            loading={exporter.isPending && exporter.variables === f.format}
            disabled={exporter.isPending}
            onPress={() => exporter.mutate(f.format)}
          />
        ))}
      </View>
      {exporter.isError ? (
        <Text tone="danger" accessibilityRole="alert">
          {errorMessage(exporter.error)}
        </Text>
      ) : exporter.isSuccess ? (
        <Text tone="success" accessibilityLiveRegion="polite">
          Ready: {exporter.data}
        </Text>
      ) : null}
    </Card>
  );
}

const styles = StyleSheet.create({
  card: { gap: 10 },
  buttons: { gap: 8 },
});
