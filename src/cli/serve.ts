/** `kakunin serve`: migrates, listens on HOST:PORT, runs the outbox worker until SIGINT/SIGTERM. */
import { count } from 'drizzle-orm';
import { activeUserCount } from '../auth/users.ts';
import { loadConfig, type Config } from '../config.ts';
import { apiTokens } from '../db/schema/index.ts';
import { startRetention } from '../retention/schedule.ts';
import { startServer, type RunningServer } from '../server.ts';
import { FIRST_ADMIN_COMMAND } from '../web/pages/signin.tsx';
import { parseCli } from './args.ts';
import type { Command } from './command.ts';

/**
 * Runs the relay on `config` until SIGINT/SIGTERM, then stops it cleanly: what `serve` does, and
 * `demo` after its setup. `onListening` runs once the server listens (the demo prints its banner).
 */
export async function serveUntilStopped(config: Config, onListening?: (server: RunningServer) => void): Promise<void> {
  const server = await startServer(config);
  const { logger, db } = server.runtime.deps;
  logger.info({ url: server.url, database: config.databasePath, notifiers: Object.keys(server.runtime.notifiers) }, `kakunin listening on ${server.url}`);
  const tokens = (await db.select({ n: count() }).from(apiTokens).get())?.n ?? 0;
  if (tokens === 0) {
    logger.info('no API tokens yet; create one with: npx kakunin token create --name admin --scope admin');
  }
  if (config.oidc) {
    logger.info({ issuer: config.oidc.issuer, redirectUri: config.oidc.redirectUri }, 'console sign-in with the company account (SSO); accounts are created at their first sign-in (docs/sso.md)');
  } else if ((await activeUserCount(db)) === 0) {
    logger.info(`no console users yet; create the first admin with: ${FIRST_ADMIN_COMMAND} (then sign in at ${config.publicUrl}/signin)`);
  }
  onListening?.(server);
  const retention = await startRetention(server.runtime.deps); // RETENTION_DAYS: at start, then daily
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  logger.info('shutting down');
  retention.stop();
  await server.close();
}

export const serveCommand: Command = {
  usage: 'serve                           run the relay (HTTP API + outbox worker)',
  help: ['Configuration comes from the environment and KAKUNIN_ENV_FILE or ./.env (see .env.example); nothing is read from arguments.'],
  async run(args, io) {
    parseCli(args, {});
    await serveUntilStopped(loadConfig(io.env));
    return 0;
  },
};
