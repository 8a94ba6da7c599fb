/**
 * The PostgreSQL mirror of src/db/schema (issue 20): the same tables, columns, keys and indexes,
 * in drizzle's pg-core, with the same TypeScript row types (test/pg-schema.test.ts checks both).
 * Only drizzle-kit reads it so far (`npm run db:generate:pg` writes migrations-pg/).
 */
export * from './cases.ts';
export * from './reports.ts';
export * from './signals.ts';
export * from './observables.ts';
export * from './case-events.ts';
export * from './audit-head.ts';
export * from './deliveries.ts';
export * from './chat-posts.ts';
export * from './api-tokens.ts';
export * from './organization.ts';
export * from './people.ts';
export * from './partners.ts';
export * from './partner-bank-accounts.ts';
export * from './inbound-events.ts';
export * from './teams-bindings.ts';
export * from './escalation-timers.ts';
export * from './users.ts';
export * from './sessions.ts';
export * from './sign-in-attempts.ts';
export * from './report-links.ts';
export * from './inbox-cards.ts';
export * from './ledger-imports.ts';
export * from './sign-in-flows.ts';
export * from './leases.ts';
export * from './chatwork-oauth-states.ts';
export * from './chatwork-connections.ts';
export * from './chatwork-contact-requests.ts';
export * from './chatwork-notices.ts';
export * from './chatwork-watch-rooms.ts';
export * from './chatwork-watch-messages.ts';
