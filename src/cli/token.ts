/**
 * `kakunin token create --name N --scope intake|respond|admin [--callback-url URL]`: prints a new
 * token once (stdout). With --callback-url, the signing secret of the callbacks is printed once too
 * (second stdout line).
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createToken } from '../auth/tokens.ts';
import { TOKEN_SCOPES } from '../db/schema/index.ts';
import type { Command } from './command.ts';
import { withDb } from './with-db.ts';

const argsSchema = z.object({
  name: z.string().min(1).max(100),
  scope: z.enum(TOKEN_SCOPES),
  'callback-url': z.url({ protocol: /^https?$/ }).max(2000).optional(),
});

export const tokenCommand: Command = {
  usage: 'token create --name N --scope intake|respond|admin [--callback-url URL]   create an API token (shown once)',
  async run(args, io) {
    const { positionals, values } = parseArgs({ args, options: { name: { type: 'string' }, scope: { type: 'string' }, 'callback-url': { type: 'string' } }, allowPositionals: true });
    const parsed = argsSchema.safeParse(values);
    if (positionals[0] !== 'create' || !parsed.success) {
      io.err(`usage: kakunin ${tokenCommand.usage}`);
      return 2;
    }
    const callbackUrl = parsed.data['callback-url'] ?? null;
    const { id, token, callbackSecret } = await withDb(io.env, (db) => createToken(db, parsed.data.name, parsed.data.scope, new Date(), { callbackUrl }));
    io.err(`token #${id} "${parsed.data.name}" (scope ${parsed.data.scope}) created; it is shown only this once:`);
    io.out(token);
    if (callbackSecret) {
      io.err(`callbacks go to ${callbackUrl}, signed with this secret (X-Kakunin-Signature: sha256=HMAC(secret, timestamp + "." + body)); shown only this once:`);
      io.out(callbackSecret);
    }
    return 0;
  },
};
