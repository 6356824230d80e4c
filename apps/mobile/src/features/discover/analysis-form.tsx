import { CreateAnalysisRequest } from '@quento/contracts';
import { useEffect, useRef, useState } from 'react';
import { submitErrors, validate } from '../../lib/form-errors';
import { Button, Card, Text, TextField } from '../../ui';
import { splitUrls, withScheme } from './url-input';

export interface AnalysisFormProps {
  /** Addresses to start from (the profile's, or the last analysis'); applied until the owner types. */
  initial: { website: string; competitors: string[] };
  busy: boolean;
  submitError: unknown;
  onSubmit: (body: CreateAnalysisRequest) => void;
}

/** The website and competitor addresses, checked with the API's own schema before sending. */
export function AnalysisForm({ initial, busy, submitError, onSubmit }: AnalysisFormProps) {
  const [website, setWebsite] = useState(initial.website);
  const [competitors, setCompetitors] = useState(initial.competitors.join('\n'));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const touched = useRef(false);

  useEffect(() => {
    if (touched.current) return;
    setWebsite(initial.website);
    setCompetitors(initial.competitors.join('\n'));
  }, [initial.website, initial.competitors]);

  const server = submitError ? submitErrors(submitError) : null;
  const submit = () => {
    const body = { website_url: withScheme(website), competitors: splitUrls(competitors) };
    const checked = validate(CreateAnalysisRequest, body);
    if (checked.errors) {
      setErrors({
        website_url: checked.errors.website_url ?? '',
        competitors: checked.errors.competitors ? 'Give at most 5 competitor addresses.' : '',
      });
      return;
    }
    setErrors({});
    onSubmit(checked.data);
  };
  const websiteError = errors.website_url || server?.fields.website_url || null;
  const competitorError =
    errors.competitors ||
    Object.entries(server?.fields ?? {}).find(([k]) => k.startsWith('competitors'))?.[1] ||
    null;

  return (
    <Card style={{ gap: 12 }}>
      <Text variant="subheading">Your website and competitors</Text>
      <TextField
        label="Website address"
        value={website}
        onChangeText={(t) => {
          touched.current = true;
          setWebsite(t);
        }}
        placeholder="https://your-business.com"
        autoCapitalize="none"
        autoCorrect={false}
        keyboardType="url"
        inputMode="url"
        error={websiteError}
      />
      <TextField
        label="Competitor websites"
        help="Optional. One address per line, up to 5."
        value={competitors}
        onChangeText={(t) => {
          touched.current = true;
          setCompetitors(t);
        }}
        placeholder="https://a-competitor.com"
        autoCapitalize="none"
        autoCorrect={false}
        multiline
        error={competitorError}
      />
      {server && !websiteError && !competitorError ? (
        <Text tone="danger" accessibilityRole="alert">
          {server.form}
        </Text>
      ) : null}
      <Button label="Analyse my website" onPress={submit} loading={busy} />
    </Card>
  );
}
