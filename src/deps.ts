/**
 * The dependencies each upper part receives from the composition root (src/runtime.ts): `AppDeps`
 * for routes, console pages and adapters' routes, `NotifierDeps` for the notifier factories, and
 * the `NotifierBinding` each adapter returns. Types only, defined below everything that receives
 * them, so no route, page or adapter imports the module that assembles the app.
 */
import type { Hono } from 'hono';
import type { AuditTrail } from './audit/audit.ts';
import type { Sso } from './auth/oidc.ts';
import type { CaseService } from './cases/service.ts';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Db } from './db/client.ts';
import type { Detector } from './detection/engine.ts';
import type { NotifierPlatform, PlatformNotifiers } from './domain/notifier.ts';
import type { AppEnv } from './http/env.ts';
import type { DirectoryStore } from './ledger/store.ts';
import type { Logger } from './logger.ts';
import type { SecretKey } from './secret-key.ts';

/** Everything the HTTP layer (and adapters' routes) may use. */
export interface AppDeps {
  db: Db;
  /** The keyed audit chain of `db` (appending and verifying). */
  audit: AuditTrail;
  clock: Clock;
  logger: Logger;
  config: Config;
  notifiers: Notifiers;
  cases: CaseService;
  directory: DirectoryStore;
  /** The OpenID Connect relying party (discovered at start); null when OIDC_* is not set. */
  sso: Sso | null;
  /** The detection engine with the composition root's rules (what the case service runs too). */
  detect: Detector;
}

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
export interface NotifierBinding extends PlatformNotifiers {
  /**
   * Channels / conversation ids / binding ids that get every card. Empty when `notifier` is null.
   * A function is called each time a case needs a card (Teams: the bound channels in the database).
   */
  targets: string[] | (() => Promise<string[]>);
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

/** The configured platforms only. */
export type Notifiers = Partial<Record<NotifierPlatform, NotifierBinding>>;

