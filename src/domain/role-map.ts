/**
 * OIDC_ROLE_MAP: which console role a person gets from the values of their role claim (usually
 * `groups`). Written as `value=role` pairs separated by commas, e.g.
 * `kakunin-admins=admin,kakunin-legal=responder,*=viewer`. A person in several mapped groups gets
 * the highest of their roles; `*` is the role of anyone the provider signed in whose claim matches
 * nothing; without `*`, such a person is refused. The role is recomputed at every sign-in.
 *
 * @example roleFor(parseRoleMap('kakunin-admins=admin,*=viewer'), ['staff', 'kakunin-admins']) // 'admin'
 */
import { USER_ROLES, type UserRole } from './user.ts';

/** A parsed map: exact claim values to roles, and the role for anyone else (null: refused). */
export interface RoleMap {
  entries: { value: string; role: UserRole }[];
  fallback: UserRole | null;
}

const RANK: Record<UserRole, number> = { viewer: 0, responder: 1, admin: 2 };

/** Parses OIDC_ROLE_MAP; throws an Error whose message says which pair is wrong. */
export function parseRoleMap(text: string): RoleMap {
  const entries: RoleMap['entries'] = [];
  let fallback: UserRole | null = null;
  const seen = new Set<string>();
  const pairs = text.split(',').map((p) => p.trim());
  if (pairs.every((p) => p === '')) throw new Error('must name at least one group, e.g. kakunin-admins=admin,*=viewer');
  for (const pair of pairs) {
    if (pair === '') continue;
    // The role is after the last '=', so a group value may itself contain '=' (LDAP-style names).
    const eq = pair.lastIndexOf('=');
    const value = eq > 0 ? pair.slice(0, eq).trim() : '';
    const role = eq > 0 ? pair.slice(eq + 1).trim() : '';
    if (!value || !role) throw new Error(`"${pair}" is not value=role`);
    if (!(USER_ROLES as readonly string[]).includes(role)) throw new Error(`"${pair}": role must be one of ${USER_ROLES.join(', ')}`);
    if (seen.has(value)) throw new Error(`"${value}" is mapped twice`);
    seen.add(value);
    if (value === '*') fallback = role as UserRole;
    else entries.push({ value, role: role as UserRole });
  }
  return { entries, fallback };
}

/** The values of a claim as strings: an array of strings, one string, or nothing. */
export function claimValues(claim: unknown): string[] {
  if (typeof claim === 'string') return [claim];
  if (Array.isArray(claim)) return claim.filter((v): v is string => typeof v === 'string');
  return [];
}

/** The highest role any of `values` maps to, else the `*` role, else null (refused). */
export function roleFor(map: RoleMap, values: readonly string[]): UserRole | null {
  let best: UserRole | null = null;
  for (const { value, role } of map.entries) {
    if (values.includes(value) && (best === null || RANK[role] > RANK[best])) best = role;
  }
  return best ?? map.fallback;
}
