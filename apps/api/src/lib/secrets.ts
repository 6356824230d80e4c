import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Config } from '../config.ts';

/** SHA-256 hex: how tokens are stored. They are long random values, so no salt or slow hash. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function hmac(key: Uint8Array, value: string): Buffer {
  return createHmac('sha256', key).update(value).digest();
}

export function safeEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The server secret: JWT_SECRET, or in development a random one generated once and kept in
 * DATA_DIR so tokens survive restarts. (config.ts already refuses production without JWT_SECRET.)
 */
export function resolveServerSecret(config: Config): Uint8Array {
  if (config.JWT_SECRET) return new TextEncoder().encode(config.JWT_SECRET);
  const file = join(resolve(config.DATA_DIR), 'jwt-secret');
  ensureSecretFile(file);
  return new TextEncoder().encode(readFileSync(file, 'utf8').trim());
}

/**
 * Writes a new random secret to `file` unless one is there already (the compose stack's first
 * start); returns whether it wrote. Several instances then read the same JWT_SECRET_FILE.
 */
export function ensureSecretFile(file: string): boolean {
  if (existsSync(file) && readFileSync(file, 'utf8').trim().length >= 32) return false;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${randomToken(48)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return true;
}
