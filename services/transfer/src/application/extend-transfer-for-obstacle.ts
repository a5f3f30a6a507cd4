import { Injectable, Logger } from '@nestjs/common';
import { bakuDate, formatInstant } from '@readmission/agreements';
import { AuditTrail, Clock } from '@readmission/platform';
import { Obstacle, limitAfterObstacle, obstacleExtensionReason } from '../domain/obstacles';
import { AcceptedCases } from '../infrastructure/accepted-cases.repository';
import { PartnerReplies } from './partner-replies';

/**
 * A legal obstacle lifted (a remedy decided, removal no longer suspended): the transfer time limit of the accepted
 * case is extended by the days it stood after the acceptance, where the agreement extends the limit while obstacles
 * last (`rules.transferExtension`; CH-AZ Art. 8(4)); while it stood the case could not expire (the sweep leaves it
 * out). Each obstacle counts once (by the lifting message), and the audit entry has a fixed id: a resumed delivery
 * changes nothing. A limit that moved is told to the partner (`transfer.time-limit-extended`, interface 1.1), queued in
 * the same write as the new limit. docs/rules.md#transfer-time-limit.
 */
@Injectable()
export class ExtendTransferForObstacle {
  private readonly logger = new Logger(ExtendTransferForObstacle.name);

  constructor(
    private readonly cases: AcceptedCases,
    private readonly audit: AuditTrail,
    private readonly replies: PartnerReplies,
    private readonly clock: Clock,
  ) {}

  async execute(caseNumber: string, obstacle: Obstacle): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const found = await this.cases.findById(caseNumber);
      // Not accepted (yet): the limit has not started. Settled otherwise: nothing left to extend.
      if (!found || found.status !== 'awaiting-transfer') return;
      if (found.obstacles?.some((o) => o.messageId === obstacle.messageId)) return;
      const rule = found.decision.agreementRules.rules.transferExtension;
      const current = new Date(found.transferDueBy);
      const { transferDueBy, days } = limitAfterObstacle(current, found.obstacles ?? [], obstacle, new Date(found.acceptedAt), rule.value);
      const details = { kind: obstacle.kind, from: obstacle.from, until: obstacle.until, days, transferDueBy: bakuDate(transferDueBy) };
      const history = { at: this.clock.now(), event: 'transfer-time-limit-extended-for-obstacle', by: 'system', details };
      const told =
        days > 0
          ? [
              this.replies.transferTimeLimitExtended(
                { caseNumber, partnerCode: found.partnerCode, partnerReference: found.partnerReference },
                {
                  transferDueBy,
                  previousDueBy: current,
                  cause: 'obstacle-lifted',
                  reason: obstacleExtensionReason(obstacle, { days, previous: current, transferDueBy }, found.agreement, rule),
                },
                `obstacle:${obstacle.messageId}`,
                obstacle.messageId,
              ),
            ]
          : [];
      if (!(await this.cases.countObstacle(caseNumber, current, obstacle, transferDueBy, history, told))) continue;
      await this.audit.record({
        id: `${caseNumber}:obstacle:${obstacle.messageId}`,
        actor: 'system',
        action: 'transfer-time-limit-extended-for-obstacle',
        subject: caseNumber,
        reason:
          rule.value === 'none'
            ? `${obstacle.kind} stood from ${obstacle.from} to ${obstacle.until}; ${found.agreement} allows no extension (${rule.status}: ${rule.source}), the limit stays ${bakuDate(current)}`
            : `${obstacle.kind} stood from ${obstacle.from} to ${obstacle.until}: the limit is extended by ${days} days to ${bakuDate(transferDueBy)} (${found.agreement}, ${rule.source}, ${rule.status})`,
        details: { ...details, previous: bakuDate(current), rule: rule.value },
      });
      return void this.logger.log(
        `${caseNumber}: transfer time limit ${formatInstant(transferDueBy)} after a lifted ${obstacle.kind} (+${days} days)`,
      );
    }
    throw new Error(`${caseNumber}: the transfer time limit kept changing while an obstacle was counted`);
  }
}
