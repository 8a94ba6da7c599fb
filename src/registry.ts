/**
 * Every notifier platform and how to build it from the configuration. The Record is keyed by
 * `NotifierPlatform`, so adding a platform to NOTIFIER_PLATFORMS fails to compile until its
 * factory is registered here. A factory returns null when its platform is not configured.
 *
 * Adapter authors: export a factory from `adapters/<name>/`, read your settings from `config`
 * (added in src/config.ts), and return a `NotifierBinding` (src/deps.ts): `{ notifier, targets,
 * reporter }`. Only the composition root (src/runtime.ts) imports this file; adapters never do.
 */
import type { OutboxTargets } from './delivery/enqueue.ts';
import type { NotifierDeps, NotifierFactory, Notifiers } from './deps.ts';
import { createChatworkBinding } from '../adapters/chatwork/index.ts';
import { createConsoleNotifier } from '../adapters/console/index.ts';
import { createInboxBinding } from '../adapters/inbox/index.ts';
import { createSlackBinding } from '../adapters/slack/index.ts';
import { createTeams } from '../adapters/teams/index.ts';
import { NOTIFIER_PLATFORMS, type NotifierPlatform } from './domain/notifier.ts';

/** The registry. slack, teams and chatwork are filled in by their adapters' issues. */
export const notifierFactories: Record<NotifierPlatform, NotifierFactory> = {
  console: ({ config, logger }) =>
    config.console.enabled ? { notifier: createConsoleNotifier(logger.child({ component: 'console-notifier' })), targets: ['log'], reporter: null } : null,
  slack: createSlackBinding,
  teams: (deps) => createTeams(deps),
  chatwork: (deps) => createChatworkBinding(deps),
  inbox: (deps) => createInboxBinding(deps),
};

/** Builds every configured notifier once, at start. */
export function createNotifiers(deps: NotifierDeps, factories: Record<NotifierPlatform, NotifierFactory> = notifierFactories): Notifiers {
  const out: Notifiers = {};
  for (const platform of NOTIFIER_PLATFORMS) {
    const binding = factories[platform](deps);
    if (binding) out[platform] = binding;
  }
  // The console inbox stands in for Slack and Teams: in 'auto' mode it yields to either one.
  if (out.inbox && deps.config.inbox.mode === 'auto' && (out.slack?.notifier || out.teams?.notifier)) delete out.inbox;
  return out;
}

/**
 * Where the outbox sends cards and which platforms answer reporters. `cards` is computed on each
 * read, so targets given as a function (read from the database) are current whenever a case
 * queues its cards.
 */
export function outboxTargets(notifiers: Notifiers): OutboxTargets {
  const reporterPlatforms: NotifierPlatform[] = [];
  for (const platform of NOTIFIER_PLATFORMS) if (notifiers[platform]?.reporter) reporterPlatforms.push(platform);
  return {
    async cards() {
      const cards: { platform: NotifierPlatform; target: string }[] = [];
      for (const platform of NOTIFIER_PLATFORMS) {
        const b = notifiers[platform];
        if (!b?.notifier) continue;
        for (const target of typeof b.targets === 'function' ? await b.targets() : b.targets) cards.push({ platform, target });
      }
      return cards;
    },
    reporterPlatforms,
  };
}
