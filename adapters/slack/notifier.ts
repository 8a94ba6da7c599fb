/**
 * The Slack `Notifier`: posts the card to the escalation channel, edits it in place (channel +
 * ts from chat_posts), and reminds in the card's thread. One request per call; the outbox worker
 * retries, honours Retry-After and posts a fresh card when chat.update says message_not_found.
 */
import type { CaseCard, Notifier, PostedCard, Reminder } from '../../src/domain/notifier.ts';
import { buildCardMessage, type CardOptions } from './blocks.ts';
import { reminderText } from './messages.ts';
import type { SlackTransport } from './transport.ts';

/** Creates the notifier over `transport`. */
export function createSlackNotifier(transport: SlackTransport, opts: CardOptions): Notifier {
  return {
    platform: 'slack',
    async postCard(card: CaseCard, target: string): Promise<PostedCard> {
      const msg = buildCardMessage(card, opts);
      const r = await transport.postMessage({ channel: target, ...msg, unfurl_links: false, unfurl_media: false });
      return { channel: r.channel, messageId: r.ts };
    },
    async updateCard(card: CaseCard, post: PostedCard): Promise<PostedCard> {
      const msg = buildCardMessage(card, opts);
      const r = await transport.update({ channel: post.channel, ts: post.messageId, ...msg });
      return { channel: r.channel, messageId: r.ts };
    },
    async remind(card: CaseCard, post: PostedCard, reminder: Reminder): Promise<void> {
      await transport.postMessage({
        channel: post.channel,
        thread_ts: post.messageId,
        text: reminderText(card, reminder, opts.mentionHigh),
        reply_broadcast: reminder.level === 'second_level',
        unfurl_links: false,
        unfurl_media: false,
      });
    },
  };
}
