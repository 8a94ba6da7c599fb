/** drizzle-kit: `npm run db:generate` writes SQL migrations for src/db/schema into migrations/. */
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './src/db/schema',
  out: './migrations',
});
