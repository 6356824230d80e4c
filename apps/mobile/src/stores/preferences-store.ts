import { z } from 'zod';
import { create } from 'zustand';
import { readPersisted, writePersisted } from './persisted';

const KEY = 'quento.preferences.v1';

export const ThemePreference = z.enum(['system', 'light', 'dark']);
export type ThemePreference = z.infer<typeof ThemePreference>;

/** What the app remembers on this device. Every field has a default, so `{}` parses. */
export const PreferencesSchema = z.object({
  theme: ThemePreference.catch('system').default('system'),
  onboardingDone: z.boolean().catch(false).default(false),
  /** Self-hosters point the app at their own API (devices only; the web app uses its origin). */
  apiUrl: z
    .url({ protocol: /^https?$/ })
    .nullable()
    .catch(null)
    .default(null),
});
export type Preferences = z.infer<typeof PreferencesSchema>;

interface PreferencesState extends Preferences {
  hydrated: boolean;
  hydrate(): Promise<void>;
  set(patch: Partial<Preferences>): void;
}

export const usePreferences = create<PreferencesState>()((set, get) => ({
  ...PreferencesSchema.parse({}),
  hydrated: false,
  hydrate: async () => {
    const stored = await readPersisted(KEY, PreferencesSchema);
    set({ ...stored, hydrated: true });
  },
  set: (patch) => {
    set(patch);
    const { theme, onboardingDone, apiUrl } = { ...get(), ...patch };
    void writePersisted(KEY, { theme, onboardingDone, apiUrl });
  },
}));
