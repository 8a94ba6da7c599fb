/**
 * `kakunin demo` (`npm run demo`): a working console in one command. Recreates ./data/demo.db,
 * imports the demo ledger, submits the sample reports of examples/demo through the real intake,
 * takes a few responder actions, creates the admin `admin` with a password printed once, then
 * serves like `serve` (PORT, default 8787) and prints the console URL.
 *
 * It never opens the configured DATABASE_URL, and it ignores the Chatwork, Slack and Teams
 * settings (cards go to the console inbox only), so a demo can't reach a real database or post
 * into a real channel. Only PORT, HOST and LOG_LEVEL are taken from the environment.
 */
import path from 'node:path';
import { loadConfig } from '../config.ts';
import { removeDemoDatabase, setupDemo, NotADemoDatabase, type DemoResult } from '../demo/setup.ts';
import { createLogger } from '../logger.ts';
import { CliError, flagHelp, parseCli } from './args.ts';
import type { CliIo, Command } from './command.ts';
import { serveUntilStopped } from './serve.ts';

/** Where the demo database goes unless --database says otherwise. */
export const DEMO_DATABASE = 'data/demo.db';

const FLAGS = {
  database: { type: 'string', arg: 'FILE', help: `the demo database, recreated on every run (default ${DEMO_DATABASE}); never the DATABASE_URL one` },
  'setup-only': { type: 'boolean', help: 'build the demo database and exit without serving' },
} as const;

/** The demo's configuration: the demo file, the inbox as the only card channel, no platform settings. */
function demoConfig(env: CliIo['env'], databasePath: string) {
  return loadConfig({
    PORT: env.PORT,
    HOST: env.HOST,
    LOG_LEVEL: env.LOG_LEVEL || 'warn',
    DATABASE_URL: `file:${databasePath}`,
    INBOX_NOTIFIER: 'on',
    CONSOLE_NOTIFIER: 'false',
  });
}

function printSummary(io: CliIo, r: DemoResult): void {
  io.out(`kakunin demo: ${r.databasePath} (recreated; DATABASE_URL's database was not opened)`);
  io.out(`  ${r.reports} sample reports → ${r.cases} cases, ${r.actions} responder actions, ${r.inboxCards} cards in the console inbox`);
}

export const demoCommand: Command = {
  usage: 'demo [--database FILE] [--setup-only]   a demo console: sample cases, an admin, then serve',
  help: [
    ...flagHelp(FLAGS),
    '',
    'Recreates the demo database, imports examples/demo/directory.json, submits examples/demo/reports.jsonl',
    'through POST /api/reports, takes the actions of examples/demo/actions.json, creates the console user',
    '"admin" (password printed once), then serves on PORT (default 8787) until Ctrl+C.',
    'Never opens DATABASE_URL; Chatwork, Slack and Teams settings are ignored (cards go to the inbox).',
  ],
  async run(args, io) {
    const { values } = parseCli(args, { flags: FLAGS });
    const file = path.resolve(values.database ?? DEMO_DATABASE);
    const real = loadConfig({ DATABASE_URL: io.env.DATABASE_URL }).databasePath;
    if (file === real) {
      throw new CliError(`${file} is the database of DATABASE_URL: the demo never touches it. Choose another --database.`);
    }
    try {
      removeDemoDatabase(file);
    } catch (err) {
      if (err instanceof NotADemoDatabase) throw new CliError(err.message);
      throw err;
    }
    const config = demoConfig(io.env, file);
    const result = await setupDemo(config, { logger: createLogger(config.logLevel) });
    printSummary(io, result);
    const credentials = () => {
      io.out(`  sign in as "${result.admin.name}" with this password (shown only this once): ${result.admin.password}`);
    };
    if (values['setup-only']) {
      credentials();
      return 0;
    }
    try {
      await serveUntilStopped(config, (server) => {
        const host = config.host === '127.0.0.1' || config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
        io.out(`  console: http://${host}:${server.port}/signin  (コンソール)`);
        credentials();
        io.out('  Ctrl+C stops the demo. / Ctrl+C で終了します。');
      });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        throw new CliError(`port ${config.port} is in use (is kakunin already running?): run the demo on another one, e.g. PORT=8788 npx kakunin demo`);
      }
      throw err;
    }
    return 0;
  },
};
