import * as SecureStore from 'expo-secure-store';

/** Secrets (the refresh token) on devices: the Keychain on iOS, the Keystore on Android. */
export const secureStorage = {
  get: (key: string): Promise<string | null> => SecureStore.getItemAsync(key),
  set: (key: string, value: string): Promise<void> => SecureStore.setItemAsync(key, value),
  remove: (key: string): Promise<void> => SecureStore.deleteItemAsync(key),
};
