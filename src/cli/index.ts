/**
 * The command table. Add a command by writing src/cli/<name>.ts exporting a `Command` and adding
 * a line here (the lead adds `detect` and `eval`). Commands load lazily, so `migrate` or
 * `token create` never import the HTTP server or the detection engine.
 */
import type { Command } from './command.ts';

export interface CommandEntry {
  usage: string;
  load: () => Promise<Command>;
}

export const commands: Record<string, CommandEntry> = {
  serve: {
    usage: 'serve                           run the relay (HTTP API + outbox worker)',
    load: async () => (await import('./serve.ts')).serveCommand,
  },
  demo: {
    usage: 'demo [--database FILE] [--setup-only]   a demo console: sample cases, an admin, then serve',
    load: async () => (await import('./demo.ts')).demoCommand,
  },
  migrate: {
    usage: 'migrate                         apply database migrations (exit 0/1)',
    load: async () => (await import('./migrate.ts')).migrateCommand,
  },
  directory: {
    usage: 'directory import FILE           replace the ledger with a directory.json',
    load: async () => (await import('./directory.ts')).directoryCommand,
  },
  token: {
    usage: 'token create --name N --scope intake|respond|admin   create an API token (shown once)',
    load: async () => (await import('./token.ts')).tokenCommand,
  },
  user: {
    usage: 'user create --name N --role viewer|responder|admin [--display-name D]   create a console user',
    load: async () => (await import('./user.ts')).userCommand,
  },
  audit: {
    usage: 'audit verify                    check the audit trail hash chain (exit 1 if broken)',
    load: async () => (await import('./audit.ts')).auditCommand,
  },
  detect: {
    usage: 'detect --directory FILE [--input FILE]   score JSONL reports (stdin by default)',
    load: async () => (await import('./detect.ts')).detectCommand,
  },
  eval: {
    usage: 'eval --corpus DIR               recall and false-positive rate on a labelled corpus',
    load: async () => (await import('./eval.ts')).evalCommand,
  },
  backup: {
    usage: 'backup FILE                     consistent copy of the database, safe while serving',
    load: async () => (await import('./backup.ts')).backupCommand,
  },
  retention: {
    usage: 'retention run [--days N]         purge message bodies of cases resolved N days ago (hashes kept)',
    load: async () => (await import('./retention.ts')).retentionCommand,
  },
};
