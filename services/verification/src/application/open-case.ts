import { ConflictException, NotFoundException } from '@nestjs/common';
import { isOpen } from '../domain/verification-case';
import { Stored } from '../infrastructure/store-repository';
import { VerificationCase } from '../infrastructure/verification-case.schema';
import { VerificationCases } from '../infrastructure/verification-cases.repository';

/** The case an officer acts on: it exists and is not decided or withdrawn. */
export async function openCase(cases: VerificationCases, caseNumber: string): Promise<Stored<VerificationCase>> {
  const found = await cases.findById(caseNumber);
  if (!found) throw new NotFoundException(`no case ${caseNumber}`);
  if (!isOpen(found.status)) throw new ConflictException(`${caseNumber} is ${found.status}`);
  return found;
}
