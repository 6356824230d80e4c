import { StyleSheet, View } from 'react-native';
import { useNetwork } from '../stores/network-store';
import { useTheme } from '../theme/use-theme';
import { Text } from './text';

/** Shown while the API cannot be reached; the screen below keeps its last-known data. */
export function OfflineBanner() {
  const online = useNetwork((s) => s.online);
  const { colors } = useTheme();
  if (online) return null;
  return (
    <View
      accessibilityRole="alert"
      accessibilityLiveRegion="polite"
      style={[styles.banner, { backgroundColor: colors.warning }]}
    >
      <Text variant="caption" style={{ color: colors.background, fontWeight: '600' }}>
        You are offline. Showing what Quento last knew; changes need a connection.
      </Text>
    </View>
  );
}

const styles = StyleSheet.create({
  banner: { paddingHorizontal: 16, paddingVertical: 8 },
});
