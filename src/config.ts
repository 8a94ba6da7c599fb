/**
 * kakunin's configuration: one zod schema over the environment, parsed once at start.
 * Nothing else reads `process.env`. A bad value stops the process with a message naming the
 * variable (see `ConfigError`).
 *
 * Adding a variable (adapters): add it to `envSchema` below and map it into `Config` in
 * `toConfig`; both edits live in this file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { VERDICTS } from './detection/types.ts';
import { MAX_CARD_UPDATE_DELAY_MS } from './delivery/enqueue.ts';
import { policyFileSchema, resolvePolicy, targetSpecSchema, type EscalationPolicy } from './delivery/policy.ts';

/** Bytes of a generated secret key; `KAKUNIN_SECRET_KEY` must hold at least this many. */
export const SECRET_KEY_BYTES = 32;

/**
 * Decodes a secret key written as hex or base64 (standard or URL-safe); null when it is neither or
 * shorter than SECRET_KEY_BYTES. Also reads the key file (src/secret-key.ts).
 * @example decodeSecretKey('9f'.repeat(32))?.length // 32
 */
export function decodeSecretKey(text: string): Buffer | null {
  const s = text.trim();
  let bytes: Buffer | null = null;
  if (/^[0-9a-fA-F]+$/.test(s) && s.length % 2 === 0) bytes = Buffer.from(s, 'hex');
  else if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(s)) bytes = Buffer.from(s.replaceAll('-', '+').replaceAll('_', '/'), 'base64');
  return bytes && bytes.length >= SECRET_KEY_BYTES ? bytes : null;
}

const int = (def: number, min = 0, max = Number.MAX_SAFE_INTEGER) => z.coerce.number().int().min(min).max(max).default(def);
const bool = (def: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .default(def ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** The environment variables kakunin understands, with their defaults. */
export const envSchema = z.object({
  PORT: int(8787, 0, 65535),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .default('file:./data/kakunin.db')
    .refine((v) => v.startsWith('file:') && v.length > 'file:'.length, 'must look like file:./data/kakunin.db'),
  PUBLIC_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** A report joins an open case whose last report is at most this many days old. */
  GROUPING_WINDOW_DAYS: int(14, 0, 3650),
  /** Cases at or above this verdict get a card on every configured notifier. */
  NOTIFY_MIN_VERDICT: z.enum(VERDICTS).default('medium'),
  DELIVERY_MAX_ATTEMPTS: int(10, 1, 1000),
  DELIVERY_BASE_DELAY_MS: int(2_000, 1),
  DELIVERY_MAX_DELAY_MS: int(15 * 60_000, 1),
  DELIVERY_POLL_MS: int(5_000, 10),
  /**
   * A new report on a case refreshes its cards this long after it arrived; every report in
   * between shares that one edit (chat platforms rate-limit edits, and a burst of forwarded copies
   * would otherwise mean one edit per copy). Actions from responders update cards at once.
   */
  CARD_UPDATE_DELAY_MS: int(2_000, 0, MAX_CARD_UPDATE_DELAY_MS),
  /** The `console` notifier writes every card as a JSON line to the log (on by default). */
  CONSOLE_NOTIFIER: bool(true),
  /** Chatwork webhook tokens (room webhook, account webhook), comma-separated; base64 as Chatwork shows them. */
  CHATWORK_WEBHOOK_TOKENS: z
    .string()
    .optional()
    .transform((v) => (v ?? '').split(',').map((t) => t.trim()).filter(Boolean))
    .refine((ts) => ts.every((t) => /^[A-Za-z0-9+/]+={0,2}$/.test(t)), 'every token must be base64, as shown by Chatwork'),
  /** API token of the kakunin bot's Chatwork account (used to reply). */
  CHATWORK_API_TOKEN: z.string().min(1).optional(),
  CHATWORK_API_URL: z.url().default('https://api.chatwork.com/v2'),
  /** The bot's own account id; when unset, `serve` asks GET /me at start. */
  CHATWORK_BOT_ACCOUNT_ID: z.coerce.number().int().positive().optional(),
  /**
   * Contact-request guard (adapters/chatwork/guard/): employees connect their own Chatwork account
   * with OAuth 2.0 + PKCE; kakunin reads their pending contact requests and warns them about
   * look-alikes. On when any of these is set; then the client id and secret (and the bot's
   * CHATWORK_API_TOKEN and PUBLIC_URL) are required.
   */
  CHATWORK_OAUTH_CLIENT_ID: z.string().min(1).max(200).optional(),
  CHATWORK_OAUTH_CLIENT_SECRET: z.string().min(1).max(500).optional(),
  CHATWORK_OAUTH_AUTHORIZE_URL: z.url().optional(),
  CHATWORK_OAUTH_TOKEN_URL: z.url().optional(),
  /** An RFC 7009 revocation endpoint, if Chatwork offers one; unset: disconnecting deletes the tokens. */
  CHATWORK_OAUTH_REVOKE_URL: z.url().optional(),
  CHATWORK_REQUESTS_POLL_SECONDS: z.coerce.number().int().min(10).max(86_400).optional(),
  CHATWORK_REQUESTS_AUTO_DECLINE: z.enum(['true', 'false', '1', '0', 'yes', 'no']).optional(),
  /**
   * Finance-room watch (adapters/chatwork/watch/): room ids where the bot is a member, comma-separated.
   * The bot reads every new message there and warns, calmly, about money requests at or above
   * CHATWORK_WATCH_MIN_VERDICT. Needs CHATWORK_API_TOKEN.
   */
  CHATWORK_WATCH_ROOMS: z
    .string()
    .optional()
    .transform((v) => (v === undefined ? undefined : [...new Set(v.split(',').map((t) => t.trim()).filter(Boolean))]))
    .refine((ids) => ids === undefined || (ids.length > 0 && ids.every((t) => /^\d{1,19}$/.test(t))), 'must be Chatwork room ids (digits) separated by commas'),
  CHATWORK_WATCH_POLL_SECONDS: z.coerce.number().int().min(5).max(86_400).optional(),
  CHATWORK_WATCH_MIN_VERDICT: z.enum(['low', 'medium', 'high']).optional(),
  /** Slack (adapters/slack): on when the bot token, signing secret and channel id are all set. */
  SLACK_BOT_TOKEN: z.string().regex(/^xoxb-/, 'must be a bot token (xoxb-…)').optional(),
  SLACK_SIGNING_SECRET: z.string().min(8).optional(),
  SLACK_CHANNEL_ID: z.string().regex(/^[CGD][A-Z0-9]{2,}$/, 'must be a channel id such as C0123456789').optional(),
  SLACK_API_URL: z.url().default('https://slack.com/api/'),
  /** Who a high-severity card pings: here, channel, none, or a user group id (S…). */
  SLACK_MENTION_HIGH: z.union([z.enum(['here', 'channel', 'none']), z.string().regex(/^S[A-Z0-9]{2,}$/)]).default('here'),
  /** Microsoft Teams (adapters/teams): on when TEAMS_APP_ID is set (Azure Bot registration). */
  TEAMS_APP_ID: z.string().min(1).optional(),
  TEAMS_APP_PASSWORD: z.string().min(1).optional(),
  TEAMS_APP_TENANT_ID: z.string().min(1).optional(),
  /** New Azure Bots are single-tenant; MultiTenant only for old registrations. */
  TEAMS_APP_TYPE: z.enum(['SingleTenant', 'MultiTenant']).default('SingleTenant'),
  /** Local development only: Teams without an app id, accepting unsigned activities. Logs a loud warning. */
  TEAMS_ALLOW_UNAUTHENTICATED: bool(false),
  /**
   * Team ids (channelData.team.id) or channel conversation ids (19:…@thread.tacv2), comma-separated,
   * whose bindings are approved at once; any other team or channel that installs the app waits for
   * an admin's approval in the console.
   */
  TEAMS_ALLOWED_IDS: z
    .string()
    .optional()
    .transform((v) => (v ?? '').split(',').map((t) => t.trim()).filter(Boolean))
    .refine((ids) => ids.every((t) => t.length <= 200 && !/\s/.test(t)), 'must be team or channel ids separated by commas'),
  /** Escalation policy (src/delivery/policy.ts): a JSON file, then the overrides below. */
  ESCALATION_POLICY_FILE: z.string().min(1).optional(),
  /** Minutes before an unacknowledged high / medium card reminds (0: never). */
  ESCALATION_HIGH_ACK_MINUTES: z.coerce.number().min(0).max(525_600).optional(),
  ESCALATION_MEDIUM_ACK_MINUTES: z.coerce.number().min(0).max(525_600).optional(),
  /** Comma-separated targets (slack:C…, teams:<binding id>) that get high/medium cards after the last reminder. */
  ESCALATION_SECOND_LEVEL_TARGETS: z
    .string()
    .optional()
    .transform((v) => (v === undefined ? undefined : v.split(',').map((t) => t.trim()).filter(Boolean)))
    .pipe(z.array(targetSpecSchema).optional()),
  /** Minutes an acknowledged high/medium case may stay unresolved before it reminds (0: never). */
  ESCALATION_UNRESOLVED_MINUTES: z.coerce.number().min(0).max(525_600).optional(),
  /** When set, GET /metrics needs `Authorization: Bearer <METRICS_TOKEN>`. */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Console inbox notifier (adapters/inbox): auto = on when neither Slack nor Teams is configured. */
  INBOX_NOTIFIER: z.enum(['auto', 'on', 'off']).default('auto'),
  /** Console sign-in sessions last this many hours. */
  SESSION_TTL_HOURS: int(12, 1, 24 * 30),
  /** Behind a reverse proxy: take the client address (sign-in rate limit) from X-Forwarded-For. */
  TRUST_PROXY: bool(false),
  /** Message bodies of cases resolved more than this many days ago are replaced by their SHA-256 (0: keep forever). */
  RETENTION_DAYS: int(0, 0, 36_500),
  /**
   * kakunin's secret key (src/secret-key.ts): keys the audit chain. Unset: a key file beside the
   * database, generated on first start. `openssl rand -base64 32` makes one.
   */
  KAKUNIN_SECRET_KEY: z
    .string()
    .optional()
    .refine((v) => v === undefined || decodeSecretKey(v) !== null, `must be ${SECRET_KEY_BYTES} random bytes or more, hex or base64 (openssl rand -base64 32)`)
    .transform((v) => (v === undefined ? null : decodeSecretKey(v))),
});

/** Parsed configuration, camelCase, grouped by concern. */
export interface Config {
  port: number;
  host: string;
  /** Filesystem path of the SQLite file (from DATABASE_URL). */
  databasePath: string;
  /** Base for links in cards, without a trailing slash. */
  publicUrl: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  groupingWindowDays: number;
  notifyMinVerdict: (typeof VERDICTS)[number];
  delivery: { maxAttempts: number; baseDelayMs: number; maxDelayMs: number; pollMs: number; cardUpdateDelayMs: number };
  console: { enabled: boolean };
  chatwork: {
    webhookTokens: string[];
    apiToken: string | null;
    apiUrl: string;
    botAccountId: number | null;
    /** The contact-request guard; null when off. */
    guard: ChatworkGuardConfig | null;
    /** The finance-room watch; null when off. */
    watch: ChatworkWatchConfig | null;
  };
  /** Null when Slack is not configured. */
  slack: SlackConfig | null;
  /** Null when Teams is not configured. */
  teams: TeamsConfig | null;
  /** Console inbox notifier mode (see adapters/inbox). */
  inbox: { mode: 'auto' | 'on' | 'off' };
  /** Web console (src/web): session lifetime, cookie security, proxy trust. */
  web: { sessionTtlMs: number; secureCookies: boolean; trustProxy: boolean };
  /** Per-severity routing, reminders and second level (src/delivery/policy.ts). */
  escalation: EscalationPolicy;
  /** Bearer token for GET /metrics; null means /metrics is open. */
  metricsToken: string | null;
  /** Days after resolution before message bodies are purged (src/retention/); 0 keeps them forever. */
  retentionDays: number;
  /** KAKUNIN_SECRET_KEY decoded; null means the key file beside the database (src/secret-key.ts). */
  secretKey: Buffer | null;
}

/** Teams settings (see adapters/teams). `appId` null means unauthenticated local development. */
export interface TeamsConfig {
  appId: string | null;
  appPassword: string | null;
  /** Only this tenant may bind or act; required outside unauthenticated development mode. */
  tenantId: string | null;
  appType: 'SingleTenant' | 'MultiTenant';
  allowUnauthenticated: boolean;
  /** Teams or channels whose bindings need no approval (TEAMS_ALLOWED_IDS). */
  allowedIds: string[];
}

/** The contact-request guard (adapters/chatwork/guard/). */
export interface ChatworkGuardConfig {
  clientId: string;
  clientSecret: string;
  authorizeUrl: string;
  tokenUrl: string;
  /** RFC 7009 revocation endpoint; null: disconnecting deletes the tokens only. */
  revokeUrl: string | null;
  /** PUBLIC_URL + /chatwork/oauth/callback, registered with the OAuth client. */
  redirectUri: string;
  pollMs: number;
  /** Decline high-verdict requests (DELETE /incoming_requests/{id}). */
  autoDecline: boolean;
}

/** The finance-room watch (adapters/chatwork/watch/). */
export interface ChatworkWatchConfig {
  /** Room ids, as strings of digits. */
  rooms: string[];
  pollMs: number;
  /** Messages at or above this verdict get a warning in the room and a case. */
  minVerdict: 'low' | 'medium' | 'high';
}

/** Chatwork's limit per token: 300 requests in 5 minutes. Polling may use at most this many, the rest is for warnings and replies. */
export const CHATWORK_POLL_BUDGET_PER_5_MIN = 200;

/** Slack settings (see adapters/slack). `apiUrl` always ends with a slash. */
export interface SlackConfig {
  botToken: string;
  signingSecret: string;
  channelId: string;
  apiUrl: string;
  /** 'here' | 'channel' | 'none' | a user group id. */
  mentionHigh: string;
}

/** Thrown when the environment does not parse; the message names every bad variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** `url` without trailing slashes (by hand: `/\/+$/` retries its run from every slash). */
function withoutTrailingSlashes(url: string): string {
  let end = url.length;
  while (end > 0 && url.charCodeAt(end - 1) === 0x2f) end -= 1;
  return url.slice(0, end);
}

function toConfig(env: z.infer<typeof envSchema>): Config {
  return {
    port: env.PORT,
    host: env.HOST,
    databasePath: path.resolve(env.DATABASE_URL.slice('file:'.length)),
    publicUrl: withoutTrailingSlashes(env.PUBLIC_URL ?? `http://localhost:${env.PORT}`),
    logLevel: env.LOG_LEVEL,
    groupingWindowDays: env.GROUPING_WINDOW_DAYS,
    notifyMinVerdict: env.NOTIFY_MIN_VERDICT,
    delivery: {
      maxAttempts: env.DELIVERY_MAX_ATTEMPTS,
      baseDelayMs: env.DELIVERY_BASE_DELAY_MS,
      maxDelayMs: env.DELIVERY_MAX_DELAY_MS,
      pollMs: env.DELIVERY_POLL_MS,
      cardUpdateDelayMs: env.CARD_UPDATE_DELAY_MS,
    },
    console: { enabled: env.CONSOLE_NOTIFIER },
    chatwork: {
      webhookTokens: env.CHATWORK_WEBHOOK_TOKENS,
      apiToken: env.CHATWORK_API_TOKEN ?? null,
      apiUrl: withoutTrailingSlashes(env.CHATWORK_API_URL),
      botAccountId: env.CHATWORK_BOT_ACCOUNT_ID ?? null,
      guard: chatworkGuardConfig(env),
      watch: chatworkWatchConfig(env),
    },
    slack: slackConfig(env),
    teams: teamsConfig(env),
    inbox: { mode: env.INBOX_NOTIFIER },
    web: {
      sessionTtlMs: env.SESSION_TTL_HOURS * 3_600_000,
      secureCookies: (env.PUBLIC_URL ?? '').startsWith('https:'),
      trustProxy: env.TRUST_PROXY,
    },
    escalation: escalationPolicy(env),
    metricsToken: env.METRICS_TOKEN ?? null,
    retentionDays: env.RETENTION_DAYS,
    secretKey: env.KAKUNIN_SECRET_KEY,
  };
}

const GUARD_VARIABLES = [
  'CHATWORK_OAUTH_CLIENT_ID',
  'CHATWORK_OAUTH_CLIENT_SECRET',
  'CHATWORK_OAUTH_AUTHORIZE_URL',
  'CHATWORK_OAUTH_TOKEN_URL',
  'CHATWORK_OAUTH_REVOKE_URL',
  'CHATWORK_REQUESTS_POLL_SECONDS',
  'CHATWORK_REQUESTS_AUTO_DECLINE',
] as const;

/** The contact-request guard is all or nothing: any of its variables turns it on, and then it needs the client and the bot. */
function chatworkGuardConfig(env: z.infer<typeof envSchema>): ChatworkGuardConfig | null {
  const set = GUARD_VARIABLES.filter((k) => env[k] !== undefined);
  if (set.length === 0) return null;
  const why = `required for the contact-request guard (${set.join(', ')} ${set.length === 1 ? 'is' : 'are'} set)`;
  const missing: string[] = [];
  if (!env.CHATWORK_OAUTH_CLIENT_ID) missing.push(`  CHATWORK_OAUTH_CLIENT_ID: ${why}`);
  if (!env.CHATWORK_OAUTH_CLIENT_SECRET) missing.push(`  CHATWORK_OAUTH_CLIENT_SECRET: ${why}`);
  if (!env.CHATWORK_API_TOKEN) missing.push(`  CHATWORK_API_TOKEN: ${why} (the kakunin bot sends the warnings)`);
  if (!env.PUBLIC_URL) missing.push(`  PUBLIC_URL: ${why} (the OAuth redirect URI is PUBLIC_URL/chatwork/oauth/callback)`);
  if (missing.length > 0) throw new ConfigError(`Invalid configuration:\n${missing.join('\n')}`);
  const flag = env.CHATWORK_REQUESTS_AUTO_DECLINE;
  return {
    clientId: env.CHATWORK_OAUTH_CLIENT_ID!,
    clientSecret: env.CHATWORK_OAUTH_CLIENT_SECRET!,
    authorizeUrl: env.CHATWORK_OAUTH_AUTHORIZE_URL ?? 'https://www.chatwork.com/packages/oauth2/login.php',
    tokenUrl: env.CHATWORK_OAUTH_TOKEN_URL ?? 'https://oauth.chatwork.com/token',
    revokeUrl: env.CHATWORK_OAUTH_REVOKE_URL ?? null,
    redirectUri: `${withoutTrailingSlashes(env.PUBLIC_URL!)}/chatwork/oauth/callback`,
    pollMs: (env.CHATWORK_REQUESTS_POLL_SECONDS ?? 60) * 1000,
    autoDecline: flag === 'true' || flag === '1' || flag === 'yes',
  };
}

/** The watch is on with CHATWORK_WATCH_ROOMS; its other variables alone are a mistake, and so is polling beyond the rate limit. */
function chatworkWatchConfig(env: z.infer<typeof envSchema>): ChatworkWatchConfig | null {
  const rooms = env.CHATWORK_WATCH_ROOMS;
  if (rooms === undefined) {
    const set = (['CHATWORK_WATCH_POLL_SECONDS', 'CHATWORK_WATCH_MIN_VERDICT'] as const).filter((k) => env[k] !== undefined);
    if (set.length > 0) throw new ConfigError(`Invalid configuration:\n  CHATWORK_WATCH_ROOMS: required when ${set.join(' or ')} is set`);
    return null;
  }
  if (!env.CHATWORK_API_TOKEN) {
    throw new ConfigError('Invalid configuration:\n  CHATWORK_API_TOKEN: required when CHATWORK_WATCH_ROOMS is set (the kakunin bot reads the rooms and warns there)');
  }
  const seconds = env.CHATWORK_WATCH_POLL_SECONDS ?? 30;
  const perFiveMinutes = rooms.length * Math.ceil(300 / seconds);
  if (perFiveMinutes > CHATWORK_POLL_BUDGET_PER_5_MIN) {
    throw new ConfigError(
      `Invalid configuration:\n  CHATWORK_WATCH_POLL_SECONDS: ${rooms.length} rooms every ${seconds} s is ${perFiveMinutes} requests in 5 minutes; ` +
        `Chatwork allows 300 per token and kakunin keeps ${300 - CHATWORK_POLL_BUDGET_PER_5_MIN} for warnings and replies: poll less often or watch fewer rooms`,
    );
  }
  return { rooms, pollMs: seconds * 1000, minVerdict: env.CHATWORK_WATCH_MIN_VERDICT ?? 'medium' };
}

/** Slack is all or nothing: a partial set names what is missing. */
function slackConfig(env: z.infer<typeof envSchema>): SlackConfig | null {
  const set = { SLACK_BOT_TOKEN: env.SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET: env.SLACK_SIGNING_SECRET, SLACK_CHANNEL_ID: env.SLACK_CHANNEL_ID };
  const missing = Object.entries(set)
    .filter(([, v]) => v === undefined)
    .map(([k]) => k);
  if (missing.length === 3) return null;
  if (missing.length > 0) {
    const why = 'required when any of SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_CHANNEL_ID is set';
    throw new ConfigError(`Invalid configuration:\n${missing.map((k) => `  ${k}: ${why}`).join('\n')}`);
  }
  return {
    botToken: env.SLACK_BOT_TOKEN!,
    signingSecret: env.SLACK_SIGNING_SECRET!,
    channelId: env.SLACK_CHANNEL_ID!,
    apiUrl: env.SLACK_API_URL.endsWith('/') ? env.SLACK_API_URL : `${env.SLACK_API_URL}/`,
    mentionHigh: env.SLACK_MENTION_HIGH,
  };
}

/**
 * Parses the environment once. Empty strings count as unset, so `PORT=` falls back to 8787.
 * @example loadConfig({ PORT: '9000', DATABASE_URL: 'file:/tmp/k.db' }).port // 9000
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return toConfig(parsed.data);
}

/** Reads ESCALATION_POLICY_FILE (if set), validates it and applies the environment overrides. */
function escalationPolicy(env: z.infer<typeof envSchema>): EscalationPolicy {
  let file: z.infer<typeof policyFileSchema> | null = null;
  if (env.ESCALATION_POLICY_FILE) {
    const where = `ESCALATION_POLICY_FILE (${env.ESCALATION_POLICY_FILE})`;
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(env.ESCALATION_POLICY_FILE, 'utf8'));
    } catch (err) {
      throw new ConfigError(`Invalid configuration:\n  ${where}: ${err instanceof Error ? err.message : String(err)}`);
    }
    const parsed = policyFileSchema.safeParse(raw);
    if (!parsed.success) {
      const lines = parsed.error.issues.map((i) => `  ${where}: ${i.path.join('.') || '(root)'}: ${i.message}`);
      throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
    }
    file = parsed.data;
  }
  return resolvePolicy(file, env.NOTIFY_MIN_VERDICT, {
    highAckMinutes: env.ESCALATION_HIGH_ACK_MINUTES,
    mediumAckMinutes: env.ESCALATION_MEDIUM_ACK_MINUTES,
    secondLevelTargets: env.ESCALATION_SECOND_LEVEL_TARGETS,
    unresolvedMinutes: env.ESCALATION_UNRESOLVED_MINUTES,
  });
}

/** Teams is on with an app id (and what its app type needs), or with TEAMS_ALLOW_UNAUTHENTICATED. */
function teamsConfig(env: z.infer<typeof envSchema>): TeamsConfig | null {
  if (!env.TEAMS_APP_ID) {
    if (!env.TEAMS_ALLOW_UNAUTHENTICATED) return null;
    // botbuilder's SingleTenant needs an app id; without one it runs unauthenticated as MultiTenant.
    return {
      appId: null,
      appPassword: null,
      tenantId: env.TEAMS_APP_TENANT_ID ?? null,
      appType: 'MultiTenant',
      allowUnauthenticated: true,
      allowedIds: env.TEAMS_ALLOWED_IDS,
    };
  }
  // The tenant is required for MultiTenant registrations too: without it any tenant's team could
  // install the app and bind (only TEAMS_ALLOW_UNAUTHENTICATED development runs without one).
  const needed = ['TEAMS_APP_PASSWORD', 'TEAMS_APP_TENANT_ID'] as const;
  const missing = needed.filter((k) => !env[k]);
  if (missing.length > 0) {
    const why = `required when TEAMS_APP_ID is set (only TEAMS_ALLOW_UNAUTHENTICATED development runs without it)`;
    throw new ConfigError(`Invalid configuration:\n${missing.map((k) => `  ${k}: ${why}`).join('\n')}`);
  }
  return {
    appId: env.TEAMS_APP_ID,
    appPassword: env.TEAMS_APP_PASSWORD ?? null,
    tenantId: env.TEAMS_APP_TENANT_ID ?? null,
    appType: env.TEAMS_APP_TYPE,
    allowUnauthenticated: env.TEAMS_ALLOW_UNAUTHENTICATED,
    allowedIds: env.TEAMS_ALLOWED_IDS,
  };
}
