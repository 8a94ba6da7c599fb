/** Hono environment shared by every route: request id and the caller's token. */
import type { TokenIdentity } from '../auth/tokens.ts';

export type AppEnv = {
  Variables: {
    requestId: string;
    /** Set by `requireScope` once the bearer token is known. */
    token: TokenIdentity;
  };
};
