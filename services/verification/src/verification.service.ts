import { BadRequestException, ConflictException, Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Counter, register } from 'prom-client';
import {
  AgreementRules,
  CalendarSource,
  addCalendarDays,
  addWorkingDays,
  bakuDate,
  endOfBakuDay,
  formatInstant,
} from '@readmission/agreements';
import { Caller } from '@readmission/auth';
import {
  ApplicationSubmittedV1,
  ApplicationSupplementedInternalV1,
  ApplicationWithdrawnInternalV1,
  CaseRegisteredV1,
  DecodedMessage,
  EvidenceV1,
  encodeInternalEvent,
} from '@readmission/contracts';
import { OutgoingRecord } from '@readmission/messaging';
import { OutboxRelay, initialOutbox, isDuplicateKeyError, withOutboxRecords } from '@readmission/persistence';
import { AuditTrail, Clock, deterministicId } from '@readmission/platform';
import { AssessmentOutcome, RegistryOutcome, proposeDecision } from './decision-rules';
import { EvidenceAssessment, EvidenceFindings, classifyEvidence } from './evidence';
import { CITIZEN_REGISTRY, CitizenRegistry } from './registry/citizen-registry';
import { DecisionRecord, OPEN_STATUSES, Proposal, VerificationCase } from './verification-case.schema';

const SOURCE = 'urn:readmission:verification';

type Outcome = { decision: 'accepted' | 'refused'; basis: 'proof' | 'prima-facie' | 'interview' | 'registry'; grounds?: string; deemed: boolean };
type Lean = VerificationCase;

function counter(name: string, help: string, labelNames: string[] = []): Counter<string> {
  return (register.getSingleMetric(name) as Counter<string>) ?? new Counter({ name, help, labelNames });
}
export const verificationMetrics = {
  decisions: counter('verification_decisions_total', 'Decisions taken, by decision, basis and whether deemed.', ['decision', 'basis', 'deemed']),
  interviews: counter('verification_interviews_scheduled_total', 'Consular interviews scheduled.'),
  alerts: counter('verification_reply_alerts_total', 'Reply time-limit alerts raised, by hours before the limit.', ['hours_before']),
  overdue: counter('verification_replies_overdue_total', 'Replies whose time limit passed without a decision (no tacit acceptance): escalated.'),
  extensions: counter('verification_reply_extensions_total', 'Reply time limits extended.'),
};

/**
 * Establishes nationality (or the obligation for third-country nationals) from the evidence and the registry,
 * decides, and keeps the reply time limit. One case document per application; the decision is an insert-once
 * document so that every path to a decision (rules, officer, deadline sweep, another instance) yields one.
 */
@Injectable()
export class VerificationService {
  private readonly logger = new Logger(VerificationService.name);
  constructor(
    @InjectModel(VerificationCase.name) private readonly cases: Model<VerificationCase>,
    @InjectModel(DecisionRecord.name) private readonly decisions: Model<DecisionRecord>,
    @Inject(CITIZEN_REGISTRY) private readonly registry: CitizenRegistry,
    private readonly relay: OutboxRelay,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly calendars: CalendarSource,
  ) {}

  async onCaseRegistered({ payload: c, envelope }: DecodedMessage<CaseRegisteredV1>): Promise<void> {
    const existing = await this.cases.findById(c.caseNumber, { status: 1, proposal: 1 }).lean().exec();
    if (existing) {
      this.logger.log(`${c.caseNumber}: already opened (redelivery)`);
      await this.flush(c.caseNumber);
      return this.finishProposal(existing, envelope.id);
    }
    const rules = c.agreementRules as unknown as AgreementRules;
    const { assessment, registry, proposal } = await this.evaluate(c.application, rules, c.receivedAt);
    const now = this.clock.now();
    const doc: Partial<Lean> = {
      _id: c.caseNumber,
      partnerCode: c.partnerCode,
      partnerReference: c.partnerReference,
      agreement: c.agreement,
      rulebookVersion: c.rulebookVersion,
      agreementRules: c.agreementRules,
      category: c.category,
      procedure: c.procedure,
      receivedAt: new Date(c.receivedAt),
      replyDueBy: new Date(c.replyDueBy),
      originalReplyDueBy: new Date(c.replyDueBy),
      status: 'awaiting-review',
      application: c.application as unknown as Record<string, unknown>,
      applicationMessageId: envelope.causationId,
      assessment: assessment as unknown as Record<string, unknown>,
      registry: registry.stored,
      proposal,
      history: [{ at: now, event: 'opened', by: 'system', details: { proposal: proposal.action, why: proposal.why } }],
    };
    const records: OutgoingRecord[] = [];
    if (proposal.action === 'interview') Object.assign(doc, await this.interviewFor(doc as Lean, proposal, records, envelope.id));
    try {
      await this.cases.create({ ...doc, ...initialOutbox(records) });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      return this.flush(c.caseNumber);
    }
    this.logger.log(`${c.caseNumber}: opened, ${assessment.strongest} evidence, proposal ${proposal.action}`);
    await this.flush(c.caseNumber);
    if (proposal.action === 'accept' || proposal.action === 'refuse') await this.decideByProposal(c.caseNumber, proposal, 'system', envelope.id);
  }

  /** Further evidence or corrections: kept, and the checks run again while the case is undecided. */
  async onSupplemented({ payload, envelope }: DecodedMessage<ApplicationSupplementedInternalV1>): Promise<void> {
    const found = await this.cases.findById(payload.caseNumber).lean().exec();
    if (!found) throw new Error(`supplement for ${payload.caseNumber}, which verification has not opened yet`); // retried: case-registered comes first
    if (found.appliedIds.includes(envelope.id)) {
      await this.flush(found._id);
      return this.finishProposal(found, envelope.id);
    }
    const s = payload.supplement;
    const application = found.application as unknown as ApplicationSubmittedV1;
    const updated: ApplicationSubmittedV1 = {
      ...application,
      evidence: [...application.evidence, ...((s.evidence ?? []) as EvidenceV1[])],
      person: { ...application.person, ...(s.person ?? {}) },
    };
    const event = { at: this.clock.now(), event: 'supplemented', by: `partner:${found.partnerCode}`, details: { evidence: s.evidence?.length ?? 0, person: Object.keys(s.person ?? {}), note: s.note ? 'yes' : 'no' } };
    if (!OPEN_STATUSES.includes(found.status)) {
      await this.cases.updateOne({ _id: found._id, appliedIds: { $ne: envelope.id } }, { $push: { appliedIds: envelope.id, history: event }, $set: { application: updated } }).exec();
      return;
    }
    const { assessment, registry, proposal } = await this.evaluate(updated, found.agreementRules as unknown as AgreementRules, found.receivedAt.toISOString(), found.findings);
    const records: OutgoingRecord[] = [];
    const set: Record<string, unknown> = { application: updated, assessment, registry: registry.stored, proposal };
    if (proposal.action === 'interview' && !found.interview) Object.assign(set, await this.interviewFor({ ...found, application: updated as never }, proposal, records, envelope.id));
    else if (proposal.action !== 'interview') set.status = found.status === 'overdue' ? 'overdue' : 'awaiting-review';
    await this.cases.updateOne({ _id: found._id, appliedIds: { $ne: envelope.id } }, withOutboxRecords({ $push: { appliedIds: envelope.id, history: event }, $set: set }, records)).exec();
    this.logger.log(`${found._id}: supplemented, checks run again: ${proposal.action}`);
    await this.flush(found._id);
    if (proposal.action === 'accept' || proposal.action === 'refuse') await this.decideByProposal(found._id, proposal, 'system', envelope.id);
  }

  /** A withdrawal closes an undecided case; a decided one keeps its decision, with the withdrawal in its history. */
  async onWithdrawn({ payload, envelope }: DecodedMessage<ApplicationWithdrawnInternalV1>): Promise<void> {
    const found = await this.cases.findById(payload.caseNumber, { status: 1 }).lean().exec();
    if (!found) throw new Error(`withdrawal for ${payload.caseNumber}, which verification has not opened yet`);
    const closes = OPEN_STATUSES.includes(found.status);
    await this.cases
      .updateOne(
        { _id: payload.caseNumber, appliedIds: { $ne: envelope.id } },
        { $push: { appliedIds: envelope.id, history: { at: this.clock.now(), event: 'withdrawn', by: `partner:${payload.partnerCode}`, details: { reason: payload.withdrawal.reason } } }, ...(closes ? { $set: { status: 'withdrawn' } } : {}) },
      )
      .exec();
    this.logger.log(`${payload.caseNumber}: withdrawn by the partner${closes ? ', case closed' : ' after the decision'}`);
  }

  /** The officer records the consular interview's outcome, which drives the decision. */
  async recordInterviewOutcome(caseNumber: string, input: { outcome: 'nationality-confirmed' | 'nationality-not-confirmed' | 'did-not-attend'; notes: string; grounds?: string }, caller: Caller) {
    const found = await this.openCase(caseNumber);
    if (!found.interview) throw new ConflictException(`no interview was scheduled for ${caseNumber}`);
    if (input.outcome === 'nationality-not-confirmed' && !input.grounds) throw new BadRequestException('grounds are required when the interview does not confirm nationality');
    await this.cases
      .updateOne(
        { _id: caseNumber },
        { $set: { 'interview.outcome': input.outcome, 'interview.notes': input.notes, 'interview.recordedBy': caller.subject, ...(input.outcome === 'did-not-attend' ? { status: 'awaiting-review' } : {}) }, $push: { history: { at: this.clock.now(), event: 'interview-outcome', by: caller.subject, details: { outcome: input.outcome } } } },
      )
      .exec();
    await this.audit.record({ actor: caller, action: 'interview-outcome-recorded', subject: caseNumber, reason: input.notes, details: { outcome: input.outcome } });
    if (input.outcome === 'nationality-confirmed') return this.decide(caseNumber, { decision: 'accepted', basis: 'interview', deemed: false }, caller.subject);
    if (input.outcome === 'nationality-not-confirmed') return this.decide(caseNumber, { decision: 'refused', basis: 'interview', grounds: input.grounds, deemed: false }, caller.subject);
    return { decided: false };
  }

  /**
   * The officer records a finding the evidence rules depend on (for now: the person was only in airside transit at
   * an Azerbaijani airport, which excludes the obligation for third-country nationals); the checks run again.
   */
  async recordFindings(caseNumber: string, input: { airsideTransitOnly: boolean; reason: string }, caller: Caller) {
    const found = await this.openCase(caseNumber);
    const findings: EvidenceFindings = { ...found.findings, airsideTransitOnly: input.airsideTransitOnly };
    const { assessment, registry, proposal } = await this.evaluate(found.application as unknown as ApplicationSubmittedV1, found.agreementRules as unknown as AgreementRules, found.receivedAt.toISOString(), findings);
    await this.cases
      .updateOne({ _id: caseNumber }, { $set: { findings, assessment, registry: registry.stored, proposal }, $push: { history: { at: this.clock.now(), event: 'findings-recorded', by: caller.subject, details: { ...findings } } } })
      .exec();
    await this.audit.record({ actor: caller, action: 'findings-recorded', subject: caseNumber, reason: input.reason, details: { ...findings, proposal: proposal.action } });
    if (proposal.action === 'accept' || proposal.action === 'refuse') {
      await this.decideByProposal(caseNumber, proposal, caller.subject, undefined);
      return { decided: true, proposal };
    }
    return { decided: false, proposal };
  }

  /** The officer decides, confirming or overriding the proposal; the reason is mandatory and audited. */
  async decideByOfficer(caseNumber: string, input: { decision: 'accepted' | 'refused'; basis: Outcome['basis']; grounds?: string; reason: string }, caller: Caller) {
    const found = await this.openCase(caseNumber);
    if (input.decision === 'refused' && !input.grounds) throw new BadRequestException('a refusal needs written grounds for the partner');
    const overrides = !found.proposal || found.proposal.action !== (input.decision === 'accepted' ? 'accept' : 'refuse');
    await this.audit.record({ actor: caller, action: overrides ? 'decision-overridden' : 'decision-confirmed', subject: caseNumber, reason: input.reason, details: { decision: input.decision, basis: input.basis, proposal: found.proposal?.action } });
    return this.decide(caseNumber, { decision: input.decision, basis: input.basis, grounds: input.grounds, deemed: false }, caller.subject);
  }

  /** A motivated extension of the reply time limit, within the agreement's maximum counted from the original limit. */
  async extendReply(caseNumber: string, input: { days: number; reason: string }, caller: Caller) {
    const found = await this.openCase(caseNumber);
    const max = (found.agreementRules as unknown as AgreementRules).timeLimits.replyExtensionMax;
    if (input.days < 1 || input.days > max.value) throw new BadRequestException(`${found.agreement} allows an extension of 1 to ${max.value} ${max.unit} (${max.status}: ${max.source})`);
    if (this.clock.now() > found.replyDueBy) throw new ConflictException(`the reply time limit ${formatInstant(found.replyDueBy)} has passed: an extension is asked for before it falls due`);
    const replyDueBy = endOfBakuDay(addCalendarDays(bakuDate(found.originalReplyDueBy), input.days));
    if (replyDueBy <= found.replyDueBy) throw new ConflictException(`the reply is already due ${formatInstant(found.replyDueBy)}`);
    const replyId = deterministicId('reply-extended', caseNumber, replyDueBy.toISOString());
    const record = this.partnerReply(found, 'readmission.reply.extended.v1', replyId, { partnerReference: found.partnerReference, caseNumber, replyDueBy: formatInstant(replyDueBy), reason: input.reason });
    await this.cases
      .updateOne(
        { _id: caseNumber },
        withOutboxRecords({ $set: { replyDueBy }, $push: { history: { at: this.clock.now(), event: 'reply-extended', by: caller.subject, details: { replyDueBy, days: input.days } } } }, [record]),
      )
      .exec();
    await this.audit.record({ actor: caller, action: 'reply-extended', subject: caseNumber, reason: input.reason, details: { days: input.days, replyDueBy } });
    verificationMetrics.extensions.inc();
    await this.flush(caseNumber);
    return { caseNumber, replyDueBy: formatInstant(replyDueBy) };
  }

  /** Decides once: the insert of the decision document is the claim; a second decider finds it taken. */
  /** `at`: when the decision takes effect, if not now (a deemed acceptance takes effect when the reply fell due). */
  async decide(caseNumber: string, outcome: Outcome, decidedBy: string, causationId?: string, at?: Date): Promise<{ decided: boolean }> {
    const found = await this.cases.findById(caseNumber).lean().exec();
    if (!found) throw new NotFoundException(`no case ${caseNumber}`);
    const decidedAt = at ?? this.clock.now();
    const application = found.application as unknown as ApplicationSubmittedV1;
    const replyPayload = { partnerReference: found.partnerReference, caseNumber, decision: outcome.decision, basis: outcome.basis, ...(outcome.grounds ? { grounds: outcome.grounds } : {}), decidedAt: formatInstant(decidedAt), deemed: outcome.deemed };
    const meta = { source: SOURCE, time: decidedAt.toISOString(), subject: caseNumber, causationId };
    const records = [
      this.partnerReply(found, 'readmission.application.decided.v1', deterministicId('decided', caseNumber), replyPayload, causationId),
      encodeInternalEvent(
        'readmission.internal.case-decided.v1',
        {
          caseNumber,
          partnerCode: found.partnerCode,
          partnerReference: found.partnerReference,
          agreement: found.agreement,
          category: found.category as ApplicationSubmittedV1['category'],
          decision: outcome.decision,
          basis: outcome.basis,
          ...(outcome.grounds ? { grounds: outcome.grounds } : {}),
          decidedAt: formatInstant(decidedAt),
          deemed: outcome.deemed,
          receivedAt: formatInstant(found.receivedAt),
          rulebookVersion: found.rulebookVersion,
          agreementRules: found.agreementRules,
          person: { surname: application.person.surname, givenNames: application.person.givenNames, sex: application.person.sex, dateOfBirth: application.person.dateOfBirth, nationality: application.person.nationality },
          // Family members are decided with the person (working-rules.md, Evidence).
          family: application.family ?? [],
          assistance: application.assistance,
          unaccompaniedMinor: application.unaccompaniedMinor ?? false,
        },
        { id: deterministicId('case-decided', caseNumber), ...meta },
      ),
    ];
    try {
      await this.decisions.create({ _id: caseNumber, ...outcome, decidedAt, decidedBy, ...initialOutbox(records) });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      this.logger.log(`${caseNumber}: already decided`);
      await this.markDecided(caseNumber);
      await this.flush(caseNumber);
      return { decided: false };
    }
    await this.cases
      .updateOne({ _id: caseNumber }, { $set: { status: 'decided', decision: { ...outcome, decidedAt, decidedBy } }, $push: { history: { at: decidedAt, event: 'decided', by: decidedBy, details: { decision: outcome.decision, basis: outcome.basis, deemed: outcome.deemed } } } })
      .exec();
    verificationMetrics.decisions.inc({ decision: outcome.decision, basis: outcome.basis, deemed: String(outcome.deemed) });
    this.logger.log(`${caseNumber}: ${outcome.deemed ? 'deemed ' : ''}${outcome.decision} (${outcome.basis}) by ${decidedBy}`);
    await this.flush(caseNumber);
    return { decided: true };
  }

  /**
   * A redelivery after a crash between opening (or re-checking) a case and deciding it: carry out the decision the
   * rules proposed. `decide` is insert-once, so this is harmless when the decision was taken.
   */
  private async finishProposal(found: Pick<Lean, '_id' | 'status' | 'proposal'>, causationId: string): Promise<void> {
    const proposal = found.proposal;
    if (!OPEN_STATUSES.includes(found.status) || !proposal || (proposal.action !== 'accept' && proposal.action !== 'refuse')) return;
    await this.decideByProposal(found._id, proposal, 'system', causationId);
  }

  /** The decision document exists: make sure the case says so too (a crash may have come between the two writes). */
  private async markDecided(caseNumber: string): Promise<void> {
    const record = await this.decisions.findById(caseNumber, { outbox: 0 }).lean().exec();
    if (!record) return;
    const { decision, basis, grounds, deemed, decidedAt, decidedBy } = record;
    await this.cases.updateOne({ _id: caseNumber, status: { $ne: 'decided' } }, { $set: { status: 'decided', decision: { decision, basis, grounds, deemed, decidedAt, decidedBy } } }).exec();
  }

  private async decideByProposal(caseNumber: string, proposal: Proposal, by: string, causationId: string | undefined): Promise<void> {
    await this.decide(caseNumber, { decision: proposal.action === 'accept' ? 'accepted' : 'refused', basis: proposal.basis ?? 'prima-facie', grounds: proposal.grounds, deemed: false }, by, causationId);
  }

  private async evaluate(application: ApplicationSubmittedV1, rules: AgreementRules, receivedAt: string, findings: EvidenceFindings = {}) {
    const receiptDate = bakuDate(new Date(receivedAt));
    const assessment: EvidenceAssessment = classifyEvidence({ category: application.category, evidence: application.evidence }, rules, receiptDate, findings);
    const registry = await this.checkRegistry(application, assessment);
    const proposal = proposeDecision(application.category, assessment as AssessmentOutcome, application.category === 'national' ? registry.outcome : undefined, application.interviewRequested);
    return { assessment, registry, proposal };
  }

  /** Looks the person up, and each proof document's number: held for someone else, the evidence is contested. */
  private async checkRegistry(application: ApplicationSubmittedV1, assessment: EvidenceAssessment) {
    const candidates = application.category === 'national' ? await this.registry.findCandidates(application.person) : [];
    const best = candidates[0];
    const matched = best?.verdict === 'match' ? best.personalId : undefined;
    // Each numbered document that established the evidence is looked up: held for someone else, a proof document
    // is contested (interview) and a prima facie one is contradicted (the presumption is rebutted).
    const heldByOthers: { type: string; number: string; heldBy: string[] }[] = [];
    if (application.category === 'national' && assessment.strongest !== 'none') {
      for (const index of assessment.establishedBy) {
        const item = application.evidence[index];
        if (!item?.number) continue;
        const holders = await this.registry.findDocumentHolders(item.type, item.number);
        const others = holders.filter((h) => h.personalId !== matched).map((h) => h.personalId);
        if (others.length > 0) heldByOthers.push({ type: item.type, number: item.number, heldBy: others });
      }
    }
    const contested = assessment.strongest === 'proof' ? heldByOthers : [];
    const contradicted = assessment.strongest === 'prima-facie' ? heldByOthers : [];
    const outcome: RegistryOutcome = { source: this.registry.source, best: best ? { verdict: best.verdict, personalId: best.personalId, score: best.score } : undefined, contested, contradicted };
    const stored = {
      source: this.registry.source,
      candidates: candidates.slice(0, 10).map((c) => ({ personalId: c.personalId, score: c.score, verdict: c.verdict, explanation: c.explanation })),
      contestedDocuments: contested,
      contradictingDocuments: contradicted,
      checkedAt: this.clock.now(),
    };
    return { outcome, stored };
  }

  /** The fields that schedule a consular interview, and its partner reply queued in `records`. */
  private async interviewFor(found: Lean, proposal: Proposal, records: OutgoingRecord[], causationId: string) {
    const rules = found.agreementRules as unknown as AgreementRules;
    const limit = rules.timeLimits.interview;
    const day = addWorkingDays((await this.calendars.calendars()).official('AZ'), bakuDate(this.clock.now()), limit.value).date;
    const at = new Date(`${day}T10:00:00+04:00`);
    const place = `Consular section of the Embassy of the Republic of Azerbaijan accredited to ${found.partnerCode}`;
    const requestedBy = (found.application as unknown as ApplicationSubmittedV1).interviewRequested ? ('partner' as const) : ('platform' as const);
    records.push(
      this.partnerReply(found, 'readmission.interview.scheduled.v1', deterministicId('interview', found._id), { partnerReference: found.partnerReference, caseNumber: found._id, at: formatInstant(at), place }, causationId),
    );
    verificationMetrics.interviews.inc();
    return {
      status: 'awaiting-interview',
      interview: { requestedBy, at, place },
      history: [...(found.history ?? []), { at: this.clock.now(), event: 'interview-scheduled', by: 'system', details: { at, why: proposal.why } }],
    };
  }

  /** A reply for intake to publish; partner replies answer the application (`ce_causationid` = its ce_id). */
  private partnerReply(found: Pick<Lean, '_id' | 'partnerCode' | 'partnerReference' | 'applicationMessageId'>, messageType: string, replyId: string, payload: Record<string, unknown>, causationId?: string): OutgoingRecord {
    const answers = found.applicationMessageId;
    return encodeInternalEvent(
      'readmission.internal.partner-reply-requested.v1',
      { replyId, partnerCode: found.partnerCode, messageType, recordKey: found.partnerReference, caseNumber: found._id, ...(answers ? { causationId: answers } : {}), payload },
      { id: deterministicId('reply-request', replyId), source: SOURCE, time: this.clock.now().toISOString(), subject: found._id, causationId },
    );
  }

  private async openCase(caseNumber: string): Promise<Lean> {
    const found = await this.cases.findById(caseNumber).lean().exec();
    if (!found) throw new NotFoundException(`no case ${caseNumber}`);
    if (!OPEN_STATUSES.includes(found.status)) throw new ConflictException(`${caseNumber} is ${found.status}`);
    return found;
  }

  private async flush(caseNumber: string): Promise<void> {
    await this.relay.flush(this.cases as never, caseNumber);
    await this.relay.flush(this.decisions as never, caseNumber);
  }
}
