/**
 * botbuilder's CloudAdapter built from the TEAMS_* settings, and the few things kakunin needs from
 * it: a Bot Connector client for a conversation (proactive), SDK retries switched off (the outbox
 * retries), and connector errors mapped to DeliveryError. Everything that touches botbuilder's
 * connector lives in this folder, so the move to the Microsoft 365 Agents SDK stays here.
 */
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConversationReference,
  type TurnContext,
} from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import type { TeamsConfig } from '../../src/config.ts';
import { DeliveryError } from '../../src/domain/notifier.ts';

/**
 * A CloudAdapter. With an app id every incoming activity's JWT is checked (unsigned → 401) and
 * outgoing calls carry a token for the app. Without one (TEAMS_ALLOW_UNAUTHENTICATED, local
 * development) botbuilder accepts unsigned activities and sends without a token.
 * Misconfiguration (SingleTenant without tenant or password) throws here, at start.
 */
export function createCloudAdapter(settings: TeamsConfig): CloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: settings.appId ?? undefined,
    MicrosoftAppPassword: settings.appPassword ?? undefined,
    MicrosoftAppTenantId: settings.appId ? (settings.tenantId ?? undefined) : undefined,
    MicrosoftAppType: settings.appId ? settings.appType : 'MultiTenant',
  });
  return new CloudAdapter(auth);
}

/**
 * The turn's connector client with the SDK's own retry policy removed: a 429 or 500 comes back to
 * kakunin at once, and the outbox decides when to try again (once, with the original error).
 */
export function connectorOf(ctx: TurnContext): ConnectorClient {
  const client = ctx.turnState.get<ConnectorClient>(ctx.adapter.ConnectorClientKey);
  if (!client) throw new Error('botbuilder gave the turn no ConnectorClient');
  const pipeline = (client as unknown as { client?: { pipeline?: RetryPipeline } }).client?.pipeline;
  if (pipeline) for (const p of pipeline.getOrderedPolicies()) if (/retry/i.test(p.name)) pipeline.removePolicy({ name: p.name });
  return client;
}
interface RetryPipeline {
  getOrderedPolicies(): { name: string }[];
  removePolicy(o: { name: string }): unknown;
}

/** Runs `fn` with a connector client for the conversation in `reference` (a proactive turn). */
export async function withConversation<T>(
  adapter: CloudAdapter,
  appId: string | null,
  reference: Partial<ConversationReference>,
  fn: (client: ConnectorClient, ctx: TurnContext) => Promise<T>,
): Promise<T> {
  let out: { value: T } | null = null;
  await adapter.continueConversationAsync(appId ?? '', reference, async function proactiveTurn(ctx) {
    out = { value: await fn(connectorOf(ctx), ctx) };
  });
  if (!out) throw new Error('botbuilder did not run the proactive turn');
  return (out as { value: T }).value;
}

/** Retry-After (seconds or an HTTP date) in milliseconds. */
export function retryAfterMs(value: string | null | undefined, now = Date.now()): number | null {
  if (!value) return null;
  const secs = Number(value);
  if (Number.isFinite(secs) && secs >= 0) return Math.round(secs * 1000);
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - now) : null;
}

/**
 * A connector failure as a DeliveryError: 429 → rate_limited (Retry-After kept), 404 →
 * message_not_found when editing (the worker then posts afresh) or rejected when posting,
 * 401/403 and other 4xx → rejected (not retried), 5xx → server_error, no response → network.
 */
export function toDeliveryError(err: unknown, op: 'post' | 'update' | 'reply'): DeliveryError {
  if (err instanceof DeliveryError) return err;
  const e = err as { statusCode?: unknown; message?: unknown; response?: { headers?: { get?(n: string): string | undefined } } };
  const status = typeof e?.statusCode === 'number' ? e.statusCode : null;
  const message = `Teams connector ${op}: ${status ?? 'no response'} ${typeof e?.message === 'string' ? e.message.slice(0, 300) : String(err)}`;
  if (status === null) return new DeliveryError('network', message, { cause: err });
  if (status === 429) {
    return new DeliveryError('rate_limited', message, { status, cause: err, retryAfterMs: retryAfterMs(e.response?.headers?.get?.('retry-after')) });
  }
  if (status === 404 && op === 'update') return new DeliveryError('message_not_found', message, { status, cause: err, permanent: false });
  if (status >= 500) return new DeliveryError('server_error', message, { status, cause: err });
  return new DeliveryError('rejected', message, { status, cause: err });
}
