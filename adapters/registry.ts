/**
 * Every notifier platform and how to build it from the configuration. The Record is keyed by
 * `NotifierPlatform`, so adding a platform to NOTIFIER_PLATFORMS fails to compile until its
 * factory is registered here. A factory returns null when its platform is not configured.
 *
 * Adapter authors: export a factory from `adapters/<name>/`, read your settings from `config`
 * (added in src/config.ts), and return `{ notifier, targets, reporter }`.
 */
import type { Hono } from 'hono';
import type { AppDeps } from '../src/app.ts';
import type { Clock } from '../src/clock.ts';
import type { Config } from '../src/config.ts';
import type { Db } from '../src/db/client.ts';
import type { AppEnv } from '../src/routes/env.ts';
import type { OutboxTargets } from '../src/delivery/enqueue.ts';
import type { Logger } from '../src/logger.ts';
import type { SecretKey } from '../src/secret-key.ts';
import { createChatworkBinding } from './chatwork/index.ts';
import { createConsoleNotifier } from './console/index.ts';
import { createInboxBinding } from './inbox/index.ts';
import { createSlackBinding } from './slack/index.ts';
import { createTeams } from './teams/index.ts';
import { NOTIFIER_PLATFORMS, type Notifier, type NotifierPlatform, type ReporterNotifier } from './types.ts';

/** What a factory may use. Misconfiguration should throw here, at start, not on first send. */
export interface NotifierDeps {
  config: Config;
  logger: Logger;
  /** The database, for platforms whose targets live in it (Teams channel bindings). */
  db: Db;
  clock: Clock;
  /** kakunin's secret key, for subkeys of secrets kept at rest (Chatwork OAuth tokens). */
  secretKey: SecretKey;
}

/** A configured platform: its card notifier and where cards go, and/or how reporters are answered. */
export interface NotifierBinding {
  notifier: Notifier | null;
  /**
   * Channels / conversation ids / binding ids that get every card. Empty when `notifier` is null.
   * A function is called each time a case needs a card (Teams: the bound channels in the database).
   */
  targets: string[] | (() => string[]);
  reporter: ReporterNotifier | null;
  /**
   * HTTP routes this platform needs (webhooks, interactivity), mounted by createApp on the one
   * Hono server with the app's deps (case service included).
   */
  routes?: (app: Hono<AppEnv>, deps: AppDeps) => void;
  /**
   * Work that needs the network or a timer, run by `startServer` before it listens (a failure
   * stops the start), with the same deps as `routes`. E.g. Chatwork asks GET /me and re-processes
   * stored webhook events.
   */
  start?: (deps: AppDeps) => Promise<void>;
  /** Undoes `start` (timers); called by `Runtime.close`. */
  stop?: () => Promise<void>;
}

export type NotifierFactory = (deps: NotifierDeps) => NotifierBinding | null;

/** The registry. slack, teams and chatwork are filled in by their adapters' issues. */
export const notifierFactories: Record<NotifierPlatform, NotifierFactory> = {
  console: ({ config, logger }) =>
    config.console.enabled ? { notifier: createConsoleNotifier(logger.child({ component: 'console-notifier' })), targets: ['log'], reporter: null } : null,
  slack: createSlackBinding,
  teams: (deps) => createTeams(deps),
  chatwork: (deps) => createChatworkBinding(deps),
  inbox: (deps) => createInboxBinding(deps),
};

/** The configured platforms only. */
export type Notifiers = Partial<Record<NotifierPlatform, NotifierBinding>>;

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
    get cards() {
      const cards: OutboxTargets['cards'] = [];
      for (const platform of NOTIFIER_PLATFORMS) {
        const b = notifiers[platform];
        if (!b?.notifier) continue;
        for (const target of typeof b.targets === 'function' ? b.targets() : b.targets) cards.push({ platform, target });
      }
      return cards;
    },
    reporterPlatforms,
  };
}
