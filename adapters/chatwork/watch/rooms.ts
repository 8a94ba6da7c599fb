/** The watched rooms as the console shows them: configured ones, with since when and the last poll. */
import { asc, isNull } from 'drizzle-orm';
import type { Db } from '../../../src/db/client.ts';
import { chatworkWatchRooms } from '../../../src/db/schema/index.ts';

export interface WatchedRoom {
  roomId: string;
  /** ISO time from which messages are watched (earlier ones are history). */
  since: string;
  lastPolledAt: string | null;
  lastError: string | null;
}

export async function listWatchedRooms(db: Db): Promise<WatchedRoom[]> {
  return (await db
    .select()
    .from(chatworkWatchRooms)
    .where(isNull(chatworkWatchRooms.unwatchedAt))
    .orderBy(asc(chatworkWatchRooms.roomId))
    .all())
    .map((r) => ({ roomId: r.roomId, since: new Date(r.watchedSince * 1000).toISOString(), lastPolledAt: r.lastPolledAt, lastError: r.lastError }));
}
