/**
 * `kakunin user create --name N --role viewer|responder|admin [--display-name D]`: a console user.
 * The password comes from KAKUNIN_PASSWORD when set (never from the command line, where `ps` and
 * shell history would keep it); otherwise a random one is generated and printed once.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { generatePassword } from '../auth/passwords.ts';
import { createUser } from '../auth/users.ts';
import { USER_ROLES } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';
import type { Command } from './command.ts';
import { withDb } from './with-db.ts';

const argsSchema = z.object({ name: z.string().min(1), role: z.enum(USER_ROLES), 'display-name': z.string().min(1).max(100).optional() });

export const userCommand: Command = {
  usage: 'user create --name N --role viewer|responder|admin [--display-name D]   create a console user',
  async run(args, io) {
    const { positionals, values } = parseArgs({
      args,
      options: { name: { type: 'string' }, role: { type: 'string' }, 'display-name': { type: 'string' } },
      allowPositionals: true,
    });
    const parsed = argsSchema.safeParse(values);
    if (positionals[0] !== 'create' || !parsed.success) {
      io.err(`usage: kakunin ${userCommand.usage}`);
      io.err('The password is read from KAKUNIN_PASSWORD, or generated and printed once.');
      return 2;
    }
    const given = io.env.KAKUNIN_PASSWORD;
    const password = given && given.length > 0 ? given : generatePassword();
    try {
      const user = await withDb(io.env, (db) =>
        createUser(db, { name: parsed.data.name, role: parsed.data.role, displayName: parsed.data['display-name'], password }, new Date()),
      );
      io.err(`user #${user.id} "${user.name}" (role ${user.role}) created.`);
      if (!given) {
        io.err('Password (shown only this once):');
        io.out(password);
      }
      return 0;
    } catch (err) {
      if (err instanceof AppError) {
        io.err(err.message);
        return 1;
      }
      throw err;
    }
  },
};
