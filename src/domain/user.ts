/** Console roles: viewer reads; responder also acts on cases; admin also manages ledger, users and tokens. */
export const USER_ROLES = ['viewer', 'responder', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];
