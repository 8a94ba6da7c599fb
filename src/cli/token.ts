/** `kakunin token create --name N --scope intake|respond|admin`: prints a new token once. */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createToken } from '../auth/tokens.ts';
import { TOKEN_SCOPES } from '../db/schema/index.ts';
import type { Command } from './command.ts';
import { withDb } from './with-db.ts';

const argsSchema = z.object({ name: z.string().min(1).max(100), scope: z.enum(TOKEN_SCOPES) });

export const tokenCommand: Command = {
  usage: 'token create --name N --scope intake|respond|admin   create an API token (shown once)',
  async run(args, io) {
    const { positionals, values } = parseArgs({ args, options: { name: { type: 'string' }, scope: { type: 'string' } }, allowPositionals: true });
    const parsed = argsSchema.safeParse(values);
    if (positionals[0] !== 'create' || !parsed.success) {
      io.err(`usage: kakunin ${tokenCommand.usage}`);
      return 2;
    }
    const { id, token } = await withDb(io.env, (db) => createToken(db, parsed.data.name, parsed.data.scope, new Date()));
    io.err(`token #${id} "${parsed.data.name}" (scope ${parsed.data.scope}) created; it is shown only this once:`);
    io.out(token);
    return 0;
  },
};
