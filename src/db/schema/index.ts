/** Every table, for drizzle(…, { schema }) and drizzle-kit. One file per table. */
export * from './cases.ts';
export * from './reports.ts';
export * from './signals.ts';
export * from './observables.ts';
export * from './case-events.ts';
export * from './deliveries.ts';
export * from './chat-posts.ts';
export * from './api-tokens.ts';
export * from './organization.ts';
export * from './people.ts';
export * from './partners.ts';
export * from './partner-bank-accounts.ts';
export * from './inbound-events.ts';
export * from './teams-bindings.ts';
