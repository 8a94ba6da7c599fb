/**
 * Microsoft Teams: the registry factory. Teams is on when TEAMS_APP_ID is set, or without one
 * when TEAMS_ALLOW_UNAUTHENTICATED=true (local development only; logged loudly). Cards go to every
 * bound channel: the targets are read from `teams_bindings` each time a case needs a card.
 *
 * botbuilder (archived) is imported only inside this folder; a move to the Microsoft 365 Agents
 * SDK replaces adapter.ts, bridge.ts, bot.ts and notifier.ts and keeps this factory's shape.
 */
import type { NotifierBinding, NotifierDeps } from '../../src/deps.ts';
import { createCloudAdapter } from './adapter.ts';
import { createTeamsNotifier } from './notifier.ts';
import { registerTeamsRoutes } from './routes.ts';
import { createBindingStore } from './store.ts';

/** The Teams binding for the registry, or null when Teams is not configured. */
export function createTeams({ config, logger, db }: NotifierDeps): NotifierBinding | null {
  const settings = config.teams;
  if (!settings) return null;
  if (!settings.appId) {
    logger.warn(
      { TEAMS_ALLOW_UNAUTHENTICATED: true },
      '!!! TEAMS IS RUNNING UNAUTHENTICATED: /api/messages accepts unsigned activities from anyone. For local development only; set TEAMS_APP_ID, TEAMS_APP_PASSWORD and TEAMS_APP_TENANT_ID in production !!!',
    );
  }
  const adapter = createCloudAdapter(settings);
  const store = createBindingStore(db);
  return {
    notifier: createTeamsNotifier({ adapter, appId: settings.appId, store }),
    targets: async () => await store.activeTargets(),
    reporter: null,
    routes: (app, deps) => registerTeamsRoutes(app, deps, { adapter, store, tenantId: settings.tenantId, allowedIds: settings.allowedIds }),
  };
}
