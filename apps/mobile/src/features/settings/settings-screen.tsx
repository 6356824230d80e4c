import { useRouter } from 'expo-router';
import { Button, Card, ErrorState, LoadingState, Screen, Text } from '../../ui';
import { ModalTitle } from '../../ui/modal-close';
import { useMe } from '../account/queries';
import { useSignOut } from '../auth/use-auth-actions';
import { AccountForm } from './account-form';
import { ApiAddress } from './api-address';
import { DeleteAccount } from './delete-account';
import { ThemePicker } from './theme-picker';

export function SettingsScreen() {
  const router = useRouter();
  const me = useMe();
  const signOut = useSignOut();
  return (
    <Screen edges={['bottom']} onRefresh={() => void me.refetch()} refreshing={me.isRefetching}>
      <ModalTitle title="Settings" />
      {me.data ? (
        <AccountForm key={me.data.id} user={me.data} />
      ) : me.isError ? (
        <ErrorState error={me.error} onRetry={() => void me.refetch()} />
      ) : (
        <LoadingState label="Loading your account" />
      )}
      <ThemePicker />
      <ApiAddress onChanged={() => signOut.mutate()} />
      <Card>
        <Text variant="heading">Export</Text>
        <Text tone="muted">Your plan can be saved as PDF, Markdown, CSV or a calendar.</Text>
        <Button
          label="Export your plan"
          variant="secondary"
          onPress={() => router.dismissTo('/plan')}
        />
      </Card>
      <Card>
        <Text variant="heading">Sign out</Text>
        <Text tone="muted">Signing out removes your data from this device.</Text>
        <Button
          label="Sign out"
          variant="secondary"
          loading={signOut.isPending}
          onPress={() => signOut.mutate()}
        />
      </Card>
      <DeleteAccount />
    </Screen>
  );
}
