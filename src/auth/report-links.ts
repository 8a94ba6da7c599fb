/**
 * The organisation's report link token. `rotateReportLink` revokes every link and returns a new
 * token once (only its hash is stored); `reportLinkId` checks a token from a URL; `reserveLinkReport`
 * is the link's rate limit, per client address and for the link as a whole.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, gt, isNull, lt, or } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { reportLinks, signInAttempts } from '../db/schema/index.ts';

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** Revokes the current link and creates a new one; the token is returned only here. */
export async function rotateReportLink(db: Db, by: string, at: Date): Promise<string> {
  const token = `rl_${randomBytes(24).toString('base64url')}`;
  await db.transaction(async (tx) => {
    await tx.update(reportLinks).set({ revokedAt: at.toISOString() }).where(isNull(reportLinks.revokedAt)).run();
    await tx.insert(reportLinks).values({ tokenHash: sha256(token), createdBy: by, createdAt: at.toISOString() }).run();
  });
  return token;
}

/** Revokes every report link (the form then needs a signed-in user). */
export async function revokeReportLinks(db: Db, at: Date): Promise<void> {
  await db.update(reportLinks).set({ revokedAt: at.toISOString() }).where(isNull(reportLinks.revokedAt)).run();
}

/** The id of the current, unrevoked link `token` is, or null. */
export async function reportLinkId(db: Db, token: string | null | undefined): Promise<number | null> {
  if (!token || !/^rl_[A-Za-z0-9_-]{32}$/.test(token)) return null;
  const row = await db
    .select({ id: reportLinks.id })
    .from(reportLinks)
    .where(and(eq(reportLinks.tokenHash, sha256(token)), isNull(reportLinks.revokedAt)))
    .get();
  return row?.id ?? null;
}

/** True when `token` is the current, unrevoked link. */
export async function reportLinkValid(db: Db, token: string | null | undefined): Promise<boolean> {
  return (await reportLinkId(db, token)) !== null;
}

/**
 * Reports the link accepts per hour: from one client address, and in all. The link is handed
 * round an organisation (and may leak beyond it); signed-in users and the Chatwork bot are not
 * limited, and someone over the limit is told to use them.
 */
export const REPORT_LINK_LIMITS = { perAddress: 10, perLink: 100, windowMs: 3_600_000 };

/**
 * Counts a report through link `linkId` from `ip` against both limits, in one IMMEDIATE
 * transaction (stored with the sign-in attempts, so it holds across restarts and processes). Call
 * before the form is read: every try counts, valid or not.
 */
export async function reserveLinkReport(
  db: Db,
  p: { linkId: number; ip: string; now: Date; limits?: typeof REPORT_LINK_LIMITS },
): Promise<{ ok: true } | { ok: false; limit: 'address' | 'link'; retryAfterMs: number }> {
  const limits = p.limits ?? REPORT_LINK_LIMITS;
  const now = p.now.getTime();
  const since = now - limits.windowMs;
  const keys = [
    { limit: 'address' as const, key: `report-ip:${p.ip}`, max: limits.perAddress },
    { limit: 'link' as const, key: `report-link:${p.linkId}`, max: limits.perLink },
  ];
  return await db.transaction(
    async function reserve() {
      await db.delete(signInAttempts)
        .where(and(or(...keys.map((k) => eq(signInAttempts.key, k.key))), lt(signInAttempts.at, since)))
        .run();
      for (const k of keys) {
        const times = await db
          .select({ at: signInAttempts.at })
          .from(signInAttempts)
          .where(and(eq(signInAttempts.key, k.key), gt(signInAttempts.at, since)))
          .orderBy(asc(signInAttempts.at))
          .all();
        // The next try is possible once enough of the oldest ones have left the window.
        if (times.length >= k.max) return { ok: false as const, limit: k.limit, retryAfterMs: times[times.length - k.max]!.at + limits.windowMs - now };
      }
      await db.insert(signInAttempts).values(keys.map((k) => ({ key: k.key, at: now }))).run();
      return { ok: true as const };
    },
    { behavior: 'immediate' },
  );
}

/** When the current link was made and by whom (null when there is none). */
export async function currentReportLink(db: Db): Promise<{ createdAt: string; createdBy: string } | null> {
  return (await db.select({ createdAt: reportLinks.createdAt, createdBy: reportLinks.createdBy }).from(reportLinks).where(isNull(reportLinks.revokedAt)).get()) ?? null;
}
