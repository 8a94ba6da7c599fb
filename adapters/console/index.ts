/**
 * The `console` notifier: writes each case card as one JSON log line. It needs no account, so a
 * fresh install shows what Slack or Teams would receive. Card text is hostile but JSON-encoded
 * by the logger, so it cannot forge log lines.
 */
import type { Logger } from '../../src/logger.ts';
import type { CaseCard, Notifier, PostedCard, Reminder } from '../types.ts';

/** Creates the console notifier writing to `logger`. */
export function createConsoleNotifier(logger: Logger): Notifier {
  let seq = 0;
  return {
    platform: 'console',
    async postCard(card: CaseCard, target: string): Promise<PostedCard> {
      seq += 1;
      const post = { channel: target, messageId: `${card.ref}.${Date.now().toString(36)}.${seq}` };
      logger.info({ notifier: 'console', op: 'card.post', target, card }, `case card ${card.ref}`);
      return post;
    },
    async updateCard(card: CaseCard, post: PostedCard): Promise<PostedCard> {
      logger.info({ notifier: 'console', op: 'card.update', target: post.channel, messageId: post.messageId, card }, `case card ${card.ref} updated`);
      return post;
    },
    async remind(card: CaseCard, post: PostedCard, reminder: Reminder): Promise<void> {
      logger.info({ notifier: 'console', op: 'card.remind', target: post.channel, ref: card.ref, reminder }, `reminder for ${card.ref}`);
    },
  };
}
