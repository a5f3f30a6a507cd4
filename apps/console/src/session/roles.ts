export const ROLES = ['officer', 'border-officer', 'case-worker', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Where each role starts. */
export const HOME: Record<Role, string> = {
  officer: '/officer',
  'border-officer': '/border',
  'case-worker': '/reintegration',
  auditor: '/auditor/statistics',
  admin: '/admin/rulebooks',
};

/** The token's subject (`sub`): who the services record as the actor. */
export function subjectOf(token: string): string {
  try {
    return String((JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as { sub?: unknown }).sub ?? '');
  } catch {
    return '';
  }
}

/** The roles in a token (the `roles` claim), as the services read them. */
export function rolesOf(token: string): Role[] {
  try {
    const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as { roles?: unknown };
    return Array.isArray(payload.roles) ? payload.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(String(r))) : [];
  } catch {
    return [];
  }
}
