/**
 * The `console` notifier: writes one log line per card. It needs no account, so a fresh install
 * shows that escalation works. Logs are kept, shipped and read far more widely than cases, so a
 * line holds what a card is about (ref, status, severity, score, counts) and never what it shows:
 * no message text, no names, no observables or evidence. The case page has those, behind sign-in.
 * With Slack or Teams configured it is off unless CONSOLE_NOTIFIER=true (src/config.ts).
 */
import type { Logger } from '../../src/logger.ts';
import type { CaseCard, Notifier, PostedCard, Reminder } from '../types.ts';

/**
 * What a log line says about a card.
 * @example cardSummary(card) // { ref: 'KKN-000042', status: 'new', severity: 'high', score: 87, reports: 3, … }
 */
export function cardSummary(card: CaseCard) {
  return {
    ref: card.ref,
    status: card.status,
    resolution: card.resolution,
    severity: card.severity,
    score: card.score,
    reports: card.reportCount,
    reporters: card.reporterCount,
    signals: card.signals.length,
    observables: card.observables.length,
    linkedCases: card.linkedCases.length,
  };
}

/** Creates the console notifier writing to `logger`. */
export function createConsoleNotifier(logger: Logger): Notifier {
  let seq = 0;
  return {
    platform: 'console',
    async postCard(card: CaseCard, target: string): Promise<PostedCard> {
      seq += 1;
      const post = { channel: target, messageId: `${card.ref}.${Date.now().toString(36)}.${seq}` };
      logger.info({ notifier: 'console', op: 'card.post', target, card: cardSummary(card) }, `case card ${card.ref}`);
      return post;
    },
    async updateCard(card: CaseCard, post: PostedCard): Promise<PostedCard> {
      logger.info({ notifier: 'console', op: 'card.update', target: post.channel, messageId: post.messageId, card: cardSummary(card) }, `case card ${card.ref} updated`);
      return post;
    },
    async remind(card: CaseCard, post: PostedCard, reminder: Reminder): Promise<void> {
      logger.info({ notifier: 'console', op: 'card.remind', target: post.channel, card: cardSummary(card), level: reminder.level, mention: reminder.mention }, `reminder for ${card.ref}`);
    },
  };
}
