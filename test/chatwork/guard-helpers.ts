/** Wiring for the contact-request guard and room watch tests: environments, the OAuth dance over HTTP, handles. */
import { expect } from 'vitest';
import type { ChatworkBinding } from '../../adapters/chatwork/index.ts';
import type { TestRuntime } from '../helpers.ts';
import type { FakeChatwork, FakeIncomingRequest } from './fake-chatwork.ts';
import type { FakeChatworkOAuth } from './fake-chatwork-oauth.ts';
import { chatworkEnv } from './helpers.ts';

export const PUBLIC_URL = 'https://kakunin.example.com';
export const CALLBACK = `${PUBLIC_URL}/chatwork/oauth/callback`;

/** Chatwork with the guard on, against the two fakes. */
export function guardEnv(fake: FakeChatwork, oauth: FakeChatworkOAuth, extra: Record<string, string> = {}): Record<string, string> {
  return chatworkEnv(fake, {
    PUBLIC_URL,
    CHATWORK_OAUTH_CLIENT_ID: oauth.clientId,
    CHATWORK_OAUTH_CLIENT_SECRET: oauth.clientSecret,
    CHATWORK_OAUTH_AUTHORIZE_URL: oauth.authorizeUrl,
    CHATWORK_OAUTH_TOKEN_URL: oauth.tokenUrl,
    ...extra,
  });
}

/** The Chatwork binding of a runtime. */
export function chatworkOf(rt: TestRuntime): ChatworkBinding {
  const b = rt.notifiers.chatwork as ChatworkBinding | undefined;
  if (!b) throw new Error('chatwork is not configured');
  return b;
}

/** The contact-request poller of a runtime. */
export const guardPoller = (rt: TestRuntime) => chatworkOf(rt).guard!.pollerFor(rt.deps);

/** The first steps of a connection: GET /chatwork/connect, then the consent screen. Returns the callback path and the browser cookie. */
export async function startConnect(rt: TestRuntime, oauth: FakeChatworkOAuth, accountId: number): Promise<{ callbackPath: string; cookie: string; authorize: URL }> {
  const res = await rt.app.request('/chatwork/connect');
  expect(res.status).toBe(302);
  const authorize = new URL(res.headers.get('location')!);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  oauth.consentAs = accountId;
  const consent = await fetch(authorize, { redirect: 'manual' });
  expect(consent.status, await consent.clone().text()).toBe(302);
  const back = new URL(consent.headers.get('location')!);
  expect(`${back.origin}${back.pathname}`).toBe(CALLBACK);
  return { callbackPath: `${back.pathname}${back.search}`, cookie, authorize };
}

/** The whole dance; resolves to the callback's answer. */
export async function connect(rt: TestRuntime, oauth: FakeChatworkOAuth, accountId: number): Promise<Response> {
  const { callbackPath, cookie } = await startConnect(rt, oauth, accountId);
  return rt.app.request(callbackPath, { headers: { cookie } });
}

/** An employee who can connect: a Chatwork user and a contact of the bot (with a direct chat). */
export function employee(fake: FakeChatwork, accountId: number, name: string, dmRoomId: string): void {
  fake.users.set(accountId, { name });
  fake.contacts.set(accountId, { roomId: dmRoomId, name });
}

let requestSeq = 500;
/** A pending contact request to `employee`. */
export function incoming(fake: FakeChatwork, employeeId: number, r: Partial<FakeIncomingRequest> & { name: string }): FakeIncomingRequest {
  const req: FakeIncomingRequest = {
    request_id: ++requestSeq,
    account_id: 9_990_000 + requestSeq,
    message: '',
    chatwork_id: '',
    organization_id: 0,
    organization_name: '',
    department: '',
    avatar_image_url: '',
    ...r,
  };
  fake.incoming.set(employeeId, [...(fake.incoming.get(employeeId) ?? []), req]);
  return req;
}
