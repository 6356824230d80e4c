import { randomUUID } from 'node:crypto';
import { type CryptoKey, importPKCS8, importSPKI, type JWTPayload, jwtVerify, SignJWT } from 'jose';
import type { Config } from '../config.ts';
import { errors } from './errors.ts';
import { hmac, safeEqual, sha256Hex } from './secrets.ts';

const ACCESS_TYP = 'at+jwt';

export interface AccessClaims {
  userId: string;
  /** The user's token version when it was signed (`ver`); see TokenVersions. */
  version: number;
}

/** Refuses a verified token that was revoked since (throws). */
export type RevocationCheck = (userId: string, version: number) => Promise<void>;

type Key = CryptoKey | Uint8Array;

const CACHE_MAX = 10_000;

/**
 * Signs and verifies access tokens (JWT). The algorithm is pinned: verification accepts only the
 * configured one, so `alg: none` or an algorithm switch is rejected before any claim is read.
 */
export class AccessTokens {
  /**
   * Tokens already verified, until they expire. The key is the whole token string (signature
   * included), so a hit is exactly a token that passed verification before; it spares the HMAC
   * on every request of a busy client.
   */
  private readonly verified = new Map<string, { userId: string; version: number; expMs: number }>();
  private revocation: RevocationCheck | undefined;

  private constructor(
    private readonly alg: string,
    private readonly signKey: Key,
    private readonly verifyKey: Key,
    private readonly issuer: string,
    private readonly audience: string,
    readonly ttlSeconds: number,
  ) {}

  static async create(config: Config, serverSecret: Uint8Array): Promise<AccessTokens> {
    if (config.JWT_PRIVATE_KEY && config.JWT_PUBLIC_KEY) {
      const alg = config.JWT_ALGORITHM ?? 'ES256';
      // PEM values in env files often carry literal "\n".
      const pem = (v: string) => v.replace(/\\n/g, '\n');
      return new AccessTokens(
        alg,
        await importPKCS8(pem(config.JWT_PRIVATE_KEY), alg),
        await importSPKI(pem(config.JWT_PUBLIC_KEY), alg),
        config.JWT_ISSUER,
        config.JWT_AUDIENCE,
        config.ACCESS_TOKEN_TTL,
      );
    }
    // Imported once: handing jose raw bytes would re-import the key on every call.
    const hmacKey = await crypto.subtle.importKey(
      'raw',
      // A copy on its own ArrayBuffer: with the DOM lib in the program (vitest's optional jsdom
      // types, present since the app's jest-expo), BufferSource refuses a shared-buffer view.
      new Uint8Array(serverSecret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign', 'verify'],
    );
    return new AccessTokens(
      'HS256',
      hmacKey,
      hmacKey,
      config.JWT_ISSUER,
      config.JWT_AUDIENCE,
      config.ACCESS_TOKEN_TTL,
    );
  }

  /** Every verification (HTTP and WebSocket) also asks `check` whether the token was revoked. */
  useRevocationCheck(check: RevocationCheck): void {
    this.revocation = check;
  }

  sign(userId: string, version: number): Promise<string> {
    return new SignJWT({ token_use: 'access', ver: version })
      .setProtectedHeader({ alg: this.alg, typ: ACCESS_TYP })
      .setSubject(userId)
      .setIssuer(this.issuer)
      .setAudience(this.audience)
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + this.ttlSeconds)
      .setJti(randomUUID())
      .sign(this.signKey);
  }

  /** Returns the claims of a valid access token; anything else is a 401 INVALID_TOKEN. */
  async verify(token: string): Promise<AccessClaims> {
    const claims = await this.verifySignature(token);
    await this.revocation?.(claims.userId, claims.version);
    return claims;
  }

  private async verifySignature(token: string): Promise<AccessClaims> {
    const hit = this.verified.get(token);
    if (hit) {
      if (hit.expMs > Date.now()) return { userId: hit.userId, version: hit.version };
      this.verified.delete(token);
    }
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.verifyKey, {
        algorithms: [this.alg],
        issuer: this.issuer,
        audience: this.audience,
        typ: ACCESS_TYP,
        requiredClaims: ['exp', 'iat', 'sub'],
      }));
    } catch {
      throw errors.invalidToken();
    }
    if (payload.token_use !== 'access' || typeof payload.sub !== 'string') {
      throw errors.invalidToken();
    }
    if (this.verified.size >= CACHE_MAX) {
      // Maps iterate in insertion order: drop the oldest entry.
      const oldest = this.verified.keys().next().value;
      if (oldest !== undefined) this.verified.delete(oldest);
    }
    const version = typeof payload.ver === 'number' ? payload.ver : 0;
    this.verified.set(token, { userId: payload.sub, version, expMs: (payload.exp ?? 0) * 1000 });
    return { userId: payload.sub, version };
  }
}

/**
 * Refresh tokens are opaque to the client: `<row id>.<HMAC(key, row id)>`. The database keeps only
 * the SHA-256 of the whole value. Because the value can be re-derived from the row id with the
 * server key, a client that lost a rotation response can be handed the current token again
 * (grace window) without the database ever holding a usable token.
 */
export class RefreshTokenCodec {
  private readonly key: Uint8Array;

  constructor(serverSecret: Uint8Array) {
    this.key = hmac(serverSecret, 'quento refresh token v1');
  }

  encode(id: string): string {
    return `${Buffer.from(id.replaceAll('-', ''), 'hex').toString('base64url')}.${this.mac(id)}`;
  }

  /** The row id a well-formed, authentic token names, or null. */
  decode(token: string): string | null {
    const [idPart, macPart, extra] = token.split('.');
    if (!idPart || !macPart || extra !== undefined) return null;
    const raw = Buffer.from(idPart, 'base64url');
    if (raw.length !== 16) return null;
    const hex = raw.toString('hex');
    const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    if (!safeEqual(Buffer.from(macPart), Buffer.from(this.mac(id)))) return null;
    return id;
  }

  hash(token: string): string {
    return sha256Hex(token);
  }

  private mac(id: string): string {
    return hmac(this.key, id).toString('base64url');
  }
}
