/**
 * Structured logs (pino). Authorization headers, tokens and anything called secret or password
 * are replaced by "[redacted]" wherever they appear, so a log line can be shared safely.
 */
import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Keys whose values are secrets wherever they sit: headers, the config's platform settings
 * (`slack.botToken`, `chatwork.apiToken`, `teams.appPassword`, …), request objects. Hyphenated
 * header names are quoted for pino's path syntax.
 */
const SECRET_KEYS = [
  'authorization',
  'cookie',
  'token',
  'secret',
  'password',
  'botToken',
  'signingSecret',
  'apiToken',
  'webhookTokens',
  'appPassword',
  'metricsToken',
  'secretKey',
  'KAKUNIN_SECRET_KEY',
  'clientSecret',
  'CHATWORK_OAUTH_CLIENT_SECRET',
  'accessToken',
  'refreshToken',
  '"x-chatworktoken"',
];

const at = (prefix: string, key: string) => (key.startsWith('"') ? `${prefix}[${key}]` : prefix ? `${prefix}.${key}` : key);

/** Paths pino censors: each secret key at the top level and up to three levels down (`*` is one level). */
export const REDACT_PATHS = SECRET_KEYS.flatMap((k) => [k.startsWith('"') ? `[${k}]` : k, at('*', k), at('*.*', k), at('*.*.*', k)]);

/** Creates the process logger; pass `destination` to capture lines (tests, the console notifier check). */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, base: { app: 'kakunin' }, redact: { paths: REDACT_PATHS, censor: '[redacted]' } };
  return destination ? pino(options, destination) : pino(options);
}
