/**
 * A supplement or withdrawal whose case did not reach verification within the wait: the partner's answer (a reason
 * of `readmission.application.rejected.v1`, code `unknown-reference`). The message was not applied.
 */
export function caseNotArrived(
  what: 'supplement' | 'withdrawal',
  partnerReference: string,
  caseNumber: string,
  waitMs: number,
): { code: 'unknown-reference'; field: string; message: string } {
  const minutes = Math.round(waitMs / 60_000);
  return {
    code: 'unknown-reference',
    field: '$.partnerReference',
    message: `the ${what} for partnerReference ${partnerReference} was not applied: case ${caseNumber} did not reach verification within ${minutes} minute${minutes === 1 ? '' : 's'} of the ${what}; send it again`,
  };
}
