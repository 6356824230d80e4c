import type { BusinessDetails } from '@quento/contracts';
import { StyleSheet, View } from 'react-native';
import { Text } from '../../ui';
import { DETAIL_FIELDS, displayDetail } from './detail-fields';

/** The contact and local details on the profile card; only those told, or a line saying how. */
export function DetailsView({ details }: { details: BusinessDetails }) {
  const told = DETAIL_FIELDS.filter((f) => displayDetail(details, f.key).length > 0);
  return (
    <View style={styles.section}>
      <Text variant="label">Contact and local details</Text>
      {told.length === 0 ? (
        <Text tone="muted">
          Not told yet. Add your phone, address, services and areas with Edit profile, and Quento
          checks your website against them.
        </Text>
      ) : (
        told.map((f) => {
          const values = displayDetail(details, f.key);
          return (
            <View
              key={f.key}
              style={styles.field}
              accessible
              accessibilityLabel={`${f.label}: ${values.join(', ')}`}
            >
              <Text variant="caption" tone="muted">
                {f.label}
              </Text>
              {values.map((v) => (
                <Text key={v}>{f.list ? `• ${v}` : v}</Text>
              ))}
            </View>
          );
        })
      )}
    </View>
  );
}

const styles = StyleSheet.create({
  section: { gap: 6, paddingTop: 8 },
  field: { gap: 2 },
});
