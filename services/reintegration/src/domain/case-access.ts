import { ForbiddenError } from '@readmission/errors';

/** Who asks, as the token says (structurally the platform's Caller). */
export interface CaseCaller {
  subject: string;
  roles: readonly string[];
  /** Token claim `teams`. */
  teams?: string[];
}

/** What the access rules look at on a case: who it is assigned to, and the team (region) it belongs to. */
export interface CaseOwnership {
  caseWorker?: string;
  team?: string;
}

/** Roles that read every case (and change none through these rules): auditors, oversight, administrators. */
const READ_ALL = ['auditor', 'oversight', 'admin'];

const isLead = (caller: CaseCaller) => caller.roles.includes('case-worker-lead');
const inTeams = (caller: CaseCaller, team?: string) => team !== undefined && (caller.teams ?? []).includes(team);

/** A case worker works on the cases assigned to them or to one of their teams (token claim `teams`). */
export function mayWork(caller: CaseCaller, c: CaseOwnership): boolean {
  return caller.roles.includes('case-worker') && (c.caseWorker === caller.subject || inTeams(caller, c.team));
}

/**
 * A lead assigns the cases not yet given to a team and those of their own teams; the same cases are theirs to read.
 */
export function mayAssign(caller: CaseCaller, c: CaseOwnership): boolean {
  return isLead(caller) && (c.team === undefined || inTeams(caller, c.team));
}

export function mayRead(caller: CaseCaller, c: CaseOwnership): boolean {
  return caller.roles.some((r) => READ_ALL.includes(r)) || mayWork(caller, c) || mayAssign(caller, c);
}

export function assertMayWork(caller: CaseCaller, caseNumber: string, c: CaseOwnership): void {
  if (!mayWork(caller, c)) throw new ForbiddenError(`case ${caseNumber} is not assigned to you or your team`);
}

export function assertMayRead(caller: CaseCaller, caseNumber: string, c: CaseOwnership): void {
  if (!mayRead(caller, c)) throw new ForbiddenError(`case ${caseNumber} is not assigned to you or your team`);
}

/**
 * The team a lead assigns a case to: the one asked for, else the lead's first team; it must be one of the lead's.
 * Returns the reason when refused.
 */
export function assignmentTeam(caller: CaseCaller, asked?: string): { team: string } | { refused: string } {
  const team = asked ?? caller.teams?.[0];
  if (!team) return { refused: 'the lead has no team in the token (claim teams)' };
  if (!inTeams(caller, team)) return { refused: `team ${team} is not one of yours` };
  return { team };
}

/**
 * The cases a caller may see in a list, as conditions of which one must hold (undefined: every case): their own and
 * their teams' (case workers), plus those not yet given to a team (leads).
 */
export function listScope(caller: CaseCaller): Record<string, unknown>[] | undefined {
  if (caller.roles.some((r) => READ_ALL.includes(r))) return undefined;
  const scope: Record<string, unknown>[] = [];
  if (caller.roles.includes('case-worker')) scope.push({ caseWorker: caller.subject });
  if (caller.roles.includes('case-worker') || isLead(caller)) scope.push({ team: { $in: caller.teams ?? [] } });
  if (isLead(caller)) scope.push({ team: { $exists: false } });
  return scope;
}
