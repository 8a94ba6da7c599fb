/** Hono environment of console pages: the app's variables plus the session, language and CSP nonce. */
import type { ConsoleSession } from '../auth/sessions.ts';
import type { AppEnv } from '../http/env.ts';
import type { Lang } from './i18n.ts';

export type WebEnv = {
  Variables: AppEnv['Variables'] & {
    /** Null when nobody is signed in. */
    session: ConsoleSession | null;
    lang: Lang;
    /** CSRF token for forms posted without a session (sign-in, report link): double-submit cookie. */
    preCsrf: string;
    /** Set by hono/secure-headers; the layout's <style> carries it. */
    secureHeadersNonce?: string;
  };
};
