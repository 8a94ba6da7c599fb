/** Listening: runs a Runtime's app on HOST:PORT and starts the outbox worker and the WAL checkpoint thread. */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import type { Config } from './config.ts';
import type { AppEnv } from './http/env.ts';
import { startCheckpointer } from './db/checkpointer.ts';
import { discoverSso } from './auth/oidc.ts';
import { createLogger } from './logger.ts';
import { createRuntime, type Runtime, type RuntimeOptions } from './runtime.ts';

export interface RunningServer {
  runtime: Runtime;
  /** `http://host:port`, with the real port when PORT=0. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Starts kakunin. With OIDC_* set, the provider's discovery document is fetched first: an
 * unreachable issuer stops the start (ConfigError naming its URL) before anything listens.
 * `configure` may add routes before listening (the bench's reference route).
 */
export async function startServer(
  config: Config,
  opts: RuntimeOptions & { configure?: (app: Hono<AppEnv>, runtime: Runtime) => void } = {},
): Promise<RunningServer> {
  const logger = opts.logger ?? createLogger(config.logLevel);
  const sso = opts.sso ?? (config.oidc ? await discoverSso(config.oidc, logger.child({ component: 'oidc' })) : null);
  const runtime = await createRuntime(config, { ...opts, logger, sso });
  opts.configure?.(runtime.app, runtime);
  try {
    for (const binding of Object.values(runtime.notifiers)) await binding?.start?.(runtime.deps);
  } catch (err) {
    await runtime.close();
    throw err;
  }
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: runtime.app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
    s.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const checkpointer = startCheckpointer(runtime.handle, config.databasePath, runtime.deps.logger.child({ component: 'checkpoint' }));
  runtime.worker.start();
  return {
    runtime,
    url: `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`,
    port,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      await checkpointer.stop();
      await runtime.close();
    },
  };
}
