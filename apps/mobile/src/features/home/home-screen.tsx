import { useState } from 'react';
import { Card, ErrorState, LoadingState, Screen, ScreenHeader, Text } from '../../ui';
import { useMe, useProgress } from '../account/queries';
import { CoreChatButton } from '../chat/core-chat-button';
import { latestSession, useSessions } from '../chat/queries';
import { ProfileCard } from './profile-card';
import { useProfile } from './profile-queries';
import { RingChart } from './ring-chart';

/** Ring 1: the core story. The chat that tells it, what it produced, and where the owner stands. */
export function HomeScreen() {
  const me = useMe();
  const progress = useProgress();
  const profile = useProfile();
  const sessions = useSessions();
  const [refreshing, setRefreshing] = useState(false);

  const refresh = async () => {
    setRefreshing(true);
    await Promise.allSettled([
      progress.refetch(),
      profile.refetch(),
      sessions.refetch(),
      me.refetch(),
    ]);
    setRefreshing(false);
  };

  const name = me.data?.full_name?.split(' ')[0];
  return (
    <Screen onRefresh={() => void refresh()} refreshing={refreshing}>
      <ScreenHeader title={name ? `Hello, ${name}` : 'Home'} subtitle="Ring 1: your core story" />
      <CoreStoryEntry
        hasSession={!!latestSession(sessions.data, 'core')}
        complete={progress.data?.rings[0]?.state === 'completed'}
      />
      {progress.data ? (
        <RingChart progress={progress.data} />
      ) : progress.isError ? (
        <ErrorState error={progress.error} onRetry={() => void progress.refetch()} />
      ) : (
        <LoadingState label="Loading your progress" />
      )}
      <ProfileCard />
    </Screen>
  );
}

function CoreStoryEntry({ hasSession, complete }: { hasSession: boolean; complete: boolean }) {
  return (
    <Card>
      <Text variant="heading">{complete ? 'Your core story is told' : 'Tell your core story'}</Text>
      <Text tone="muted">
        {complete
          ? 'Quento knows your business. Keep talking to refine it, or move on to Discover.'
          : 'A short chat about what you sell, to whom, and what you want next. Quento builds your business profile from it.'}
      </Text>
      <CoreChatButton label={hasSession ? 'Continue your core story' : 'Start your core story'} />
    </Card>
  );
}
