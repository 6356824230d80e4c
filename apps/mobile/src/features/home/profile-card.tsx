import type { BusinessDetails, BusinessProfile, ProfileResponse } from '@quento/contracts';
import { useState } from 'react';
import { StyleSheet, View } from 'react-native';
import type { FieldErrors } from '../../lib/form-errors';
import { Button, Card, ErrorState, LoadingState, Text, TextField } from '../../ui';
import { FormError } from '../auth/auth-frame';
import { checkDetails, DETAIL_FIELDS, type DetailsForm, toDetailsForm } from './detail-fields';
import { DetailsView } from './details-view';
import {
  checkProfile,
  display,
  PROFILE_FIELDS,
  type ProfileForm,
  profileSubmitErrors,
  toForm,
} from './profile-fields';
import { useProfile, useUpdateProfile } from './profile-queries';

/** The business profile: every field the advisor stored, and a form to correct them. */
export function ProfileCard() {
  const profile = useProfile();
  const [editing, setEditing] = useState(false);
  if (profile.isPending) return <LoadingState label="Loading your business profile" />;
  if (profile.isError && !profile.data)
    return <ErrorState error={profile.error} onRetry={() => void profile.refetch()} />;
  const data = profile.data!;
  return editing ? (
    <ProfileEditor profile={data.profile} details={data.details} onDone={() => setEditing(false)} />
  ) : (
    <ProfileView data={data} onEdit={() => setEditing(true)} />
  );
}

function ProfileView({ data, onEdit }: { data: ProfileResponse; onEdit: () => void }) {
  const { profile, owner_fields: mine, missing_fields: missing, complete } = data;
  const empty = PROFILE_FIELDS.every((f) => display(profile, f.key).length === 0);
  return (
    <Card>
      <View style={styles.head}>
        <Text variant="heading" style={styles.grow}>
          Your business profile
        </Text>
        <Button label="Edit profile" variant="secondary" compact onPress={onEdit} />
      </View>
      {empty ? (
        <Text tone="muted">
          Nothing yet. Tell your core story in the chat, or fill the profile in yourself.
        </Text>
      ) : (
        <Text tone={complete ? 'success' : 'muted'}>
          {complete
            ? 'Complete: Quento has everything ring 1 needs.'
            : `Still needed: ${missing.length} of ${PROFILE_FIELDS.length - 1} required details.`}
        </Text>
      )}
      {PROFILE_FIELDS.map((f) => {
        const values = display(profile, f.key);
        const note = mine.includes(f.key)
          ? 'set by you'
          : missing.includes(f.key)
            ? 'still needed'
            : null;
        return (
          <View
            key={f.key}
            style={styles.field}
            accessible
            accessibilityLabel={`${f.label}${note ? ` (${note})` : ''}: ${
              values.length ? values.join(', ') : 'not told yet'
            }`}
          >
            <Text variant="label">
              {f.label}
              {note ? (
                <Text variant="caption" tone={note === 'still needed' ? 'warning' : 'muted'}>
                  {`  ·  ${note}`}
                </Text>
              ) : null}
            </Text>
            {values.length === 0 ? (
              <Text tone="muted">Not told yet</Text>
            ) : (
              values.map((v) => <Text key={v}>{f.list ? `• ${v}` : v}</Text>)
            )}
          </View>
        );
      })}
      <DetailsView details={data.details} />
    </Card>
  );
}

export function ProfileEditor({
  profile,
  details,
  onDone,
}: {
  profile: BusinessProfile;
  details: BusinessDetails;
  onDone: () => void;
}) {
  const save = useUpdateProfile();
  const [form, setForm] = useState<ProfileForm & DetailsForm>(() => ({
    ...toForm(profile),
    ...toDetailsForm(details),
  }));
  const [fields, setFields] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  const submit = () => {
    setFormError(null);
    const checked = checkProfile(form, profile);
    const local = checkDetails(form, details);
    if (checked.errors || local.errors) {
      setFields({ ...checked.errors, ...local.errors });
      setFormError('Some of the details are not valid. Check the highlighted fields.');
      return;
    }
    setFields({});
    const patch = Object.keys(local.patch).length
      ? { ...checked.patch, details: local.patch }
      : checked.patch;
    if (Object.keys(patch).length === 0) return onDone();
    save.mutate(patch, {
      onSuccess: onDone,
      onError: (err) => {
        const e = profileSubmitErrors(err);
        setFields(e.fields);
        setFormError(e.form);
      },
    });
  };

  return (
    <Card style={styles.form}>
      <Text variant="heading">Edit your business profile</Text>
      {PROFILE_FIELDS.map((f) => (
        <TextField
          key={f.key}
          label={f.label}
          value={form[f.key]}
          onChangeText={(v) => setForm((s) => ({ ...s, [f.key]: v }))}
          error={fields[f.key]}
          help={f.help}
          multiline={f.list || f.long}
          autoCapitalize={f.url ? 'none' : 'sentences'}
          autoCorrect={!f.url}
          keyboardType={f.url && !f.list ? 'url' : 'default'}
          inputMode={f.url && !f.list ? 'url' : 'text'}
        />
      ))}
      <Text variant="label">Contact and local details</Text>
      <Text tone="muted">
        Optional. Quento checks your website against them: the same phone and address everywhere,
        each service and area described.
      </Text>
      {DETAIL_FIELDS.map((f) => (
        <TextField
          key={f.key}
          label={f.label}
          value={form[f.key]}
          onChangeText={(v) => setForm((s) => ({ ...s, [f.key]: v }))}
          error={fields[f.key]}
          help={f.help}
          multiline={f.list}
          autoCapitalize={f.key === 'country' ? 'characters' : 'sentences'}
          keyboardType={f.phone ? 'phone-pad' : 'default'}
          inputMode={f.phone ? 'tel' : 'text'}
        />
      ))}
      <FormError message={formError} />
      <View style={styles.actions}>
        <Button
          label="Save profile"
          onPress={submit}
          loading={save.isPending}
          style={styles.grow}
        />
        <Button label="Cancel" variant="ghost" onPress={onDone} disabled={save.isPending} />
      </View>
    </Card>
  );
}

const styles = StyleSheet.create({
  head: { flexDirection: 'row', alignItems: 'center', gap: 8, flexWrap: 'wrap' },
  grow: { flexGrow: 1, flexShrink: 1 },
  field: { gap: 2, paddingVertical: 4 },
  form: { gap: 14 },
  actions: { flexDirection: 'row', gap: 8, flexWrap: 'wrap' },
});
