import { hash, verify } from '@node-rs/argon2';

// OWASP Password Storage Cheat Sheet, Argon2id: m=19 MiB, t=2, p=1.
const ARGON2ID = {
  // Algorithm.Argon2id; the package exports it as an ambient const enum, which isolatedModules
  // cannot read, so the numeric value is spelled out.
  algorithm: 2,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2ID);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash is a failed match, not a crash.
    return false;
  }
}

let dummy: Promise<string> | undefined;

/**
 * Verifies against a throwaway hash so that "no such user" costs the same time as "wrong password"
 * and login timing does not reveal which e-mail addresses exist.
 */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummy ??= hashPassword('quento-timing-equaliser');
  await verifyPassword(await dummy, password);
}
