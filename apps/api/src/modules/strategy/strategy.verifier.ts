import type { VerificationRule } from '@quento/contracts';
import { checkRule } from '@quento/engine';
import type { FastifyBaseLogger } from 'fastify';
import type { AnalysisRow } from '../analysis/analysis.repository.ts';
import type { StrategyRepository } from './strategy.repository.ts';

/**
 * Optimize: after a re-analysis of a site, checks every action item planned for that site. A rule
 * that now passes verifies its action; an action marked done whose rule still fails is flagged.
 */
export class StrategyVerifier {
  constructor(
    private readonly repo: StrategyRepository,
    private readonly log: FastifyBaseLogger,
  ) {}

  readonly afterAnalysis = async (analysis: AnalysisRow): Promise<void> => {
    if (!analysis.siteKey || !analysis.results) return;
    const report = analysis.results;
    const actions = await this.repo.verifiableActions(analysis.userId, analysis.siteKey);
    const verified: string[] = [];
    const flagged: string[] = [];
    const reopened: string[] = [];
    for (const a of actions) {
      const outcome = checkRule(a.verification as unknown as VerificationRule, report);
      if (outcome === 'pass' && a.verificationStatus !== 'verified') verified.push(a.id);
      else if (outcome === 'fail' && a.status === 'done' && a.verificationStatus !== 'flagged')
        flagged.push(a.id);
      else if (outcome === 'fail' && a.status !== 'done' && a.verificationStatus === 'verified')
        reopened.push(a.id);
    }
    await this.repo.setVerification(verified, 'verified', analysis.id);
    await this.repo.setVerification(flagged, 'flagged', analysis.id);
    await this.repo.setVerification(reopened, 'unverified', analysis.id);
    this.log.info(
      {
        analysisId: analysis.id,
        verified: verified.length,
        flagged: flagged.length,
        reopened: reopened.length,
      },
      'action items checked against the re-analysis',
    );
  };
}
