/** The business analyst agent run from a chat session: its report is stored as a message. */
import { AnalyzerError, assertPublicUrl } from '@quento/analyzer';
import type { AnalystResponse } from '@quento/contracts';
import { createBusinessAnalyst } from '../../ai/index.ts';
import { fromAnalyzerError } from '../../lib/analyzer-errors.ts';
import { AppError, errors } from '../../lib/errors.ts';
import { rowToProfile } from '../profile/profile.mapper.ts';
import type { ChatServiceDeps } from './chat.deps.ts';
import { toMessageDto } from './chat.mapper.ts';

export class ChatAnalyst {
  constructor(private readonly deps: ChatServiceDeps) {}

  /**
   * Runs the business analyst agent on the user's website (or `websiteUrl`) and its competitors,
   * and stores its report as an assistant message in the session.
   */
  async run(
    userId: string,
    id: string,
    body: { website_url?: string | undefined },
    signal?: AbortSignal,
  ): Promise<AnalystResponse> {
    const { repo, profiles, gateway } = this.deps;
    const [conversation, usedToday, profileRow] = await Promise.all([
      repo.owned(userId, id),
      this.deps.usage.usedToday(userId),
      profiles.get(userId),
    ]);
    if (!conversation) throw errors.notFound('Session');
    if (conversation.status === 'ended')
      throw new AppError('SESSION_ENDED', 'This session has ended; start a new one');
    if (!gateway.isConfigured)
      throw new AppError(
        'MODEL_NOT_CONFIGURED',
        'The analyst agent needs a model (CHAT_MODEL); run an analysis from Discover instead',
      );
    this.deps.usage.assertWithin(usedToday);
    const profile = rowToProfile(profileRow);
    const websiteUrl = body.website_url ?? profile?.website_url;
    if (!websiteUrl)
      throw new AppError('WEBSITE_REQUIRED', 'Tell me your website first, or pass website_url');
    try {
      await assertPublicUrl(websiteUrl, {
        allowPrivate: this.deps.urls.allowPrivate ?? false,
        allowOrigins: this.deps.urls.allowOrigins,
        resolve: this.deps.resolve,
      });
    } catch (err) {
      if (err instanceof AnalyzerError) throw fromAnalyzerError(err, 'website_url');
      throw err;
    }
    await repo.addMessage({
      conversationId: id,
      role: 'user',
      content: `Analyse ${websiteUrl} and its competitors.`,
      metadata: { kind: 'analyst_request' },
    });
    const agent = createBusinessAnalyst(gateway, this.deps.toolkit);
    const result = await agent.analyze({ websiteUrl, profile, signal });
    const toolCalls = result.toolCalls.map((c) => ({
      name: c.name,
      url: typeof c.args.url === 'string' ? c.args.url : null,
    }));
    const stored = await repo.addMessage({
      conversationId: id,
      role: 'assistant',
      content: result.report,
      tokensUsed: result.usage.totalTokens,
      metadata: { kind: 'analyst_report', iterations: result.iterations, tool_calls: toolCalls },
    });
    await this.deps.usage.record(userId, result.usage.totalTokens);
    return {
      message: toMessageDto(stored),
      iterations: result.iterations,
      tool_calls: toolCalls,
      competitors_verified: result.competitors.filter((c) => c.ok).map((c) => c.url),
    };
  }
}
