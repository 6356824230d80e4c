import AsyncStorage from '@react-native-async-storage/async-storage';
import type { z } from 'zod';

/**
 * Reads a persisted value through its schema: missing, unreadable or outdated data falls back to
 * the schema's defaults instead of crashing the app after an update.
 */
export async function readPersisted<S extends z.ZodType>(
  key: string,
  schema: S,
): Promise<z.infer<S>> {
  let raw: unknown = {};
  try {
    const text = await AsyncStorage.getItem(key);
    raw = text ? JSON.parse(text) : {};
  } catch {
    raw = {};
  }
  const parsed = schema.safeParse(raw);
  return parsed.success ? parsed.data : schema.parse({});
}

export async function writePersisted(key: string, value: unknown): Promise<void> {
  try {
    await AsyncStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or unavailable: the app keeps working with what it holds in memory.
  }
}

export async function removePersisted(key: string): Promise<void> {
  try {
    await AsyncStorage.removeItem(key);
  } catch {
    // As above.
  }
}
