/** Role guards for console routes: not signed in → the sign-in page (GET) or 401; too low a role → 403. */
import type { MiddlewareHandler } from 'hono';
import type { UserRole } from '../domain/user.ts';
import type { WebEnv } from '../ui/env.ts';
import { translator } from '../ui/i18n.ts';
import { errorPage, pathOf } from '../ui/render.tsx';
import { roleAllows } from '../ui/security.ts';

/** Requires a signed-in user whose role allows `role`. */
export function requireRole(role: UserRole): MiddlewareHandler<WebEnv> {
  return async function checkRole(c, next) {
    const s = c.get('session');
    const t = translator(c.get('lang'));
    if (!s) {
      if (c.req.method === 'GET') return c.redirect(`/signin?next=${encodeURIComponent(pathOf(c))}`, 303);
      return errorPage(c, 401, t('サインインしてください。', 'Please sign in.'));
    }
    if (!roleAllows(s.user.role, role)) {
      return errorPage(c, 403, t(`この操作には ${role} 以上の権限が必要です。`, `This needs the ${role} role or higher.`));
    }
    await next();
  };
}
