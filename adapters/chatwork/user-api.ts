/**
 * The Chatwork API with an employee's own OAuth access token (`Authorization: Bearer`): who they
 * are (`GET /me`), their pending contact requests (`GET /incoming_requests`, scope
 * `contacts.all:read`) and declining one (`DELETE /incoming_requests/{id}`, `contacts.all:write`).
 * Each call reports the token's rate budget to `onRate`; errors are DeliveryErrors (http.ts), a
 * 401 meaning the access token is expired or revoked.
 */
import type { ContactRequest } from '../../rules/contact-request.ts';
import { DeliveryError } from '../../src/domain/notifier.ts';
import { chatworkCall, type CallOptions, type RateInfo } from './http.ts';

export interface ChatworkUserApi {
  me(accessToken: string, onRate?: RateListener): Promise<{ accountId: number; name: string }>;
  incomingRequests(accessToken: string, onRate?: RateListener): Promise<ContactRequest[]>;
  /** Declines a request; false when it was no longer pending (404). */
  decline(accessToken: string, requestId: number, onRate?: RateListener): Promise<boolean>;
}

export type RateListener = (rate: RateInfo, status: number) => void;

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const int = (v: unknown): number | null => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,16}$/.test(v) ? Number(v) : NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : null;
};

export function createChatworkUserApi(base: Omit<CallOptions, 'onRate'>): ChatworkUserApi {
  const opts = (onRate?: RateListener): CallOptions => (onRate ? { ...base, onRate } : base);
  return {
    async me(accessToken, onRate) {
      const out = (await chatworkCall(opts(onRate), { bearer: accessToken }, 'GET', '/me')) as Record<string, unknown> | null;
      const accountId = int(out?.account_id);
      if (accountId === null) throw new DeliveryError('server_error', 'chatwork GET /me: no account_id in the answer');
      return { accountId, name: str(out?.name) ?? '' };
    },
    async incomingRequests(accessToken, onRate) {
      const out = await chatworkCall(opts(onRate), { bearer: accessToken }, 'GET', '/incoming_requests');
      const rows = Array.isArray(out) ? out : [];
      const requests: ContactRequest[] = [];
      for (const r of rows as Record<string, unknown>[]) {
        const requestId = int(r?.request_id);
        const accountId = int(r?.account_id);
        if (requestId === null || accountId === null) continue;
        requests.push({
          requestId,
          accountId,
          name: str(r.name) ?? '',
          message: typeof r.message === 'string' ? r.message : '',
          chatworkId: str(r.chatwork_id),
          organizationName: str(r.organization_name),
          department: str(r.department),
        });
      }
      return requests;
    },
    async decline(accessToken, requestId, onRate) {
      try {
        await chatworkCall(opts(onRate), { bearer: accessToken }, 'DELETE', `/incoming_requests/${requestId}`);
        return true;
      } catch (err) {
        if (err instanceof DeliveryError && err.status === 404) return false;
        throw err;
      }
    },
  };
}
