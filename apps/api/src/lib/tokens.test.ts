import { exportPKCS8, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { AccessTokens, RefreshTokenCodec } from './tokens.ts';

const secret = new TextEncoder().encode('unit-test-secret-unit-test-secret-0123');

describe('AccessTokens with a key pair (ES256)', async () => {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const config = loadConfig({
    JWT_PRIVATE_KEY: await exportPKCS8(privateKey),
    JWT_PUBLIC_KEY: (await exportSPKI(publicKey)).replace(/\n/g, '\\n'), // as an env file holds it
    JWT_ALGORITHM: 'ES256',
  });
  const tokens = await AccessTokens.create(config, secret);

  it('signs and verifies', async () => {
    const token = await tokens.sign('3f1c1d9e-6d3b-4a55-9b7a-1f4f1f0c2a11', 3);
    expect(JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString())).toEqual({
      alg: 'ES256',
      typ: 'at+jwt',
    });
    expect(await tokens.verify(token)).toEqual({
      userId: '3f1c1d9e-6d3b-4a55-9b7a-1f4f1f0c2a11',
      version: 3,
    });
  });

  it('refuses an HS256 token keyed with the public key (algorithm confusion)', async () => {
    const forged = await new SignJWT({ token_use: 'access' })
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
      .setSubject('someone')
      .setIssuer(config.JWT_ISSUER)
      .setAudience(config.JWT_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(await exportSPKI(publicKey)));
    await expect(tokens.verify(forged)).rejects.toMatchObject({
      status: 401,
      code: 'INVALID_TOKEN',
    });
  });
});

describe('RefreshTokenCodec', () => {
  const codec = new RefreshTokenCodec(secret);
  const id = '0b8e4a52-2c55-4f53-8d27-0e5d6a1f9c11';

  it('round-trips a row id and rejects any change', () => {
    const token = codec.encode(id);
    expect(codec.decode(token)).toBe(id);
    expect(codec.decode(`${token}x`)).toBeNull();
    expect(codec.decode(new RefreshTokenCodec(new Uint8Array(32)).encode(id))).toBeNull();
    expect(codec.hash(token)).toMatch(/^[0-9a-f]{64}$/);
  });
});
