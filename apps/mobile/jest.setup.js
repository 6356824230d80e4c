// Device storage in tests: AsyncStorage's own in-memory mock, and an in-memory secure store.
jest.mock('@react-native-async-storage/async-storage', () =>
  require('@react-native-async-storage/async-storage/jest/async-storage-mock'),
);
jest.mock('expo-secure-store', () => {
  const items = new Map();
  return {
    getItemAsync: async (k) => items.get(k) ?? null,
    setItemAsync: async (k, v) => {
      items.set(k, v);
    },
    deleteItemAsync: async (k) => {
      items.delete(k);
    },
  };
});
