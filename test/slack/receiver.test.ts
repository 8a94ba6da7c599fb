/**
 * The receiver's ack contract, with a minimal stand-in for Bolt's `processEvent` (the receiver is
 * what is under test; the full Bolt app is exercised in interactivity.test.ts).
 */
import { ReceiverMultipleAckError, type App, type ReceiverEvent } from '@slack/bolt';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { HonoReceiver } from '../../adapters/slack/receiver.ts';
import { ManualClock } from '../../src/clock.ts';
import { createErrorHandler } from '../../src/errors.ts';
import { createLogger } from '../../src/logger.ts';
import { SIGNING_SECRET, signedInit } from './helpers.ts';

function mount(processEvent: (e: ReceiverEvent) => Promise<void>, ackTimeoutMs = 3000) {
  const clock = new ManualClock('2026-01-07T00:00:00.000Z');
  const logger = createLogger('silent');
  const receiver = new HonoReceiver({ signingSecret: SIGNING_SECRET, clock, logger, ackTimeoutMs });
  receiver.init({ processEvent } as unknown as App);
  const app = new Hono();
  app.onError(createErrorHandler(logger));
  app.post('/slack/events', (c) => receiver.handle(c));
  const send = () => app.request('/slack/events', signedInit(JSON.stringify({ type: 'event_callback', event: { type: 'x' } }), clock.now().getTime() / 1000, { contentType: 'application/json' }));
  return { receiver, send };
}

describe('HonoReceiver ack', () => {
  it('answers with what ack() gives: nothing, text or JSON; work after ack continues and idle() waits for it', async () => {
    let after = false;
    const empty = mount(async (e) => {
      await e.ack();
      await Promise.resolve();
      after = true;
    });
    const res = await empty.send();
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    await empty.receiver.idle();
    expect(after).toBe(true);
    expect(await (await mount(async (e) => e.ack('hello')).send()).text()).toBe('hello');
    expect(await (await mount(async (e) => e.ack({ response_action: 'clear' })).send()).json()).toEqual({ response_action: 'clear' });
  });

  it('a second ack() throws; a failure before ack is 500; no ack at all is 404 (at once when the listener ends, else after the timeout)', async () => {
    let second: unknown = null;
    const twice = mount(async (e) => {
      await e.ack();
      await e.ack().catch((err: unknown) => (second = err));
    });
    expect((await twice.send()).status).toBe(200);
    await twice.receiver.idle();
    expect(second).toBeInstanceOf(ReceiverMultipleAckError);
    expect((await mount(async () => Promise.reject(new Error('boom'))).send()).status).toBe(500);
    expect((await mount(async () => undefined).send()).status).toBe(404);
    let release!: () => void;
    const hanging = mount(() => new Promise<void>((r) => (release = r)), 20);
    expect((await hanging.send()).status).toBe(404);
    release();
    await hanging.receiver.idle();
  });
});
