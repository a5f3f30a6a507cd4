import { ConflictError, NotFoundError } from '@readmission/errors';
import { Stored } from '@readmission/persistence';
import { isOpen } from '../domain/verification-case';
import { VerificationCase } from '../infrastructure/verification-case.schema';
import { VerificationCases } from '../infrastructure/verification-cases.repository';

/** The case an officer acts on: it exists and is not decided or withdrawn. */
export async function openCase(cases: VerificationCases, caseNumber: string): Promise<Stored<VerificationCase>> {
  const found = await cases.findById(caseNumber);
  if (!found) throw new NotFoundError(`no case ${caseNumber}`);
  if (!isOpen(found.status)) throw new ConflictError(`${caseNumber} is ${found.status}`, { status: found.status });
  return found;
}
