/** drizzle-kit for PostgreSQL (issue 20): `npm run db:generate:pg` writes SQL migrations for src/db/pg-schema into migrations-pg/. */
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/pg-schema',
  out: './migrations-pg',
});
