/**
 * kakunin's configuration: one zod schema over the environment, parsed once at start.
 * Nothing else reads `process.env`. A bad value stops the process with a message naming the
 * variable (see `ConfigError`).
 *
 * Adding a variable (adapters): add it to `envSchema` below and map it into `Config` in
 * `toConfig`; both edits live in this file, and document it in `.env.example` (a test checks).
 *
 * The variables may also come from a file (`withEnvFile`): KAKUNIN_ENV_FILE, or `./.env` when it
 * exists, read with Node's own parser (the `--env-file` format); a variable set in the process
 * environment wins over the file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import { withoutTrailingSlashes } from './domain/url.ts';
import { VERDICTS } from './domain/detection.ts';
import { policyFileSchema, resolvePolicy, targetSpecSchema, type EscalationPolicy } from './escalation-policy.ts';
import { parseRoleMap, type RoleMap } from './domain/role-map.ts';

/**
 * The longest a card update may be held back (CARD_UPDATE_DELAY_MS). Half the outbox's send lease
 * (SEND_LEASE_MS, 60 s): src/delivery/enqueue.ts takes a pending update due later than this for
 * one being sent, not one waiting.
 */
export const MAX_CARD_UPDATE_DELAY_MS = 30_000;

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
  /**
   * The `console` notifier logs a line per card (ref, severity, counts; never the message). Unset:
   * on only when neither Slack nor Teams is configured; `true` / `false` decide.
   */
  CONSOLE_NOTIFIER: z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true' || v === '1' || v === 'yes')),
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
  CHATWORK_REQUESTS_AUTO_DECLINE: bool(false),
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
  /** Escalation policy (src/escalation-policy.ts): a JSON file, then the overrides below. */
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
  /** Behind a reverse proxy: take the client address (sign-in and report link rate limits) from X-Forwarded-For. */
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
  /**
   * Console sign-in with the company's identity provider (OpenID Connect, docs/sso.md): on when
   * OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and OIDC_ROLE_MAP are all set (all or nothing).
   * The issuer's discovery document is fetched at start; an unreachable issuer stops the start.
   */
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).max(500).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).max(2000).optional(),
  /** Space-separated; must include openid. */
  OIDC_SCOPES: z
    .string()
    .default('openid profile email')
    .transform((v) => v.split(/\s+/).filter(Boolean))
    .refine((s) => s.includes('openid'), 'must include openid')
    .refine((s) => s.every((x) => /^[\x21\x23-\x5B\x5D-\x7E]+$/.test(x)), 'scopes are space-separated words'),
  /** The ID token (or userinfo) claim whose values OIDC_ROLE_MAP maps: groups, roles, email, hd… */
  OIDC_ROLE_CLAIM: z.string().regex(/^[A-Za-z0-9_:.\/-]{1,100}$/, 'must be a claim name such as groups').default('groups'),
  /** value=role pairs, comma-separated; `*` for everyone else (src/domain/role-map.ts). */
  OIDC_ROLE_MAP: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined) return undefined;
      try {
        return parseRoleMap(v);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message });
        return z.NEVER;
      }
    }),
  /** Development and tests only: accept an http:// issuer. Logs a loud warning. */
  OIDC_ALLOW_INSECURE_ISSUER: bool(false),
  /** false: no local user name/password sign-in on the console (SSO only; docs/sso.md has the break-glass procedure). */
  LOCAL_ACCOUNTS: bool(true),
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
  /** Web console (src/web): session lifetime, cookie security, proxy trust, local user name/password sign-in. */
  web: { sessionTtlMs: number; secureCookies: boolean; trustProxy: boolean; localAccounts: boolean };
  /** Console sign-in through OpenID Connect; null when OIDC_* is not set. */
  oidc: OidcConfig | null;
  /** Per-severity routing, reminders and second level (src/escalation-policy.ts). */
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

/** OpenID Connect settings (src/auth/oidc.ts). */
export interface OidcConfig {
  /** As configured (discovery checks that the provider says the same). */
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string[];
  roleClaim: string;
  roleMap: RoleMap;
  /** http:// issuer accepted (development and tests only). */
  allowInsecureIssuer: boolean;
  /** PUBLIC_URL + /signin/oidc/callback: register exactly this at the provider. */
  redirectUri: string;
  /** PUBLIC_URL + /signin: where the provider sends the browser after its own sign-out. */
  postLogoutRedirectUri: string;
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

function toConfig(env: z.infer<typeof envSchema>, given: ReadonlySet<string>): Config {
  const slack = slackConfig(env);
  const teams = teamsConfig(env);
  const publicUrl = withoutTrailingSlashes(env.PUBLIC_URL ?? `http://localhost:${env.PORT}`);
  const oidc = oidcConfig(env, given, publicUrl);
  if (!env.LOCAL_ACCOUNTS && !oidc) {
    throw new ConfigError('Invalid configuration:\n  LOCAL_ACCOUNTS: false needs OIDC_* (SSO), or nobody could sign in to the console');
  }
  return {
    port: env.PORT,
    host: env.HOST,
    databasePath: path.resolve(env.DATABASE_URL.slice('file:'.length)),
    publicUrl,
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
    // With a real platform the console notifier is only noise (and a second copy of what cards say).
    console: { enabled: env.CONSOLE_NOTIFIER ?? (slack === null && teams === null) },
    chatwork: {
      webhookTokens: env.CHATWORK_WEBHOOK_TOKENS,
      apiToken: env.CHATWORK_API_TOKEN ?? null,
      apiUrl: withoutTrailingSlashes(env.CHATWORK_API_URL),
      botAccountId: env.CHATWORK_BOT_ACCOUNT_ID ?? null,
      guard: chatworkGuardConfig(env, given, publicUrl),
      watch: chatworkWatchConfig(env),
    },
    slack,
    teams,
    inbox: { mode: env.INBOX_NOTIFIER },
    web: {
      sessionTtlMs: env.SESSION_TTL_HOURS * 3_600_000,
      secureCookies: (env.PUBLIC_URL ?? '').startsWith('https:'),
      trustProxy: env.TRUST_PROXY,
      localAccounts: env.LOCAL_ACCOUNTS,
    },
    oidc,
    escalation: escalationPolicy(env),
    metricsToken: env.METRICS_TOKEN ?? null,
    retentionDays: env.RETENTION_DAYS,
    secretKey: env.KAKUNIN_SECRET_KEY,
  };
}

/** The OIDC variables that switch SSO on; each needs the others. */
const OIDC_REQUIRED = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_ROLE_MAP'] as const;
const OIDC_ANY = [...OIDC_REQUIRED, 'OIDC_SCOPES', 'OIDC_ROLE_CLAIM'] as const;

/**
 * OIDC is all or nothing: any OIDC_* variable needs the four required ones and an explicit
 * PUBLIC_URL (the redirect URI registered at the provider is built from it). An http:// issuer is
 * refused unless OIDC_ALLOW_INSECURE_ISSUER=true.
 */
function oidcConfig(env: z.infer<typeof envSchema>, given: ReadonlySet<string>, publicUrl: string): OidcConfig | null {
  const any = OIDC_ANY.filter((k) => given.has(k));
  if (any.length === 0) return null;
  const problems: string[] = OIDC_REQUIRED.filter((k) => !given.has(k)).map((k) => `  ${k}: required when any OIDC_* variable is set (set: ${any.join(', ')})`);
  if (!given.has('PUBLIC_URL')) problems.push('  PUBLIC_URL: required with OIDC (the redirect URI is PUBLIC_URL + /signin/oidc/callback)');
  const scheme = env.OIDC_ISSUER ? new URL(env.OIDC_ISSUER).protocol : 'https:';
  if (scheme === 'http:' && !env.OIDC_ALLOW_INSECURE_ISSUER) {
    problems.push(`  OIDC_ISSUER: must be https:// (${env.OIDC_ISSUER}); OIDC_ALLOW_INSECURE_ISSUER=true allows http:// for development only`);
  } else if (scheme !== 'http:' && scheme !== 'https:') {
    problems.push(`  OIDC_ISSUER: must be an https:// URL (${env.OIDC_ISSUER})`);
  }
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  return {
    issuer: env.OIDC_ISSUER!,
    clientId: env.OIDC_CLIENT_ID!,
    clientSecret: env.OIDC_CLIENT_SECRET!,
    scopes: env.OIDC_SCOPES,
    roleClaim: env.OIDC_ROLE_CLAIM,
    roleMap: env.OIDC_ROLE_MAP!,
    allowInsecureIssuer: env.OIDC_ALLOW_INSECURE_ISSUER,
    redirectUri: `${publicUrl}/signin/oidc/callback`,
    postLogoutRedirectUri: `${publicUrl}/signin`,
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
function chatworkGuardConfig(env: z.infer<typeof envSchema>, given: ReadonlySet<string>, publicUrl: string): ChatworkGuardConfig | null {
  const set = GUARD_VARIABLES.filter((k) => given.has(k));
  if (set.length === 0) return null;
  const why = `required for the contact-request guard (${set.join(', ')} ${set.length === 1 ? 'is' : 'are'} set)`;
  const missing: string[] = [];
  if (!env.CHATWORK_OAUTH_CLIENT_ID) missing.push(`  CHATWORK_OAUTH_CLIENT_ID: ${why}`);
  if (!env.CHATWORK_OAUTH_CLIENT_SECRET) missing.push(`  CHATWORK_OAUTH_CLIENT_SECRET: ${why}`);
  if (!env.CHATWORK_API_TOKEN) missing.push(`  CHATWORK_API_TOKEN: ${why} (the kakunin bot sends the warnings)`);
  if (!env.PUBLIC_URL) missing.push(`  PUBLIC_URL: ${why} (the OAuth redirect URI is PUBLIC_URL/chatwork/oauth/callback)`);
  if (missing.length > 0) throw new ConfigError(`Invalid configuration:\n${missing.join('\n')}`);
  return {
    clientId: env.CHATWORK_OAUTH_CLIENT_ID!,
    clientSecret: env.CHATWORK_OAUTH_CLIENT_SECRET!,
    authorizeUrl: env.CHATWORK_OAUTH_AUTHORIZE_URL ?? 'https://www.chatwork.com/packages/oauth2/login.php',
    tokenUrl: env.CHATWORK_OAUTH_TOKEN_URL ?? 'https://oauth.chatwork.com/token',
    revokeUrl: env.CHATWORK_OAUTH_REVOKE_URL ?? null,
    redirectUri: `${publicUrl}/chatwork/oauth/callback`,
    pollMs: (env.CHATWORK_REQUESTS_POLL_SECONDS ?? 60) * 1000,
    autoDecline: env.CHATWORK_REQUESTS_AUTO_DECLINE,
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
  return toConfig(parsed.data, new Set(Object.keys(cleaned)));
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

/** The variable that names the configuration file (read before everything else). */
export const ENV_FILE_VARIABLE = 'KAKUNIN_ENV_FILE';

/**
 * The environment with the configuration file's variables added: the file named by
 * KAKUNIN_ENV_FILE (it must exist), or `.env` in `cwd` when there is one, parsed by Node's
 * `util.parseEnv` (what `node --env-file` reads: `KEY=value`, `#` comments, quotes). A variable
 * set (non-empty) in `env` wins over the file, so `PORT=9000 npx kakunin serve` overrides it.
 * Returns `env` itself when there is no file. A file that cannot be read is a ConfigError.
 * @example withEnvFile({ PORT: '9000', KAKUNIN_ENV_FILE: '/etc/kakunin.env' }).env.PORT // '9000', whatever the file says
 */
export function withEnvFile(
  env: Record<string, string | undefined>,
  cwd: string = process.cwd(),
): { env: Record<string, string | undefined>; file: string | null } {
  const named = env[ENV_FILE_VARIABLE];
  const file = named ? path.resolve(cwd, named) : path.join(cwd, '.env');
  if (!named && !fs.existsSync(file)) return { env, file: null };
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : err instanceof Error ? err.message : String(err);
    throw new ConfigError(`Invalid configuration:\n  ${named ? `${ENV_FILE_VARIABLE} (${named})` : file}: ${why}`);
  }
  const fromFile = parseEnv(text);
  const merged: Record<string, string | undefined> = { ...fromFile };
  for (const [k, v] of Object.entries(env)) if (v !== undefined && (v !== '' || !(k in fromFile))) merged[k] = v;
  return { env: merged, file };
}

/**
 * What `npm run teams:package` needs: the Azure Bot's app id and the public URL, without the
 * server's other requirements (no client secret or tenant id is needed to build the package).
 */
export function loadTeamsPackageConfig(env: Record<string, string | undefined>): { appId: string | null; publicUrl: string } {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.pick({ TEAMS_APP_ID: true, PUBLIC_URL: true, PORT: true }).safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return { appId: parsed.data.TEAMS_APP_ID ?? null, publicUrl: withoutTrailingSlashes(parsed.data.PUBLIC_URL ?? `http://localhost:${parsed.data.PORT}`) };
}
