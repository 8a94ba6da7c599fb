/**
 * The organisation's report link token. `rotateReportLink` revokes every link and returns a new
 * token once (only its hash is stored); `reportLinkValid` checks a token from a URL.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { reportLinks } from '../db/schema/index.ts';

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** Revokes the current link and creates a new one; the token is returned only here. */
export function rotateReportLink(db: Db, by: string, at: Date): string {
  const token = `rl_${randomBytes(24).toString('base64url')}`;
  db.transaction((tx) => {
    tx.update(reportLinks).set({ revokedAt: at.toISOString() }).where(isNull(reportLinks.revokedAt)).run();
    tx.insert(reportLinks).values({ tokenHash: sha256(token), createdBy: by, createdAt: at.toISOString() }).run();
  });
  return token;
}

/** Revokes every report link (the form then needs a signed-in user). */
export function revokeReportLinks(db: Db, at: Date): void {
  db.update(reportLinks).set({ revokedAt: at.toISOString() }).where(isNull(reportLinks.revokedAt)).run();
}

/** True when `token` is the current, unrevoked link. */
export function reportLinkValid(db: Db, token: string | null | undefined): boolean {
  if (!token || !/^rl_[A-Za-z0-9_-]{32}$/.test(token)) return false;
  return !!db
    .select({ id: reportLinks.id })
    .from(reportLinks)
    .where(and(eq(reportLinks.tokenHash, sha256(token)), isNull(reportLinks.revokedAt)))
    .get();
}

/** When the current link was made and by whom (null when there is none). */
export function currentReportLink(db: Db): { createdAt: string; createdBy: string } | null {
  return db.select({ createdAt: reportLinks.createdAt, createdBy: reportLinks.createdBy }).from(reportLinks).where(isNull(reportLinks.revokedAt)).get() ?? null;
}
