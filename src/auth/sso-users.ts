/**
 * Console accounts from the identity provider. Each SSO sign-in creates or updates the account
 * keyed by (issuer, subject): display name and e-mail come from the claims and the role is
 * recomputed from the role claim every time, so someone removed from a group has the lower role
 * (or none) from their next sign-in on. An account an admin disabled stays disabled: the provider
 * cannot switch it back on. Someone whose claim maps to no role is refused, and any sessions they
 * still hold end.
 */
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { sessions, users } from '../db/schema/index.ts';
import type { UserRole } from '../domain/user.ts';
import { userView, type ConsoleUser } from './users.ts';

/** The sign-in name of an SSO account: never a valid local name (those have no ':'), stable for its key. */
export function ssoUserName(issuer: string, subject: string): string {
  return `sso:${createHash('sha256').update(`${issuer}\n${subject}`, 'utf8').digest('hex').slice(0, 24)}`;
}

/** Who the provider signed in, with the role the map gives them (null: none). */
export interface SsoPerson {
  issuer: string;
  subject: string;
  displayName: string;
  email: string | null;
  role: UserRole | null;
}

export type SsoSignInResult =
  | { ok: true; user: ConsoleUser; created: boolean; previousRole: UserRole | null }
  | { ok: false; reason: 'no_role' | 'disabled'; user: ConsoleUser | null };

/** Creates or updates the account for `p` in one transaction and says whether they may sign in. */
export async function signInSsoUser(db: Db, p: SsoPerson, at: Date): Promise<SsoSignInResult> {
  return await db.transaction(
    async function upsert(): Promise<SsoSignInResult> {
      const row = await db
        .select()
        .from(users)
        .where(and(eq(users.oidcIssuer, p.issuer), eq(users.oidcSubject, p.subject)))
        .get();
      if (row?.disabledAt) return { ok: false, reason: 'disabled', user: userView(row) };
      if (p.role === null) {
        if (row) await db.delete(sessions).where(eq(sessions.userId, row.id)).run();
        return { ok: false, reason: 'no_role', user: row ? userView(row) : null };
      }
      const now = at.toISOString();
      if (row) {
        const updated = await db
          .update(users)
          .set({ displayName: p.displayName, email: p.email, role: p.role, updatedAt: now })
          .where(eq(users.id, row.id))
          .returning()
          .get()!;
        return { ok: true, user: userView(updated), created: false, previousRole: row.role };
      }
      const created = await db
        .insert(users)
        .values({
          name: ssoUserName(p.issuer, p.subject),
          displayName: p.displayName,
          role: p.role,
          passwordHash: '', // no password can match: verifyPassword refuses a malformed hash
          email: p.email,
          oidcIssuer: p.issuer,
          oidcSubject: p.subject,
          createdAt: now,
          updatedAt: now,
        })
        .returning()
        .get();
      return { ok: true, user: userView(created), created: true, previousRole: null };
    },
    { behavior: 'immediate' },
  );
}
