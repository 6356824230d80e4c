import { type ActionItem, type ActionStatus, ActionUpdate } from '@quento/contracts';
import { Stack, useLocalSearchParams } from 'expo-router';
import { useEffect, useState } from 'react';
import { StyleSheet } from 'react-native';
import { errorMessage } from '../../lib/error-messages';
import { validate } from '../../lib/form-errors';
import {
  Button,
  Card,
  EmptyState,
  ErrorState,
  LoadingState,
  Screen,
  Text,
  TextField,
} from '../../ui';
import { categoryWords, levelsLine } from '../plan/labels';
import { useStrategy } from '../plan/queries';
import { ChoiceChips } from './choice-chips';
import { STATUS_ORDER, STATUS_WORDS, verificationSentence } from './labels';
import { useUpdateAction } from './queries';
import { isVersionConflict } from './update-action';

/** One task: status, due date and notes, saved with the version last seen. */
export function ActionScreen() {
  const { id, strategy: strategyId = '' } = useLocalSearchParams<{
    id: string;
    strategy?: string;
  }>();
  const strategy = useStrategy(strategyId);
  const action = strategy.data?.action_items.find((a) => a.id === id);
  return (
    <Screen
      edges={['bottom']}
      onRefresh={() => void strategy.refetch()}
      refreshing={strategy.isRefetching}
    >
      <Stack.Screen options={{ title: 'Task' }} />
      {!strategyId ? (
        <EmptyState title="No plan given" message="Open tasks from the Execute tab." />
      ) : strategy.isPending ? (
        <LoadingState label="Loading the task" />
      ) : strategy.isError && !strategy.data ? (
        <ErrorState error={strategy.error} onRetry={() => void strategy.refetch()} />
      ) : !action ? (
        <EmptyState title="Task not found" message="It may belong to an older plan." />
      ) : (
        <ActionDetails action={action} strategyId={strategyId} />
      )}
    </Screen>
  );
}

function ActionDetails({ action, strategyId }: { action: ActionItem; strategyId: string }) {
  const update = useUpdateAction(strategyId);
  const [due, setDue] = useState(action.due_date ?? '');
  const [notes, setNotes] = useState(action.notes ?? '');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);

  // A newer version from the server (a conflict, or a refresh) replaces what the form shows.
  useEffect(() => {
    setDue(action.due_date ?? '');
    setNotes(action.notes ?? '');
  }, [action.due_date, action.notes]);

  const setStatus = (status: ActionStatus) => {
    setSaved(false);
    update.mutate({ id: action.id, version: action.version, status });
  };
  const saveDetails = () => {
    setSaved(false);
    const checked = validate(ActionUpdate, {
      id: action.id,
      version: action.version,
      due_date: due.trim() === '' ? null : due.trim(),
      notes: notes.trim() === '' ? null : notes,
    });
    if (checked.errors) {
      setFieldErrors({
        due_date: checked.errors.due_date ? 'Use the form YYYY-MM-DD, for example 2027-01-31.' : '',
        notes: checked.errors.notes ?? '',
      });
      return;
    }
    setFieldErrors({});
    update.mutate(checked.data, { onSuccess: () => setSaved(true) });
  };

  const conflict = isVersionConflict(update.error);
  return (
    <>
      <Text variant="title">{action.title}</Text>
      <Text tone="muted">
        {levelsLine(action)} · {categoryWords(action.category)}
      </Text>
      {action.description ? <Text>{action.description}</Text> : null}
      {conflict ? (
        <Card accessibilityRole="alert">
          <Text variant="subheading">This task changed elsewhere</Text>
          <Text>
            Someone saved a newer version on another device or tab, so your change was not saved.
            The newer version is shown below; make your change again if you still want it.
          </Text>
        </Card>
      ) : update.isError ? (
        <Text tone="danger" accessibilityRole="alert">
          {errorMessage(update.error)}
        </Text>
      ) : null}
      <ChoiceChips
        group="Status"
        value={action.status}
        onChange={setStatus}
        options={STATUS_ORDER.map((s) => ({ value: s, label: STATUS_WORDS[s] }))}
      />
      {action.status !== 'done' ? (
        <Button
          label="Mark as done"
          onPress={() => setStatus('done')}
          loading={update.isPending && update.variables?.status === 'done'}
        />
      ) : null}
      <Card style={styles.gap}>
        <Text variant="label">Check by the next analysis</Text>
        <Text>{verificationSentence(action)}</Text>
        {action.completed_at ? (
          <Text tone="muted">Done on {action.completed_at.slice(0, 10)}.</Text>
        ) : null}
      </Card>
      <TextField
        label="Due date"
        help="Optional. Year-month-day, for example 2027-01-31."
        placeholder="YYYY-MM-DD"
        value={due}
        onChangeText={setDue}
        autoCapitalize="none"
        autoCorrect={false}
        error={fieldErrors.due_date || null}
      />
      <TextField
        label="Notes"
        value={notes}
        onChangeText={setNotes}
        multiline
        error={fieldErrors.notes || null}
      />
      <Button
        label="Save due date and notes"
        variant="secondary"
        onPress={saveDetails}
        loading={update.isPending && update.variables?.status === undefined}
      />
      {saved && !update.isError ? (
        <Text tone="success" accessibilityLiveRegion="polite">
          Saved.
        </Text>
      ) : null}
    </>
  );
}

const styles = StyleSheet.create({ gap: { gap: 6 } });
