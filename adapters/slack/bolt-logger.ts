/**
 * Bolt (and its WebClient) log through kakunin's pino logger instead of the console, so their
 * lines are structured, redacted and silent in tests like everything else.
 */
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../src/logger.ts';

const text = (msg: unknown[]) => msg.map((m) => (m instanceof Error ? m.message : typeof m === 'string' ? m : JSON.stringify(m))).join(' ');
const errOf = (msg: unknown[]) => msg.find((m): m is Error => m instanceof Error);

function levelOf(level: string): LogLevel {
  if (level === 'trace' || level === 'debug') return LogLevel.DEBUG;
  if (level === 'info') return LogLevel.INFO;
  return level === 'warn' ? LogLevel.WARN : LogLevel.ERROR;
}

/** A Bolt Logger writing to `logger` (component "slack-bolt"). Bolt's setLevel is ignored: LOG_LEVEL rules. */
export function boltLogger(logger: Logger): BoltLogger {
  const log = logger.child({ component: 'slack-bolt' });
  return {
    debug: (...msg: unknown[]) => log.debug(text(msg)),
    info: (...msg: unknown[]) => log.info(text(msg)),
    warn: (...msg: unknown[]) => log.warn(text(msg)),
    error: (...msg: unknown[]) => log.error({ err: errOf(msg) }, text(msg)),
    setLevel: () => undefined,
    getLevel: () => levelOf(logger.level),
    setName: () => undefined,
  };
}
