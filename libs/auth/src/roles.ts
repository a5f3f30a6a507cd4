import { SetMetadata } from '@nestjs/common';

export const ROLES = ['officer', 'border-officer', 'case-worker', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLES_KEY = 'readmission:roles';
export const PUBLIC_KEY = 'readmission:public';

/** The roles allowed to call an endpoint. An endpoint with neither @Roles nor @Public is refused to everyone. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** Open without a token: only health and metrics. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Who made the request, from the verified token. */
export interface Caller {
  subject: string;
  roles: Role[];
  name?: string;
}
