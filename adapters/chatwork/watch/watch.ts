/**
 * The finance-room watch: every new message in a watched room goes through detection; one at or
 * above CHATWORK_WATCH_MIN_VERDICT becomes a report (source `watch`, so it groups, gets cards and
 * escalates like any other) and one calm warning in the room (warning.ts, sent by notices.ts).
 *
 * Messages arrive these ways, and each is handled once (`chatwork_watch_messages`, keyed by room and
 * message id, written in the same transaction as the warning):
 * - polling (`tick`, one process at a time under the `chatwork.watch` lease): `GET
 *   /rooms/{id}/messages` returns only what the bot's token has not fetched yet, so a process that
 *   died after a fetch would lose those messages; the first poll after taking the lease (a start,
 *   or a takeover) and the poll after a failed one therefore ask with `force=1` (the latest 100),
 *   and the de-duplication drops what was handled;
 * - room webhooks (`message_created`) on the existing route: the raw event is NOT stored
 *   (inbound_events holds reports, and below-threshold messages must leave nothing); the sender's
 *   name comes from the room's member list.
 * - and what the notice queue read from a watched room (`force=1`, looking for a warning it may
 *   have posted before): that read moves the same cursor, so those messages are handled here
 *   (`receiveRead`), in whichever process read them.
 *
 * Never handled: the bot's own messages, messages sent before the room was first watched
 * (history), and messages addressed to the bot (those are reports, for the report intake).
 */
import { createHash } from 'node:crypto';
import { and, eq, isNull, notInArray } from 'drizzle-orm';
import type { AppDeps } from '../../../src/deps.ts';
import type { ChatworkWatchConfig } from '../../../src/config.ts';
import type { Lease } from '../../../src/db/lease.ts';
import { chatworkWatchMessages, chatworkWatchRooms } from '../../../src/db/schema/index.ts';
import { formatCaseRef } from '../../../src/domain/ref.ts';
import { verdictRank } from '../../../src/domain/detection.ts';
import type { Report } from '../../../src/domain/report.ts';
import { DeliveryError } from '../../../src/domain/notifier.ts';
import type { ChatworkEvent } from '../event.ts';
import type { BotIdentity } from '../intake.ts';
import type { NoticeQueue } from '../notices.ts';
import type { ChatworkTransport, RoomMessage } from '../transport.ts';
import { buildWatchWarning } from './warning.ts';

/** Where message links point. */
export const CHATWORK_WEB_URL = 'https://www.chatwork.com';
/** Room member names are looked up again after this. */
const MEMBERS_TTL_MS = 10 * 60_000;

export type WatchOutcome = 'own' | 'unwatched' | 'history' | 'seen' | 'addressed' | 'quiet' | 'warned';

export interface WatchTickStats {
  polled: boolean;
  rooms: number;
  messages: number;
  warned: number;
}

export interface RoomWatch {
  /** Records the configured rooms (a new one is watched from `now`; one taken out is unwatched). */
  syncRooms(now: Date): Promise<void>;
  /** True for webhook events this watch takes instead of the report intake. */
  intercepts(e: ChatworkEvent): boolean;
  /** Handles a webhook event (in the background; `settled` waits for it). Nothing of it is stored unless it warns. */
  receiveWebhook(e: ChatworkEvent): void;
  /** Handles one message (detection and the database). */
  receive(roomId: string, m: RoomMessage): Promise<WatchOutcome>;
  /**
   * Messages of a room that something else read with the bot's token (the notice queue looking
   * for a warning it may have posted): Chatwork's cursor moved past them, so they are handled
   * here, as a poll would (nothing for a room that is not watched). Never throws.
   */
  receiveRead(roomId: string, messages: RoomMessage[]): Promise<void>;
  tick(): Promise<WatchTickStats>;
  /** Resolves when background webhook work has finished (tests, shutdown). */
  settled(): Promise<void>;
}

export interface WatchDeps {
  app: Pick<AppDeps, 'db' | 'clock' | 'logger' | 'cases' | 'directory' | 'detect'>;
  cfg: ChatworkWatchConfig;
  transport: ChatworkTransport;
  bot: BotIdentity;
  notices: NoticeQueue;
  lease: Lease;
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** Does the message speak to the bot (`[To:bot]`, `[rp aid=bot …]`)? Then it is a report, not a room message. */
function addressedTo(body: string, botId: number | null): boolean {
  if (botId === null) return false;
  return body.includes(`[To:${botId}]`) || body.includes(`[rp aid=${botId} `) || body.includes(`[rp aid=${botId}]`);
}

export function createRoomWatch(deps: WatchDeps): RoomWatch {
  const { db, clock } = deps.app;
  const logger = deps.app.logger.child({ component: 'chatwork-watch' });
  const watched = new Set(deps.cfg.rooms);
  const min = verdictRank[deps.cfg.minVerdict];
  /** Rooms whose next poll must ask with force=1 (a poll failed midway). */
  const needsForce = new Set<string>();
  let firstTick = true;
  const background = new Set<Promise<void>>();
  let roomsSynced: Promise<void> = Promise.resolve();
  const members = new Map<string, { at: number; names: Map<number, string> }>();

  const roomRow = async (roomId: string) => await db.select().from(chatworkWatchRooms).where(eq(chatworkWatchRooms.roomId, roomId)).get();
  const seen = async (roomId: string, messageId: string) =>
    (await db
      .select({ messageId: chatworkWatchMessages.messageId })
      .from(chatworkWatchMessages)
      .where(and(eq(chatworkWatchMessages.roomId, roomId), eq(chatworkWatchMessages.messageId, messageId)))
      .get()) !== undefined;

  async function receive(roomId: string, m: RoomMessage): Promise<WatchOutcome> {
    await roomsSynced;
    if (deps.bot.accountId !== null && m.accountId === deps.bot.accountId) return 'own';
    const room = await roomRow(roomId);
    if (!room || room.unwatchedAt !== null || !watched.has(roomId)) return 'unwatched';
    if (m.sendTime < room.watchedSince) return 'history';
    if (await seen(roomId, m.messageId)) return 'seen';
    if (addressedTo(m.body, deps.bot.accountId)) return 'addressed';
    const now = clock.now();
    const report: Report = {
      message: { body: m.body, sender: { accountId: m.accountId, name: m.accountName || null }, sentAt: new Date(m.sendTime * 1000).toISOString() },
      context: { roomType: 'group' },
    };
    const detected = deps.app.detect(report, await deps.app.directory.get(), { now });
    const mark = { roomId, messageId: m.messageId, bodySha256: sha256(m.body), handledAt: now.toISOString() };
    if (verdictRank[detected.verdict] < min) {
      await db.insert(chatworkWatchMessages).values(mark).onConflictDoNothing().run();
      return 'quiet';
    }
    const { result } = await deps.app.cases.submit(report, {
      caller: { kind: 'raised', source: 'watch', detected, actor: { platform: 'system', userId: 'chatwork-watch', displayName: 'kakunin' } },
      externalId: `${roomId}-${m.messageId}`,
    });
    const body = buildWatchWarning({
      roomId,
      messageId: m.messageId,
      sendTime: m.sendTime,
      senderName: m.accountName,
      detected,
      caseRef: formatCaseRef(result.caseId),
      webUrl: CHATWORK_WEB_URL,
    });
    const warned = await db.transaction(
      async () => {
        const row = await db
          .insert(chatworkWatchMessages)
          .values({ ...mark, reportId: result.reportId, caseId: result.caseId })
          .onConflictDoNothing()
          .returning({ id: chatworkWatchMessages.messageId })
          .get();
        if (!row) return false;
        await deps.notices.enqueue({ key: `watch:${roomId}:${m.messageId}`, kind: 'watch_warning', roomId, body, caseId: result.caseId });
        return true;
      },
      { behavior: 'immediate' },
    );
    if (!warned) return 'seen';
    logger.info({ roomId, messageId: m.messageId, verdict: detected.verdict, caseRef: result.caseRef }, 'watched room: message at or above the threshold');
    return 'warned';
  }

  /** The sender's display name (webhook events carry only the id). */
  async function nameOf(roomId: string, accountId: number): Promise<string> {
    const now = clock.now().getTime();
    let cached = members.get(roomId);
    if (!cached || now - cached.at > MEMBERS_TTL_MS || !cached.names.has(accountId)) {
      const list = await deps.transport.roomMembers(roomId);
      cached = { at: now, names: new Map(list.map((x) => [x.accountId, x.name])) };
      members.set(roomId, cached);
    }
    return cached.names.get(accountId) ?? '';
  }

  async function pollRoom(roomId: string, force: boolean, stats: WatchTickStats): Promise<void> {
    const messages = await deps.transport.roomMessages(roomId, { force, priority: 'background' });
    // From here the server's cursor has moved: until every message is handled, the next poll must look again.
    needsForce.add(roomId);
    for (const m of [...messages].sort((a, b) => a.sendTime - b.sendTime)) {
      stats.messages += 1;
      if ((await receive(roomId, m)) === 'warned') stats.warned += 1;
    }
    needsForce.delete(roomId);
    await db.update(chatworkWatchRooms).set({ lastPolledAt: clock.now().toISOString(), lastError: null }).where(eq(chatworkWatchRooms.roomId, roomId)).run();
  }

  return {
    syncRooms(now) {
      const since = Math.floor(now.getTime() / 1000);
      const work = db.transaction(
        async () => {
          for (const roomId of deps.cfg.rooms) {
            const row = await roomRow(roomId);
            if (!row) await db.insert(chatworkWatchRooms).values({ roomId, watchedSince: since }).run();
            else if (row.unwatchedAt !== null) await db.update(chatworkWatchRooms).set({ watchedSince: since, unwatchedAt: null, lastError: null }).where(eq(chatworkWatchRooms.roomId, roomId)).run();
          }
          await db.update(chatworkWatchRooms)
            .set({ unwatchedAt: now.toISOString() })
            .where(and(isNull(chatworkWatchRooms.unwatchedAt), notInArray(chatworkWatchRooms.roomId, deps.cfg.rooms)))
            .run();
        },
        { behavior: 'immediate' },
      );
      // Polls and webhook messages wait for the rooms to be recorded (a new room's history starts now).
      roomsSynced = work.catch(() => undefined);
      return work;
    },

    intercepts(e) {
      return e.type !== 'mention_to_me' && watched.has(e.roomId) && !(e.type === 'message_created' && addressedTo(e.body, deps.bot.accountId));
    },

    receiveWebhook(e) {
      if (e.type !== 'message_created') return; // an edit: not stored, not judged again (see docs/chatwork-guard.md)
      const work = (async () => {
        try {
          const name = await nameOf(e.roomId, e.senderId).catch((err: unknown) => {
            logger.warn({ err, roomId: e.roomId }, 'watched room: member names unavailable; judging without the display name');
            return '';
          });
          const outcome = await receive(e.roomId, { messageId: e.messageId, accountId: e.senderId, accountName: name, body: e.body, sendTime: e.sendTime ?? Math.floor(clock.now().getTime() / 1000) });
          if (outcome === 'warned') await deps.notices.flush();
        } catch (err) {
          // The poller reads the message too (the webhook does not move its cursor).
          logger.error({ err, roomId: e.roomId, messageId: e.messageId }, 'watched room webhook not handled; the poller will pick the message up');
        }
      })();
      background.add(work);
      void work.finally(() => background.delete(work));
    },

    receive,

    async receiveRead(roomId, messages) {
      if (!watched.has(roomId)) return;
      for (const m of [...messages].sort((a, b) => a.sendTime - b.sendTime)) {
        try {
          await receive(roomId, m);
        } catch (err) {
          // The poll of this process looks at the latest 100 again; another process's poll does not.
          needsForce.add(roomId);
          logger.error({ err, roomId, messageId: m.messageId }, 'watched room: a message read by the notice queue was not handled');
        }
      }
    },

    async tick() {
      const stats: WatchTickStats = { polled: false, rooms: 0, messages: 0, warned: 0 };
      await roomsSynced;
      if (!(await deps.lease.hold(clock.now()))) return stats;
      stats.polled = true;
      // Whoever held the lease before (this process before a restart, or another one) may have
      // fetched messages it never handled: look at the latest 100 of every room once.
      const forceAll = firstTick || deps.lease.fresh;
      firstTick = false;
      for (const roomId of deps.cfg.rooms) {
        stats.rooms += 1;
        try {
          await pollRoom(roomId, forceAll || needsForce.has(roomId), stats);
        } catch (err) {
          const message = (err instanceof Error ? err.message : String(err)).slice(0, 500);
          await db.update(chatworkWatchRooms).set({ lastError: message }).where(eq(chatworkWatchRooms.roomId, roomId)).run();
          const limited = err instanceof DeliveryError && err.code === 'rate_limited';
          // Anything but a refusal before the fetch may have moved the server's cursor.
          if (forceAll || !limited) needsForce.add(roomId);
          if (limited) {
            logger.warn({ roomId, retryAfterMs: err.retryAfterMs }, 'watched rooms: rate limit reached, polling waits for the reset');
            if (forceAll) for (const r of deps.cfg.rooms) needsForce.add(r);
            break;
          }
          logger.warn({ err, roomId }, 'watched room not read this round');
        }
      }
      await deps.notices.flush();
      return stats;
    },

    async settled() {
      await roomsSynced;
      while (background.size > 0) await Promise.allSettled([...background]);
    },
  };
}
