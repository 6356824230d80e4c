import { View } from 'react-native';
import { Text } from '../../ui';

/**
 * The title of a ring tab. Placeholder until `src/ui/screen-header.tsx` (title + Settings button,
 * built on the app-core branch) is merged: then this becomes a re-export of that header.
 */
export function TabHeader({ title, subtitle }: { title: string; subtitle?: string }) {
  return (
    <View style={{ gap: 4 }}>
      <Text variant="title">{title}</Text>
      {subtitle ? <Text tone="muted">{subtitle}</Text> : null}
    </View>
  );
}
