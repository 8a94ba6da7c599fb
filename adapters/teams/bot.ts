/**
 * The kakunin Teams bot: what happens when Teams talks to `/api/messages`.
 * - The bot is added to a team channel (conversationUpdate), or someone writes `@kakunin bind`
 *   there: the conversation reference becomes an escalation target (`@kakunin unbind` undoes it;
 *   removing the bot from the team does too).
 * - A card button (`adaptiveCard/action` invoke, Universal Actions): the case transition runs as
 *   `{platform: 'teams', userId: aadObjectId, displayName}`; the invoke answers 200 with the
 *   updated card and the posted card is edited for everyone. If someone else acted first, the
 *   answered card says who.
 * A new binding is pending until an admin approves it in the console (or its team or channel is
 * in TEAMS_ALLOWED_IDS): until then it gets no cards. Buttons work only in an approved binding,
 * and only on cases whose card was posted to it (a button press can name any case ref it likes).
 * With TEAMS_APP_TENANT_ID set (always, outside development mode), only that tenant.
 */
import {
  ActivityHandler,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
} from 'botbuilder';
import type { Clock } from '../../src/clock.ts';
import { parseCaseRef } from '../../src/domain/ref.ts';
import type { CaseService } from '../../src/cases/service.ts';
import type { Bilingual } from '../../src/domain/detection.ts';
import type { Actor } from '../../src/domain/case.ts';
import { AppError } from '../../src/errors.ts';
import type { Logger } from '../../src/logger.ts';
import type { CaseCard } from '../../src/domain/notifier.ts';
import { connectorOf } from './adapter.ts';
import { ADAPTIVE_CARD_TYPE, buildTeamsCard, cardAttachment, REFRESH_VERB, VERBS, type CaseVerb } from './card.ts';
import { escapeCardText, fitCardText } from './escape.ts';
import { ACTION_DONE, formatTime } from './labels.ts';
import { ACTOR_PLATFORM, term } from '../../src/domain/glossary.ts';
import { baseConversationId, isApproved, type BindingStore, type NewBinding } from './store.ts';

export interface TeamsBotDeps {
  cases: CaseService;
  store: BindingStore;
  clock: Clock;
  logger: Logger;
  /** When set, only this tenant's conversations may bind or act. */
  tenantId: string | null;
  /** Team or channel ids whose bindings are approved at once (TEAMS_ALLOWED_IDS). */
  allowedIds: readonly string[];
}

const SAY = {
  bound: { ja: 'このチャネルを kakunin のエスカレーション先に登録しました。詐欺の疑いがある報告はここにカードで届きます。', en: 'This channel now receives kakunin escalation cards.' },
  pending: {
    ja: 'このチャネルの登録を受け付けました。kakunin の管理者が管理画面で承認すると、カードが届くようになります。',
    en: 'Binding requested: this channel receives kakunin cards once a kakunin admin approves it in the console.',
  },
  unbound: { ja: 'このチャネルへのエスカレーションを停止しました。', en: 'This channel no longer receives kakunin cards.' },
  notBound: { ja: 'このチャネルは登録されていません。', en: 'This channel is not bound.' },
  channelOnly: { ja: '登録はチームのチャネルかグループチャットで行ってください。', en: 'Bind kakunin in a team channel or group chat.' },
  wrongTenant: { ja: 'このテナントからは登録できません。', en: 'This tenant may not use this kakunin.' },
  help: { ja: '使い方: @kakunin bind（このチャネルを登録）/ @kakunin unbind（解除）', en: 'Usage: @kakunin bind (send cards here) / @kakunin unbind (stop)' },
} satisfies Record<string, Bilingual>;
const say = (b: Bilingual) => `${b.ja}\n\n${b.en}`;

/** The words after the bot's mention, lower case: "@kakunin bind" → "bind". */
export function commandOf(activity: Parameters<typeof TurnContext.removeRecipientMention>[0]): string {
  const text = activity.recipient ? TurnContext.removeRecipientMention(activity) : (activity.text ?? '');
  return (text ?? '')
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/&nbsp;|\u00A0/g, ' ')
    .trim()
    .toLowerCase();
}

function errorResponse(statusCode: number, code: string, message: string): AdaptiveCardInvokeResponse {
  return { statusCode, type: 'application/vnd.microsoft.error', value: { code, message } as never };
}

function cardResponse(card: CaseCard, notice?: Bilingual): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: ADAPTIVE_CARD_TYPE, value: buildTeamsCard(card, { notice: notice ?? null }) as never };
}

/** "Alice (slack) acted first: acknowledged at …", from the card's last action (names escaped). */
export function actedFirstNotice(card: CaseCard, fallback: string): Bilingual {
  const a = card.lastAction;
  if (!a) return { ja: `先に別の操作が行われました: ${escapeCardText(fallback)}`, en: `Someone acted first: ${escapeCardText(fallback)}` };
  const done = term(ACTION_DONE, a.action);
  const where = term(ACTOR_PLATFORM, a.actor.platform);
  const when = formatTime(a.at);
  const who = fitCardText(a.actor.displayName, 120);
  return {
    ja: `${who}（${where.ja}）が先に操作しました: ${done.ja}（${when}）`,
    en: `${who} (${where.en}) acted first: ${done.en} at ${when}`,
  };
}

/** Creates the bot. `run(ctx)` is the logic given to CloudAdapter.process. */
export class KakuninTeamsBot extends ActivityHandler {
  constructor(private readonly deps: TeamsBotDeps) {
    super();
    this.onMembersAdded(async (ctx, next) => {
      const me = ctx.activity.recipient?.id;
      if (me && (ctx.activity.membersAdded ?? []).some((m) => m.id === me)) await this.bind(ctx, 'installed');
      await next();
    });
    this.onMembersRemoved(async (ctx, next) => {
      const me = ctx.activity.recipient?.id;
      if (me && (ctx.activity.membersRemoved ?? []).some((m) => m.id === me)) {
        if (await deps.store.removeConversation(ctx.activity.conversation.id, deps.clock.now())) {
          deps.logger.info({ conversationId: baseConversationId(ctx.activity.conversation.id) }, 'teams binding removed: bot left the conversation');
        }
      }
      await next();
    });
    this.onMessage(async (ctx, next) => {
      const cmd = commandOf(ctx.activity);
      if (cmd === 'bind') await this.bind(ctx, 'command');
      else if (cmd === 'unbind') await this.unbind(ctx);
      else await ctx.sendActivity(say(SAY.help));
      await next();
    });
  }

  private tenantAllowed(ctx: TurnContext): boolean {
    return !this.deps.tenantId || ctx.activity.conversation?.tenantId === this.deps.tenantId;
  }

  private async bind(ctx: TurnContext, source: NewBinding['source']): Promise<void> {
    const a = ctx.activity;
    const quiet = source === 'installed';
    if (!this.tenantAllowed(ctx)) {
      this.deps.logger.warn({ tenantId: a.conversation.tenantId }, 'teams bind refused: other tenant');
      if (!quiet) await ctx.sendActivity(say(SAY.wrongTenant));
      return;
    }
    if (a.conversation.conversationType === 'personal' || !a.conversation.isGroup) {
      if (!quiet) await ctx.sendActivity(say(SAY.channelOnly));
      return;
    }
    const channelData = (a.channelData ?? {}) as { team?: { id?: string; name?: string }; channel?: { id?: string; name?: string } };
    const ids = [baseConversationId(a.conversation.id), channelData.team?.id, channelData.channel?.id];
    const listed = ids.some((id) => id !== undefined && this.deps.allowedIds.includes(id));
    const { binding, created } = await this.deps.store.bind(
      {
        conversationId: a.conversation.id,
        serviceUrl: a.serviceUrl,
        tenantId: a.conversation.tenantId ?? null,
        channelName: channelData.channel?.name ?? a.conversation.name ?? null,
        teamName: channelData.team?.name ?? null,
        botId: a.recipient.id,
        botName: a.recipient.name ?? null,
        source,
        boundByName: a.from?.name ?? null,
        boundByAadId: a.from?.aadObjectId ?? null,
      },
      this.deps.clock.now(),
      listed ? 'TEAMS_ALLOWED_IDS' : null,
    );
    const fields = { bindingId: binding.id, conversationId: binding.conversationId, team: binding.teamName, channel: binding.channelName, by: binding.boundByName, source, created };
    if (isApproved(binding)) {
      this.deps.logger.info(fields, 'teams channel bound');
      await ctx.sendActivity(say(SAY.bound));
    } else {
      this.deps.logger.warn(fields, 'teams binding pending: an admin must approve it in the console (/admin) before it gets cards');
      await ctx.sendActivity(say(SAY.pending));
    }
  }

  private async unbind(ctx: TurnContext): Promise<void> {
    if (!this.tenantAllowed(ctx)) return void (await ctx.sendActivity(say(SAY.wrongTenant)));
    const removed = await this.deps.store.removeConversation(ctx.activity.conversation.id, this.deps.clock.now());
    await ctx.sendActivity(say(removed ? SAY.unbound : SAY.notBound));
  }

  /** A card button. Answers with the card to show; edits the posted card when the case changed. */
  protected override async onAdaptiveCardInvoke(ctx: TurnContext, value: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const { verb, data } = value.action;
    const ref = (data as { caseRef?: unknown } | undefined)?.caseRef;
    if (typeof ref !== 'string' || ref.length > 40) return errorResponse(400, 'BadRequest', 'caseRef is missing');
    const binding = this.tenantAllowed(ctx) ? (await this.deps.store.activeFor(ctx.activity.conversation.id)) : undefined;
    if (!binding || !isApproved(binding)) {
      this.deps.logger.warn({ conversationId: ctx.activity.conversation.id, verb, pending: binding !== undefined }, 'teams action refused: conversation not bound or not approved');
      return errorResponse(403, 'Forbidden', 'This conversation is not an approved kakunin binding');
    }
    const caseId = parseCaseRef(ref);
    if (caseId !== null && !(await this.deps.store.sentTo(binding.id, caseId))) {
      this.deps.logger.warn({ bindingId: binding.id, ref, verb }, 'teams action refused: the case was not sent to this binding');
      return errorResponse(403, 'Forbidden', 'This case was not sent to this conversation');
    }
    try {
      if (verb === REFRESH_VERB) return cardResponse(await this.deps.cases.card(ref));
      if (!Object.hasOwn(VERBS, verb)) return errorResponse(400, 'NotSupported', `Unknown verb ${String(verb).slice(0, 60)}`);
      const v = VERBS[verb as CaseVerb];
      const from = ctx.activity.from;
      const actor: Actor = { platform: 'teams', userId: from.aadObjectId ?? from.id, displayName: from.name || from.id };
      try {
        await this.deps.cases.act(ref, v.action, actor, v.resolution ? { resolution: v.resolution } : {});
      } catch (err) {
        if (!(err instanceof AppError && err.code === 'conflict')) throw err;
        const card = await this.deps.cases.card(ref);
        return cardResponse(card, actedFirstNotice(card, err.message));
      }
      const card = await this.deps.cases.card(ref);
      await this.updatePosted(ctx, card);
      return cardResponse(card);
    } catch (err) {
      if (err instanceof AppError && err.code === 'not_found') return errorResponse(404, 'NotFound', err.message);
      throw err;
    }
  }

  /** Edits the message the button was on, so everyone sees the new state now (the outbox follows too). */
  private async updatePosted(ctx: TurnContext, card: CaseCard): Promise<void> {
    const messageId = ctx.activity.replyToId;
    if (!messageId) return;
    const conversationId = baseConversationId(ctx.activity.conversation.id);
    try {
      await connectorOf(ctx).conversations.updateActivity(conversationId, messageId, {
        type: 'message',
        id: messageId,
        attachments: [cardAttachment(card)],
      } as never);
    } catch (err) {
      this.deps.logger.warn({ err, ref: card.ref, messageId }, 'could not edit the Teams card in the invoke turn; the outbox will');
    }
  }
}
