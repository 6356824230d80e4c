import type { UpdateMeRequest, User } from '@quento/contracts';
import type { FastifyBaseLogger } from 'fastify';
import { type FileStore, fileKeys } from '../../files/index.ts';
import { AppError, errors } from '../../lib/errors.ts';
import { verifyPassword } from '../../lib/passwords.ts';
import type { TokenVersions } from '../../lib/token-versions.ts';
import { unavailable } from '../../lib/unavailable.ts';
import { toUserDto } from './users.mapper.ts';
import type { UserChanges, UsersRepository } from './users.repository.ts';

/** The signed-in user's own account. Every method acts on the caller's id only. */
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly versions: TokenVersions,
    private readonly files: FileStore,
    private readonly log: FastifyBaseLogger,
  ) {}

  async getMe(userId: string): Promise<User> {
    const user = await this.users.findById(userId);
    // A valid token for a deleted or disabled account: the session is over.
    if (!user?.isActive) throw errors.unauthorized('The account no longer exists');
    return toUserDto(user);
  }

  async updateMe(userId: string, input: UpdateMeRequest): Promise<User> {
    const changes: UserChanges = {};
    if (input.full_name !== undefined) changes.fullName = input.full_name;
    if (input.company_name !== undefined) changes.companyName = input.company_name;
    if (input.settings !== undefined) changes.settings = input.settings;
    if (Object.keys(changes).length === 0) return this.getMe(userId);
    const user = await this.users.update(userId, changes);
    if (!user?.isActive) throw errors.unauthorized('The account no longer exists');
    return toUserDto(user);
  }

  /**
   * Deletes the account after checking the password: first every file the user has stored (if the
   * store fails, a 503 and the account stays, so a retry can finish the job), then the row, to
   * which the database cascades; then the files once more, for a screenshot an analysis finished
   * storing in between.
   */
  async deleteMe(userId: string, password: string): Promise<void> {
    const user = await this.users.findById(userId);
    if (!user) throw errors.unauthorized('The account no longer exists');
    if (!(await verifyPassword(user.passwordHash, password))) {
      throw new AppError('INVALID_PASSWORD', 'The password is incorrect');
    }
    const prefix = fileKeys.user(userId);
    await this.files.deletePrefix(prefix).catch((err: unknown) => {
      this.log.error({ err }, 'account deletion: stored files could not be deleted');
      throw unavailable('file store');
    });
    await this.users.delete(userId);
    await this.versions.changed(userId, null);
    await this.files.deletePrefix(prefix).catch((err: unknown) => {
      this.log.error({ err, userId }, 'account deleted; a late file may be left');
    });
  }
}
