/**
 * `kakunin token create --name N --scope intake|respond|admin [--callback-url URL]`: prints a new
 * token once (stdout). With --callback-url, the signing secret of the callbacks is printed once too
 * (second stdout line).
 */
import { z } from 'zod';
import { createToken } from '../auth/tokens.ts';
import { TOKEN_SCOPES } from '../db/schema/index.ts';
import { flagHelp, parseCli, UsageError } from './args.ts';
import type { Command } from './command.ts';
import { withDb } from './with-db.ts';

const FLAGS = {
  name: { type: 'string', required: true, arg: 'NAME', help: 'what the token is for, shown in the console (at most 100 characters)' },
  scope: { type: 'string', required: true, values: TOKEN_SCOPES, help: 'intake submits reports; respond reads and acts on cases; admin both, plus the ledger' },
  'callback-url': { type: 'string', arg: 'URL', help: 'http(s) URL that receives signed case updates for the reports of this token' },
} as const;

export const tokenCommand: Command = {
  usage: 'token create --name N --scope intake|respond|admin [--callback-url URL]   create an API token (shown once)',
  help: flagHelp(FLAGS),
  async run(args, io) {
    const { values } = parseCli(args, { verbs: ['create'], flags: FLAGS });
    const name = values.name!;
    if (name.length > 100) throw new UsageError('--name is longer than 100 characters');
    const scope = values.scope as (typeof TOKEN_SCOPES)[number];
    const callbackUrl = values['callback-url'] ?? null;
    if (callbackUrl !== null && !z.url({ protocol: /^https?$/ }).max(2000).safeParse(callbackUrl).success) {
      throw new UsageError(`--callback-url ${JSON.stringify(callbackUrl.slice(0, 80))} is not an http(s) URL`);
    }
    const { id, token, callbackSecret } = await withDb(io.env, async (db) => await createToken(db, name, scope, new Date(), { callbackUrl }));
    io.err(`token #${id} "${name}" (scope ${scope}) created; it is shown only this once:`);
    io.out(token);
    if (callbackSecret) {
      io.err(`callbacks go to ${callbackUrl}, signed with this secret (X-Kakunin-Signature: sha256=HMAC(secret, timestamp + "." + body)); shown only this once:`);
      io.out(callbackSecret);
    }
    return 0;
  },
};
