import type {
  AnalystResponse,
  ConversationDetail,
  ConversationList,
  CreateSessionRequest,
  SendMessageResponse,
} from '@quento/contracts';
import { guidedStart } from '../../ai/index.ts';
import type { Job } from '../../jobs/queue.ts';
import { errors } from '../../lib/errors.ts';
import { QuietLane } from '../../lib/quiet-lane.ts';
import { rowToProfile } from '../profile/profile.mapper.ts';
import { ChatAnalyst } from './chat.analyst.ts';
import { type ContextHolder, TurnContexts } from './chat.context.ts';
import type { ChatServiceDeps } from './chat.deps.ts';
import { type ChatFollowUpEvent, type ChatFollowUpJob, ChatFollowUps } from './chat.followup.ts';
import { toConversationDto, toMessageDto } from './chat.mapper.ts';
import type { ConversationRow } from './chat.repository.ts';
import { ChatTurns, type TurnHooks, type TurnResult } from './chat.turn.ts';

/**
 * Chat sessions (create, list, read, end) and the front for the rest of the chat: the turn
 * (`chat.turn.ts`), its follow-up jobs (`chat.followup.ts`) and the analyst (`chat.analyst.ts`).
 */
export class ChatService {
  private readonly turns: ChatTurns;
  private readonly followUps: ChatFollowUps;
  private readonly analystRun: ChatAnalyst;
  private readonly contexts: TurnContexts;

  constructor(private readonly deps: ChatServiceDeps) {
    // One lane for the turns and their follow-ups: follow-up work waits for turns' first tokens.
    const lane = new QuietLane();
    this.followUps = new ChatFollowUps(deps, lane);
    this.contexts = new TurnContexts(deps);
    this.turns = new ChatTurns(deps, lane, this.followUps, this.contexts);
    this.analystRun = new ChatAnalyst(deps);
  }

  get mode(): 'model' | 'guided' {
    return this.deps.gateway.isConfigured ? 'model' : 'guided';
  }

  async create(userId: string, body: CreateSessionRequest) {
    const { repo, profiles } = this.deps;
    if (this.mode === 'model') {
      const row = await repo.create(userId, { ...body, metadata: {} });
      return toConversationDto(row, this.mode);
    }
    // Guided mode opens with the first core-story question, so the user sees what to answer.
    const start = guidedStart(rowToProfile(await profiles.get(userId)));
    const row = await repo.create(userId, { ...body, metadata: { guided: start.state } });
    await repo.addMessage({ conversationId: row.id, role: 'assistant', content: start.reply });
    return toConversationDto(row, this.mode);
  }

  async list(userId: string, q: { limit: number; offset: number }): Promise<ConversationList> {
    const { rows, total } = await this.deps.repo.list(userId, q.limit, q.offset);
    return {
      items: rows.map((r) => toConversationDto(r, this.mode)),
      total,
      limit: q.limit,
      offset: q.offset,
    };
  }

  async owned(userId: string, id: string): Promise<ConversationRow> {
    const row = await this.deps.repo.owned(userId, id);
    if (!row) throw errors.notFound('Session');
    return row;
  }

  async get(
    userId: string,
    id: string,
    q: { limit: number; before?: string | undefined },
  ): Promise<ConversationDetail> {
    const row = await this.owned(userId, id);
    const rows = await this.deps.repo.page(id, q.limit, q.before);
    const more = rows.length > q.limit;
    const page = rows.slice(0, q.limit);
    return {
      ...toConversationDto(row, this.mode),
      messages: {
        items: page.reverse().map(toMessageDto),
        next_before: more ? (page[0]?.id ?? null) : null,
      },
    };
  }

  async end(userId: string, id: string) {
    await this.owned(userId, id);
    const row = await this.deps.repo.end(userId, id);
    if (!row) throw errors.notFound('Session');
    return toConversationDto(row, this.mode);
  }

  /** Runs the business analyst agent and stores its report in the session. */
  analyst(
    userId: string,
    id: string,
    body: { website_url?: string | undefined },
    signal?: AbortSignal,
  ): Promise<AnalystResponse> {
    return this.analystRun.run(userId, id, body, signal);
  }

  /** Loads a WebSocket's turn context while the user is still typing (model mode). */
  prefetch(userId: string, id: string, holder: ContextHolder): void {
    this.contexts.prefetch(userId, id, holder);
  }

  /** Brings a socket's context in step with a follow-up that ran in the worker. */
  applyFollowUp(holder: ContextHolder, event: ChatFollowUpEvent): void {
    this.contexts.applyFollowUp(holder, event);
  }

  /** HTTP: the whole turn, answered once the follow-up work is done. */
  async send(userId: string, id: string, content: string): Promise<SendMessageResponse> {
    const turn = await this.turn(userId, id, content);
    const complete = await turn.followUp;
    return {
      user_message: toMessageDto(turn.userMessage),
      reply: toMessageDto(turn.reply),
      profile_complete: complete,
    };
  }

  /** One turn (see ChatTurns.turn). */
  turn(userId: string, id: string, content: string, hooks: TurnHooks = {}): Promise<TurnResult> {
    return this.turns.turn(userId, id, content, hooks);
  }

  /** The worker's handler for queued follow-ups. */
  readonly handleFollowUp = (job: Job<ChatFollowUpJob>): Promise<void> =>
    this.followUps.handleFollowUp(job);
}
