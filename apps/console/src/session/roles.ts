export const ROLES = ['officer', 'border-officer', 'case-worker', 'auditor', 'oversight', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Where each role starts. */
export const HOME: Record<Role, string> = {
  officer: '/officer',
  'border-officer': '/border',
  'case-worker': '/reintegration',
  auditor: '/auditor/statistics',
  // Reads everything, changes nothing (docs/security.md): the figures and the audit trail.
  oversight: '/auditor/statistics',
  admin: '/admin/rulebooks',
};

/** A JWT's payload, decoded as UTF-8 (subjects and names may be written in Azerbaijani). */
function payloadOf(token: string): Record<string, unknown> {
  const binary = atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)))) as Record<string, unknown>;
}

/** The token's subject (`sub`): who the services record as the actor. */
export function subjectOf(token: string): string {
  try {
    return String(payloadOf(token).sub ?? '');
  } catch {
    return '';
  }
}

/** The roles in a token (the `roles` claim), as the services read them. */
export function rolesOf(token: string): Role[] {
  try {
    const payload = payloadOf(token) as { roles?: unknown };
    return Array.isArray(payload.roles) ? payload.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(String(r))) : [];
  } catch {
    return [];
  }
}
