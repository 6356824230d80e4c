import type { ReactNode } from 'react';
import { StyleSheet, View } from 'react-native';

/**
 * The web needs no gesture handler; importing it would pull Reanimated (about 1 MB of JavaScript)
 * into the web bundle.
 */
export function RootView({ children }: { children: ReactNode }) {
  return <View style={styles.fill}>{children}</View>;
}

const styles = StyleSheet.create({ fill: { flex: 1 } });
