import AsyncStorage from '@react-native-async-storage/async-storage';
import { PreferencesSchema, usePreferences } from '../preferences-store';

describe('persisted preferences', () => {
  it('the defaults parse from nothing', () => {
    expect(PreferencesSchema.parse({})).toEqual({
      theme: 'system',
      onboardingDone: false,
      apiUrl: null,
    });
  });

  it('a damaged or outdated value falls back per field', () => {
    expect(
      PreferencesSchema.parse({ theme: 'sepia', onboardingDone: true, apiUrl: 'ftp://x' }),
    ).toEqual({
      theme: 'system',
      onboardingDone: true,
      apiUrl: null,
    });
  });

  it('survives a restart: what is set is what hydrate reads back', async () => {
    usePreferences.getState().set({ theme: 'dark', apiUrl: 'https://quento.example.com' });
    await new Promise((r) => setTimeout(r, 0));
    usePreferences.setState({ theme: 'system', apiUrl: null });
    await usePreferences.getState().hydrate();
    expect(usePreferences.getState()).toMatchObject({
      theme: 'dark',
      apiUrl: 'https://quento.example.com',
      hydrated: true,
    });
  });

  it('unreadable JSON in storage gives the defaults', async () => {
    await AsyncStorage.setItem('quento.preferences.v1', '{not json');
    await usePreferences.getState().hydrate();
    expect(usePreferences.getState().theme).toBe('system');
  });
});
