/**
 * Structured logs (pino). Authorization headers, tokens and anything called secret or password
 * are replaced by "[redacted]" wherever they appear, so a log line can be shared safely.
 */
import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** Paths pino censors. `*` matches one level, so nested request objects are covered too. */
export const REDACT_PATHS = [
  'authorization',
  'token',
  'secret',
  'password',
  '*.authorization',
  '*.token',
  '*.secret',
  '*.password',
  '*.headers.authorization',
  '*.*.authorization',
  '*.*.token',
  '*.*.secret',
  'headers.authorization',
  'headers.cookie',
];

/** Creates the process logger; pass `destination` to capture lines (tests, the console notifier check). */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, base: { app: 'kakunin' }, redact: { paths: REDACT_PATHS, censor: '[redacted]' } };
  return destination ? pino(options, destination) : pino(options);
}
