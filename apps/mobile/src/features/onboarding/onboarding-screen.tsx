import { useRouter } from 'expo-router';
import { useState } from 'react';
import { StyleSheet, View } from 'react-native';
import { usePreferences } from '../../stores/preferences-store';
import { useTheme } from '../../theme/use-theme';
import { Button, Card, Screen, Text } from '../../ui';
import { CoreChatButton } from '../chat/core-chat-button';

/** The five rings, one sentence each: what the owner does there and what they get. */
export const RINGS = [
  {
    title: 'Core story',
    text: 'You tell Quento about your business in a short chat, and get a business profile it builds every later step on.',
  },
  {
    title: 'Discover',
    text: 'You give your website and your competitors’, and get a scored analysis with plain explanations of what to fix.',
  },
  {
    title: 'Plan',
    text: 'You review a strategy drawn from that analysis, and get recommendations ranked by impact and effort.',
  },
  {
    title: 'Execute',
    text: 'You work through a list of concrete actions, with due dates and notes, and see what is done.',
  },
  {
    title: 'Optimize',
    text: 'You re-analyse your site after the changes, and see your scores rise and which actions worked.',
  },
] as const;

const STEPS = ['Welcome', 'The five rings', 'Your first chat'] as const;

/** First launch after sign-up: what Quento is, the five rings, then straight into the first chat. */
export function OnboardingScreen() {
  const router = useRouter();
  const { colors } = useTheme();
  const [step, setStep] = useState(0);
  const finish = () => usePreferences.getState().set({ onboardingDone: true });

  const skip = () => {
    finish();
    router.replace('/home');
  };

  return (
    <Screen edges={['top', 'bottom']}>
      <View style={styles.top}>
        <Text
          variant="caption"
          tone="muted"
          accessibilityLabel={`Step ${step + 1} of 3: ${STEPS[step]}`}
        >
          Step {step + 1} of 3
        </Text>
        <Button label="Skip" variant="ghost" compact onPress={skip} hint="Go straight to Home" />
      </View>

      {step === 0 ? (
        <Card style={styles.card}>
          <Text variant="title">Welcome to Quento</Text>
          <Text>
            Quento is a growth advisor for your business. It learns what you do, looks at your
            website the way customers and search engines do, and turns what it finds into a plan you
            can act on.
          </Text>
          <Text tone="muted">
            It works in five steps we call rings. Here is what each one gives you.
          </Text>
        </Card>
      ) : null}

      {step === 1 ? (
        <Card style={styles.card}>
          <Text variant="title">The five rings</Text>
          <View role="list" style={styles.rings}>
            {RINGS.map((r, i) => (
              <View
                key={r.title}
                role="listitem"
                style={styles.ring}
                accessible
                accessibilityLabel={`Ring ${i + 1}, ${r.title}: ${r.text}`}
              >
                <View style={[styles.badge, { backgroundColor: colors.rings[i] }]}>
                  <Text variant="label" style={{ color: colors.background }}>
                    {i + 1}
                  </Text>
                </View>
                <View style={styles.grow}>
                  <Text variant="subheading">{r.title}</Text>
                  <Text tone="muted">{r.text}</Text>
                </View>
              </View>
            ))}
          </View>
        </Card>
      ) : null}

      {step === 2 ? (
        <Card style={styles.card}>
          <Text variant="title">Your first chat</Text>
          <Text>
            Start with your core story: Quento asks a few questions about your business, what you
            offer, who buys from you and what you want to achieve. It takes about five minutes, and
            you can correct every answer later on Home.
          </Text>
          <CoreChatButton label="Start my first chat" beforeNavigate={finish} />
        </Card>
      ) : null}

      <View style={styles.nav}>
        {step > 0 ? (
          <Button
            label="Back"
            variant="secondary"
            onPress={() => setStep(step - 1)}
            style={styles.grow}
          />
        ) : null}
        {step < 2 ? (
          <Button label="Next" onPress={() => setStep(step + 1)} style={styles.grow} />
        ) : null}
      </View>
    </Screen>
  );
}

const styles = StyleSheet.create({
  top: { flexDirection: 'row', justifyContent: 'space-between', alignItems: 'center' },
  card: { gap: 12, padding: 20 },
  rings: { gap: 14 },
  ring: { flexDirection: 'row', gap: 12, alignItems: 'flex-start' },
  badge: {
    width: 28,
    height: 28,
    borderRadius: 14,
    alignItems: 'center',
    justifyContent: 'center',
  },
  grow: { flex: 1 },
  nav: { flexDirection: 'row', gap: 12 },
});
