/**
 * The Teams notifier: posts a case card proactively into a bound channel, edits it in place, and
 * replies in its thread to remind. Targets are binding ids (see store.ts). Each call sends once;
 * connector failures become DeliveryErrors and the outbox decides about retries.
 */
import type { CloudAdapter, ConversationReference } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import type { CaseCard, Notifier, PostedCard, Reminder } from '../../src/domain/notifier.ts';
import { DeliveryError } from '../../src/domain/notifier.ts';
import { toDeliveryError, withConversation } from './adapter.ts';
import { cardAttachment } from './card.ts';
import { isApproved, type BindingStore, type TeamsBinding } from './store.ts';

export interface TeamsNotifierDeps {
  adapter: CloudAdapter;
  /** The bot's app id; null in unauthenticated development mode. */
  appId: string | null;
  store: BindingStore;
}

/** The conversation reference of a binding, as botbuilder wants it. */
export function referenceOf(b: Pick<TeamsBinding, 'conversationId' | 'serviceUrl' | 'tenantId' | 'botId' | 'botName'>): Partial<ConversationReference> {
  return {
    channelId: 'msteams',
    serviceUrl: b.serviceUrl,
    conversation: { id: b.conversationId, isGroup: true, conversationType: 'channel', tenantId: b.tenantId ?? undefined, name: '' },
    bot: { id: b.botId, name: b.botName ?? 'kakunin' },
  };
}

/** Where a posted card lives, from the PostedCard the worker stored. */
async function referenceOfPost(post: PostedCard, store: BindingStore): Promise<Partial<ConversationReference>> {
  const bound = await store.activeFor(post.channel);
  const serviceUrl = post.meta?.serviceUrl ?? bound?.serviceUrl;
  if (!serviceUrl) throw new DeliveryError('rejected', `No serviceUrl is known for Teams conversation ${post.channel}`);
  return referenceOf({
    conversationId: post.channel,
    serviceUrl,
    tenantId: post.meta?.tenantId || bound?.tenantId || null,
    botId: post.meta?.botId ?? bound?.botId ?? '',
    botName: bound?.botName ?? null,
  });
}

/** Creates the notifier. */
export function createTeamsNotifier(deps: TeamsNotifierDeps): Notifier {
  const { adapter, appId, store } = deps;
  /** One connector call in a proactive turn; any failure (token, network, HTTP) as a DeliveryError. */
  async function call<T>(op: 'post' | 'update' | 'reply', reference: Partial<ConversationReference>, fn: (client: ConnectorClient) => Promise<T>): Promise<T> {
    try {
      return await withConversation(adapter, appId, reference, fn);
    } catch (err) {
      throw toDeliveryError(err, op);
    }
  }
  return {
    platform: 'teams',
    async postCard(card: CaseCard, target: string): Promise<PostedCard> {
      const binding = /^\d+$/.test(target) ? (await store.get(Number(target))) : undefined;
      if (!binding || !isApproved(binding)) throw new DeliveryError('rejected', `Teams binding ${target.slice(0, 40)} does not exist, was removed or is not approved`);
      const reference = referenceOf(binding);
      const sent = await call('post', reference, (client) =>
        client.conversations.sendToConversation(binding.conversationId, { type: 'message', attachments: [cardAttachment(card)] } as never),
      );
      if (!sent?.id) throw new DeliveryError('server_error', 'Teams connector answered without an activity id');
      const meta: Record<string, string> = { serviceUrl: binding.serviceUrl, botId: binding.botId };
      if (binding.tenantId) meta.tenantId = binding.tenantId;
      return { channel: binding.conversationId, messageId: sent.id, meta };
    },
    async updateCard(card: CaseCard, post: PostedCard): Promise<PostedCard> {
      await call('update', await referenceOfPost(post, store), (client) =>
        client.conversations.updateActivity(post.channel, post.messageId, { type: 'message', id: post.messageId, attachments: [cardAttachment(card)] } as never),
      );
      return post;
    },
    async remind(card: CaseCard, post: PostedCard, reminder: Reminder): Promise<void> {
      const level = reminder.level === 'second_level' ? '⏫' : `#${reminder.level}`;
      const text = `🔔 ${level} ${card.ref}: ${reminder.text.ja}\n\n${reminder.text.en}`;
      await call('reply', await referenceOfPost(post, store), (client) =>
        client.conversations.replyToActivity(post.channel, post.messageId, { type: 'message', text, replyToId: post.messageId } as never),
      );
    },
  };
}
