import { randomInt, randomUUID } from 'node:crypto';
import type { AuthResponse, TokenPair } from '@quento/contracts';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../../config.ts';
import type { Tx } from '../../db/client.ts';
import { isUniqueViolation } from '../../lib/db-errors.ts';
import { errors } from '../../lib/errors.ts';
import type { Mailer } from '../../lib/mailer.ts';
import { burnPasswordCheck, hashPassword, verifyPassword } from '../../lib/passwords.ts';
import { randomToken, sha256Hex } from '../../lib/secrets.ts';
import type { TokenVersions } from '../../lib/token-versions.ts';
import type { AccessTokens, RefreshTokenCodec } from '../../lib/tokens.ts';
import { toUserDto } from '../users/users.mapper.ts';
import type { UsersRepository } from '../users/users.repository.ts';
import type { TokensRepository } from './tokens.repository.ts';

export interface AuthServiceDeps {
  config: Config;
  users: UsersRepository;
  tokens: TokensRepository;
  access: AccessTokens;
  refresh: RefreshTokenCodec;
  mailer: Mailer;
  log: FastifyBaseLogger;
  versions: TokenVersions;
}

type Rotation =
  | { userId: string; tokenId: string }
  | { reused: true; userId: string; familyId: string };

const RESET_DELAY_MIN_MS = 200;
const RESET_DELAY_SPREAD_MS = 800;

export class AuthService {
  constructor(private readonly d: AuthServiceDeps) {}

  async register(input: {
    email: string;
    password: string;
    full_name?: string | undefined;
    company_name?: string | undefined;
  }): Promise<AuthResponse> {
    if (await this.d.users.findByEmail(input.email)) throw errors.emailTaken();
    const passwordHash = await hashPassword(input.password);
    try {
      return await this.d.tokens.transaction(async (tx) => {
        const user = await this.d.users.insert(
          {
            email: input.email,
            passwordHash,
            fullName: input.full_name ?? null,
            companyName: input.company_name ?? null,
          },
          tx,
        );
        const pair = await this.startFamily(tx, user.id, user.tokenVersion);
        return { ...pair, user: toUserDto(user) };
      });
    } catch (err) {
      // Two registrations racing for one address: the unique index decides, the loser gets 409.
      if (isUniqueViolation(err)) throw errors.emailTaken();
      throw err;
    }
  }

  /** Same answer and comparable time whether the e-mail is unknown or the password is wrong. */
  async login(input: { email: string; password: string }): Promise<AuthResponse> {
    const user = await this.d.users.findByEmail(input.email);
    if (!user) {
      await burnPasswordCheck(input.password);
      throw errors.invalidCredentials();
    }
    const ok = await verifyPassword(user.passwordHash, input.password);
    if (!ok || !user.isActive) throw errors.invalidCredentials();
    const pair = await this.d.tokens.transaction((tx) =>
      this.startFamily(tx, user.id, user.tokenVersion),
    );
    const updated = (await this.d.users.touchLogin(user.id)) ?? user;
    return { ...pair, user: toUserDto(updated) };
  }

  /**
   * Rotates a refresh token. A token already rotated is answered with the family's current token
   * for REFRESH_REUSE_GRACE seconds (a client that lost the response); after that, presenting it
   * again means it was stolen, so the whole family is revoked.
   */
  async refresh(token: string): Promise<TokenPair> {
    const id = this.d.refresh.decode(token);
    if (!id) throw errors.invalidRefreshToken();
    const tokenHash = this.d.refresh.hash(token);
    const result = await this.d.tokens.transaction(async (tx): Promise<Rotation> => {
      const found = await this.d.tokens.findToken(tx, id);
      if (!found || found.tokenHash !== tokenHash) throw errors.invalidRefreshToken();
      const family = await this.d.tokens.lockFamily(tx, found.familyId);
      const now = new Date();
      if (!family || family.revokedAt || family.expiresAt <= now || !family.userActive) {
        throw errors.invalidRefreshToken();
      }
      // Re-read under the family lock: a concurrent rotation may have just used this token.
      const current = await this.d.tokens.findToken(tx, id);
      if (!current) throw errors.invalidRefreshToken();
      if (current.usedAt === null) {
        await this.d.tokens.markUsed(tx, id, now);
        const next = randomUUID();
        await this.d.tokens.insertToken(
          tx,
          next,
          family.id,
          this.d.refresh.hash(this.d.refresh.encode(next)),
        );
        return { userId: family.userId, tokenId: next };
      }
      const graceMs = this.d.config.REFRESH_REUSE_GRACE * 1000;
      // A grace of 0 is none: a replay in the same millisecond is still a replay.
      if (graceMs > 0 && now.getTime() - current.usedAt.getTime() <= graceMs) {
        const head = await this.d.tokens.currentToken(tx, family.id);
        if (!head) throw errors.invalidRefreshToken();
        return { userId: family.userId, tokenId: head.id };
      }
      await this.d.tokens.revokeFamily(tx, family.id, 'reuse');
      return { reused: true, userId: family.userId, familyId: family.id };
    });
    if ('reused' in result) {
      // Ids only (no token): enough for security monitoring to follow a possible theft.
      this.d.log.warn(
        { event: 'refresh_token_reuse', userId: result.userId, familyId: result.familyId },
        'refresh token reused; family revoked',
      );
      // The access tokens go too, as on logout: the thief's came from this family.
      await this.d.versions.changed(
        result.userId,
        await this.d.users.bumpTokenVersion(result.userId),
      );
      throw errors.invalidRefreshToken();
    }
    return this.pair(result.userId, result.tokenId);
  }

  /** Revokes the token's family. Unknown or already revoked tokens are accepted silently. */
  async logout(token: string): Promise<void> {
    const id = this.d.refresh.decode(token);
    if (!id) return;
    const found = await this.d.tokens.findToken(this.dbConn(), id);
    if (!found || found.tokenHash !== this.d.refresh.hash(token)) return;
    const userId = await this.d.tokens.revokeFamily(this.dbConn(), found.familyId, 'logout');
    // The access tokens go too: this device's, and (one version for all) the others', which
    // their refresh tokens replace.
    if (userId) await this.d.versions.changed(userId, await this.d.users.bumpTokenVersion(userId));
  }

  /**
   * Sends a reset link when the account exists. The caller always gets the same answer in about
   * the same time: after one lookup, the token and the mail are made in the background.
   */
  async forgotPassword(email: string): Promise<void> {
    const user = await this.d.users.findResetRecipient(email);
    // The reset work (a token write, the mail, SMTP) starts 0.2–1 s later, at a random moment:
    // run at once it slowed the request right after a known address's by ~30 ms, which told an
    // attacker the account exists. Later, it lands on whatever request happens to be running.
    const delayMs = RESET_DELAY_MIN_MS + randomInt(RESET_DELAY_SPREAD_MS);
    this.d.mailer.later(async () => {
      await new Promise((r) => setTimeout(r, delayMs));
      if (user?.isActive) await this.sendResetLink(user.id, user.email);
    });
  }

  private async sendResetLink(userId: string, email: string): Promise<void> {
    const token = randomToken(32);
    const expiresAt = new Date(Date.now() + this.d.config.PASSWORD_RESET_TTL * 1000);
    await this.d.tokens.insertResetToken(userId, sha256Hex(token), expiresAt);
    // Built from configuration only: a Host header must never steer where the link points.
    const link = new URL('reset-password', withTrailingSlash(this.d.config.APP_BASE_URL));
    link.searchParams.set('token', token);
    const minutes = Math.round(this.d.config.PASSWORD_RESET_TTL / 60);
    await this.d.mailer.queue({
      to: email,
      userId,
      subject: 'Reset your Quento password',
      text:
        `Someone asked to reset the password of your Quento account.\n\n` +
        `Open this link within ${minutes} minutes to choose a new password:\n${link.href}\n\n` +
        `If it was not you, ignore this mail; your password stays the same.\n`,
    });
  }

  /** Sets a new password with a single-use token and signs the user out everywhere. */
  async resetPassword(token: string, password: string): Promise<void> {
    const tokenHash = sha256Hex(token);
    // Check the token before the (deliberately slow) hash, so junk tokens cost nothing.
    if (!(await this.d.tokens.findUsableResetToken(this.dbConn(), tokenHash))) {
      throw errors.invalidResetToken();
    }
    const passwordHash = await hashPassword(password);
    const changed = await this.d.tokens.transaction(async (tx) => {
      const row = await this.d.tokens.findUsableResetToken(tx, tokenHash, true);
      if (!row) throw errors.invalidResetToken();
      await this.d.users.setPassword(tx, row.userId, passwordHash);
      await this.d.tokens.consumeResetTokens(tx, row.userId);
      await this.d.tokens.revokeAllFamilies(tx, row.userId, 'password_reset');
      return { userId: row.userId, version: await this.d.users.bumpTokenVersion(row.userId, tx) };
    });
    await this.d.versions.changed(changed.userId, changed.version);
  }

  private async startFamily(tx: Tx, userId: string, version: number): Promise<TokenPair> {
    const expiresAt = new Date(Date.now() + this.d.config.REFRESH_TOKEN_TTL * 1000);
    const familyId = await this.d.tokens.createFamily(tx, userId, expiresAt);
    const tokenId = randomUUID();
    await this.d.tokens.insertToken(
      tx,
      tokenId,
      familyId,
      this.d.refresh.hash(this.d.refresh.encode(tokenId)),
    );
    return this.pair(userId, tokenId, version);
  }

  private async pair(userId: string, refreshTokenId: string, version?: number): Promise<TokenPair> {
    const ver = version ?? (await this.d.versions.current(userId));
    if (ver === null) throw errors.invalidRefreshToken();
    return {
      access_token: await this.d.access.sign(userId, ver),
      refresh_token: this.d.refresh.encode(refreshTokenId),
      token_type: 'Bearer',
      expires_in: this.d.access.ttlSeconds,
    };
  }

  private dbConn() {
    return this.d.tokens.connection;
  }
}

function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
