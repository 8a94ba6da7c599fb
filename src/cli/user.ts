/**
 * `kakunin user create --name N --role viewer|responder|admin [--display-name D]`: a console user.
 * The password comes from KAKUNIN_PASSWORD when set (never from the command line, where `ps` and
 * shell history would keep it); otherwise a random one is generated and printed once.
 */
import { generatePassword } from '../auth/passwords.ts';
import { createUser } from '../auth/users.ts';
import { USER_ROLES } from '../domain/user.ts';
import { AppError } from '../errors.ts';
import { CliError, flagHelp, parseCli, UsageError } from './args.ts';
import type { Command } from './command.ts';
import { withDb } from './with-db.ts';

const FLAGS = {
  name: { type: 'string', required: true, arg: 'NAME', help: 'sign-in name' },
  role: { type: 'string', required: true, values: USER_ROLES, help: 'viewer reads; responder also acts on cases; admin also manages users, tokens and the ledger' },
  'display-name': { type: 'string', arg: 'NAME', help: 'name shown in the console and the audit trail (at most 100 characters)' },
} as const;

export const userCommand: Command = {
  usage: 'user create --name N --role viewer|responder|admin [--display-name D]   create a console user',
  help: [...flagHelp(FLAGS), '', 'The password is read from KAKUNIN_PASSWORD, or generated and printed once.'],
  async run(args, io) {
    const { values } = parseCli(args, { verbs: ['create'], flags: FLAGS });
    const displayName = values['display-name'];
    if (displayName !== undefined && displayName.length > 100) throw new UsageError('--display-name is longer than 100 characters');
    const given = io.env.KAKUNIN_PASSWORD;
    const password = given && given.length > 0 ? given : generatePassword();
    const role = values.role as (typeof USER_ROLES)[number];
    try {
      const user = await withDb(io.env, (db) => createUser(db, { name: values.name!, role, displayName, password }, new Date()));
      io.err(`user #${user.id} "${user.name}" (role ${user.role}) created.`);
      if (!given) {
        io.err('Password (shown only this once):');
        io.out(password);
      }
      return 0;
    } catch (err) {
      if (err instanceof AppError) throw new CliError(err.message);
      throw err;
    }
  },
};
