/**
 * `serve` with the guard and the watch on: the binding starts both pollers (the first round at
 * once), and stopping waits for a round under way and releases the leases, so another process can
 * take over at once.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatworkBinding } from '../../adapters/chatwork/index.ts';
import { startServer } from '../../src/server.ts';
import { tempDir, testConfig } from '../helpers.ts';
import { FakeChatwork } from './fake-chatwork.ts';
import { FakeChatworkOAuth } from './fake-chatwork-oauth.ts';
import { CALLBACK, employee, guardEnv } from './guard-helpers.ts';

const fake = new FakeChatwork();
const oauth = new FakeChatworkOAuth(fake);
beforeAll(async () => {
  await fake.start();
  await oauth.start();
  oauth.redirectUris = [CALLBACK];
  employee(fake, 1000015, '経理 花子', '70015');
});
afterAll(async () => {
  await fake.close();
  await oauth.close();
});

describe('serve with the contact-request guard and the room watch', () => {
  it('starts both pollers, and on close finishes the round under way and releases the leases', async () => {
    const dir = tempDir();
    // The watch's first round (force=1) reaches Chatwork and waits there for its answer.
    const held = fake.hold('GET', /^\/rooms\/6001\/messages$/);
    const server = await startServer(testConfig(dir, guardEnv(fake, oauth, { CHATWORK_WATCH_ROOMS: '6001' })));
    const release = await held;
    const live = new Database(path.join(dir, 'kakunin.db'), { readonly: true });
    try {
      // Both pollers ran their first round at start: each holds its lease.
      expect(live.prepare('select name from leases order by name').all()).toEqual([{ name: 'chatwork.requests' }, { name: 'chatwork.watch' }]);
    } finally {
      live.close();
    }
    // Chatwork answers only once the process has begun to stop: the round is still under way then.
    const binding = server.runtime.notifiers.chatwork as ChatworkBinding;
    const stop = binding.stop!.bind(binding);
    binding.stop = async () => {
      const stopping = stop();
      release();
      await stopping;
    };
    await server.close();
    expect(fake.requests.some((q) => q.method === 'GET' && q.path === '/rooms/6001/messages' && q.query === '?force=1')).toBe(true);
    const db = new Database(path.join(dir, 'kakunin.db'), { readonly: true });
    try {
      expect(db.prepare('select count(*) n from leases').get()).toEqual({ n: 0 });
      // The round finished before the database closed: its result is written.
      expect(db.prepare('select room_id, last_error from chatwork_watch_rooms').all()).toEqual([{ room_id: '6001', last_error: null }]);
      expect((db.prepare('select last_polled_at from chatwork_watch_rooms').get() as { last_polled_at: string | null }).last_polled_at).not.toBeNull();
    } finally {
      db.close();
    }
  });
});
