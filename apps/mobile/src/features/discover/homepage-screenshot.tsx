import type { AnalysisScreenshot } from '@quento/contracts';
import { useState } from 'react';
import { Image, StyleSheet } from 'react-native';
import { useTheme } from '../../theme/use-theme';
import { Card, Text } from '../../ui';
import { shortUrl } from './labels';

/**
 * The home page as the analysis saw it: the first screen a visitor gets. The link is short-lived;
 * one that has expired (the screen came from the cache) or fails to load shows nothing rather
 * than a broken picture, and the next fetch of the analysis brings a fresh one.
 */
export function HomepageScreenshot({ screenshot }: { screenshot: AnalysisScreenshot | null }) {
  const { colors, radius } = useTheme();
  const [failed, setFailed] = useState<string | null>(null);
  if (!screenshot || failed === screenshot.url) return null;
  if (new Date(screenshot.expires_at).getTime() <= Date.now()) return null;
  return (
    <Card>
      <Text variant="caption" tone="muted">
        What visitors see first
      </Text>
      <Image
        source={{ uri: screenshot.url }}
        accessibilityRole="image"
        accessibilityLabel={`Screenshot of the home page ${shortUrl(screenshot.page_url)}, as a visitor first sees it`}
        resizeMode="cover"
        onError={() => setFailed(screenshot.url)}
        style={[
          styles.image,
          {
            aspectRatio: screenshot.width / screenshot.height,
            borderRadius: radius.md,
            borderColor: colors.border,
            backgroundColor: colors.background,
          },
        ]}
      />
    </Card>
  );
}

const styles = StyleSheet.create({
  image: { width: '100%', borderWidth: StyleSheet.hairlineWidth },
});
