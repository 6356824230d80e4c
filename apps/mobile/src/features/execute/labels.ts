import type { ActionItem, ActionStatus, VerificationStatus } from '@quento/contracts';

// The words every screen and export shares live in contracts; screens import them from here.
export { STATUS_WORDS, VERIFICATION_WORDS } from '@quento/contracts';

export const STATUS_ORDER: ActionStatus[] = ['pending', 'in_progress', 'done', 'skipped'];

/** What a verification word means for this task, in one sentence. */
export function verificationSentence(
  a: Pick<ActionItem, 'status' | 'verification_status' | 'verification'>,
): string {
  const v: VerificationStatus = a.verification_status;
  if (v === 'verified') return 'Verified: a newer analysis shows this problem is fixed.';
  if (v === 'flagged')
    return 'Flagged: marked as done, but the latest analysis still finds the problem.';
  if (!a.verification) return 'This task cannot be checked automatically; your word counts.';
  return a.status === 'done'
    ? 'Not checked yet: the next analysis of your website will check it.'
    : 'When you mark it done, the next analysis checks that it worked.';
}
