import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';

/**
 * The platform's roles. `case-worker-lead` assigns reintegration cases; `oversight` reads every GET endpoint of
 * every service (with a purpose where one is required) and changes nothing.
 */
export const ROLES = ['officer', 'border-officer', 'case-worker', 'case-worker-lead', 'auditor', 'oversight', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Reads every GET endpoint that is not public, whatever its declared roles; never writes. */
export const OVERSIGHT_ROLE: Role = 'oversight';

export const ROLES_KEY = 'readmission:roles';
export const PUBLIC_KEY = 'readmission:public';

/**
 * The roles allowed to call an endpoint. An endpoint with neither @Roles nor @Public is refused to everyone. The roles
 * are also declared in the OpenAPI document (`x-roles`), which the authorization matrix test reads.
 */
export const Roles = (...roles: Role[]) => applyDecorators(SetMetadata(ROLES_KEY, roles), ApiExtension('x-roles', roles), ApiBearerAuth());

/** Open without a token: only health and metrics. */
export const Public = () => applyDecorators(SetMetadata(PUBLIC_KEY, true), ApiExtension('x-public', true));

/** Who made the request, from the verified token. */
export interface Caller {
  subject: string;
  roles: Role[];
  name?: string;
  /** Border officers: the crossing points where they work (token claim `crossing_points`); they act and list only there. */
  crossingPoints?: string[];
  /** Case workers and leads: their teams or regions (token claim `teams`); they work on their teams' cases. */
  teams?: string[];
}

/** Whether the caller holds the role. */
export const hasRole = (caller: Caller, role: Role): boolean => caller.roles.includes(role);
