import { Screen, Text } from '../../ui';

// Scaffold only: replaced by the real screen before this branch merges.
export function AnalysisDetailScreen() {
  return (
    <Screen>
      <Text variant="title">Analysis</Text>
    </Screen>
  );
}
