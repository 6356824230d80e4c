import type { ReactNode } from 'react';
import { RefreshControl, ScrollView, StyleSheet, View } from 'react-native';
import { SafeAreaView } from 'react-native-safe-area-context';
import { useTheme } from '../theme/use-theme';
import { OfflineBanner } from './offline-banner';

export interface ScreenProps {
  children: ReactNode;
  /** Pull to refresh: called on the gesture, `refreshing` shows the spinner. */
  onRefresh?: () => void;
  refreshing?: boolean;
  /** Content that must not scroll with the rest (a chat composer). */
  footer?: ReactNode;
  scroll?: boolean;
  edges?: ('top' | 'bottom')[];
}

/** The frame of every screen: safe area, offline banner, scrolling, a readable width. */
export function Screen({
  children,
  onRefresh,
  refreshing = false,
  footer,
  scroll = true,
  edges = ['top'],
}: ScreenProps) {
  const { colors } = useTheme();
  // Without scrolling the content is bounded by the screen, so an inner list scrolls by itself.
  // The screen's own content is the page's main landmark on the web.
  const body = (
    <View role="main" style={[styles.content, !scroll && styles.bounded]}>
      {children}
    </View>
  );
  return (
    <SafeAreaView edges={edges} style={[styles.fill, { backgroundColor: colors.background }]}>
      <OfflineBanner />
      {scroll ? (
        <ScrollView
          style={styles.fill}
          contentContainerStyle={styles.scroll}
          keyboardShouldPersistTaps="handled"
          refreshControl={
            onRefresh ? (
              <RefreshControl
                refreshing={refreshing}
                onRefresh={onRefresh}
                tintColor={colors.primary}
              />
            ) : undefined
          }
        >
          {body}
        </ScrollView>
      ) : (
        <View style={styles.fill}>{body}</View>
      )}
      {footer}
    </SafeAreaView>
  );
}

const styles = StyleSheet.create({
  fill: { flex: 1 },
  scroll: { flexGrow: 1, alignItems: 'center' },
  content: { width: '100%', maxWidth: 720, padding: 16, gap: 16, flexGrow: 1 },
  bounded: { flex: 1, minHeight: 0, alignSelf: 'center' },
});
