import { ConflictException, Injectable, Logger, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { randomUUID } from 'crypto';
import { Model } from 'mongoose';
import { Counter, register } from 'prom-client';
import { CalendarSource, bakuDate, addCalendarDays } from '@readmission/agreements';
import { Caller } from '@readmission/auth';
import { CaseDecidedV1, CaseRegisteredV1, DecodedMessage, PersonArrivedV1 } from '@readmission/contracts';
import { insertOnce, isDuplicateKeyError } from '@readmission/persistence';
import { AuditTrail, Clock } from '@readmission/platform';
import { bodyByCode } from './config/bodies';
import { followUpSchedule, referralDueBy } from './deadlines';
import { REFERRAL_TRANSITIONS, ReferralStatus } from './domain';
import { FollowUp, HistoryEntry, ReadmissionTimeline, Referral, ReintegrationCase } from './reintegration-case.schema';
import { FollowUpIndicators, sustainabilityScore } from './score';

function counter(name: string, help: string, labelNames: string[] = []): Counter<string> {
  return (register.getSingleMetric(name) as Counter<string>) ?? new Counter({ name, help, labelNames });
}
export const reintegrationMetrics = {
  opened: counter('reintegration_cases_opened_total', 'Reintegration cases opened, by whether for an unaccompanied minor.', ['minor']),
  referrals: counter('reintegration_referrals_total', 'Referrals sent, by body.', ['body']),
  referralsOverdue: counter('reintegration_referrals_overdue_total', 'Referrals past their due date without being done or declined, by body (alerted once each).', ['body']),
  followUpsOverdue: counter('reintegration_follow_ups_overdue_total', 'Follow-ups not recorded by their due date, by month (alerted once each).', ['month']),
};

/** Days before its scheduled date from which a follow-up may be recorded. */
export const FOLLOW_UP_EARLY_DAYS = 14;

type Actor = Caller | 'system';
const who = (actor: Actor) => (actor === 'system' ? 'system' : actor.subject);

@Injectable()
export class ReintegrationService {
  private readonly logger = new Logger(ReintegrationService.name);

  constructor(
    @InjectModel(ReintegrationCase.name) private readonly cases: Model<ReintegrationCase>,
    @InjectModel(Referral.name) private readonly referrals: Model<Referral>,
    @InjectModel(FollowUp.name) private readonly followUps: Model<FollowUp>,
    @InjectModel(ReadmissionTimeline.name) private readonly timeline: Model<ReadmissionTimeline>,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly calendars: CalendarSource,
  ) {}

  // ---------------------------------------------------------------- events

  /**
   * Opens a support case for an arrived national, once (unique _id = case number), schedules its follow-ups
   * (deterministic ids) and projects the arrival into the timeline. A redelivery finds the case and only
   * completes what a crash may have left undone. Third-country nationals and stateless persons get no case.
   */
  async onPersonArrived({ payload: p }: DecodedMessage<PersonArrivedV1>): Promise<void> {
    const arrivedAt = new Date(p.arrivedAt);
    if (p.category !== 'national') {
      await this.project(p.caseNumber, { partnerCode: p.partnerCode, arrivedAt });
      this.logger.log(`${p.caseNumber}: arrived, not a national: no reintegration case`);
      return;
    }
    const now = this.clock.now();
    const minor = p.unaccompaniedMinor;
    let openedAt = now;
    try {
      await this.cases.create({
        _id: p.caseNumber,
        partnerCode: p.partnerCode,
        partnerReference: p.partnerReference,
        transferReference: p.transferReference,
        status: minor ? 'awaiting-guardian' : 'open',
        arrivedAt,
        openedAt: now,
        borderCrossingPoint: p.borderCrossingPoint,
        person: { ...p.person },
        family: p.family.map((f) => ({ ...f })),
        familyArrivedTogether: p.family.length > 0,
        assistance: p.assistance?.consentGiven ? { ...p.assistance } : undefined,
        // The need is known even without consent; its details travel only with consent.
        assistanceNeeded: Boolean(p.assistanceNeeded ?? (p.assistance?.consentGiven && p.assistance.needed)),
        unaccompaniedMinor: minor,
        consents: [],
        plan: [],
        history: [{ at: now, event: 'opened', by: 'system', details: { transferReference: p.transferReference, unaccompaniedMinor: minor, familyMembers: p.family.length } }],
      });
      reintegrationMetrics.opened.inc({ minor: String(minor) });
      this.logger.log(`${p.caseNumber}: reintegration case opened${minor ? ' (unaccompanied minor: awaiting guardian)' : ''}`);
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const existing = await this.cases.findById(p.caseNumber, { openedAt: 1 }).lean().exec();
      openedAt = existing?.openedAt ? new Date(existing.openedAt) : now;
      this.logger.log(`${p.caseNumber}: reintegration case already open (redelivery)`);
    }
    await this.audit.record({ actor: 'system', action: 'case-opened', subject: p.caseNumber, reason: `arrived at ${p.borderCrossingPoint} (transfer ${p.transferReference})`, id: `opened:${p.caseNumber}` });
    for (const f of followUpSchedule(arrivedAt)) {
      await insertOnce(this.followUps, { _id: `${p.caseNumber}:M${f.month}`, caseNumber: p.caseNumber, month: f.month, scheduledOn: f.scheduledOn, dueBy: f.dueBy, status: 'scheduled' });
    }
    await this.project(p.caseNumber, { partnerCode: p.partnerCode, arrivedAt, openedAt });
  }

  async onCaseRegistered({ payload: c }: DecodedMessage<CaseRegisteredV1>): Promise<void> {
    await this.project(c.caseNumber, { partnerCode: c.partnerCode, agreement: c.agreement, category: c.category, receivedAt: new Date(c.receivedAt) });
  }

  async onCaseDecided({ payload: c }: DecodedMessage<CaseDecidedV1>): Promise<void> {
    await this.project(c.caseNumber, {
      partnerCode: c.partnerCode,
      agreement: c.agreement,
      category: c.category,
      receivedAt: new Date(c.receivedAt),
      decision: c.decision,
      decidedAt: new Date(c.decidedAt),
    });
  }

  /** $set of facts that do not change: idempotent and order-free. Two first writers racing: the loser's upsert fails on the key and is retried as an update. */
  private async project(caseNumber: string, set: Partial<ReadmissionTimeline>): Promise<void> {
    try {
      await this.timeline.updateOne({ _id: caseNumber }, { $set: set }, { upsert: true }).exec();
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      await this.timeline.updateOne({ _id: caseNumber }, { $set: set }).exec();
    }
  }

  // ---------------------------------------------------------------- case-worker actions

  async get(caseNumber: string): Promise<ReintegrationCase> {
    const found = await this.cases.findById(caseNumber).lean().exec();
    if (!found) throw new NotFoundException(`no reintegration case ${caseNumber}`);
    return found;
  }

  /** The case, open for work: not closed, and for an unaccompanied minor a guardian recorded first. */
  private async workable(caseNumber: string, action: string): Promise<ReintegrationCase> {
    const c = await this.get(caseNumber);
    if (c.status === 'closed') throw new ConflictException(`case ${caseNumber} is closed`);
    if (c.unaccompaniedMinor && !c.guardian) {
      throw new ConflictException(`case ${caseNumber} is an unaccompanied minor's: a guardian or child protection body must be recorded before ${action}`);
    }
    return c;
  }

  private async change(caseNumber: string, update: Record<string, unknown>, history: Omit<HistoryEntry, 'at'>): Promise<void> {
    const at = this.clock.now();
    const { $push, ...rest } = update as { $push?: Record<string, unknown> };
    await this.cases.updateOne({ _id: caseNumber }, { ...rest, $push: { ...$push, history: { at, ...history } } }).exec();
  }

  async assign(caseNumber: string, caseWorker: string, caller: Caller) {
    const c = await this.get(caseNumber);
    if (c.status === 'closed') throw new ConflictException(`case ${caseNumber} is closed`);
    await this.change(caseNumber, { $set: { caseWorker } }, { event: 'assigned', by: caller.subject, details: { caseWorker, previous: c.caseWorker ?? null } });
    await this.audit.record({ actor: caller, action: 'case-assigned', subject: caseNumber, reason: `assigned to ${caseWorker}`, details: { caseWorker } });
    return { caseNumber, caseWorker };
  }

  async recordGuardian(caseNumber: string, guardian: { kind: string; name: string; organisation?: string; contact?: string; appointedBy?: string }, caller: Caller) {
    const c = await this.get(caseNumber);
    if (c.status === 'closed') throw new ConflictException(`case ${caseNumber} is closed`);
    const at = this.clock.now();
    await this.change(caseNumber, { $set: { guardian: { ...guardian, recordedAt: at, recordedBy: caller.subject }, status: 'open' } }, { event: 'guardian-recorded', by: caller.subject, details: { kind: guardian.kind } });
    await this.audit.record({ actor: caller, action: 'guardian-recorded', subject: caseNumber, reason: `${guardian.kind} appointed${guardian.appointedBy ? ` by ${guardian.appointedBy}` : ''}` });
    return { caseNumber, status: 'open' };
  }

  async recordConsent(caseNumber: string, body: { bodyCode: string; given: boolean; note?: string }, caller: Caller) {
    await this.workable(caseNumber, 'recording consent');
    if (!bodyByCode(body.bodyCode)) throw new UnprocessableEntityException(`unknown body ${body.bodyCode}`);
    const entry = { bodyCode: body.bodyCode, given: body.given, recordedAt: this.clock.now(), recordedBy: caller.subject, note: body.note };
    await this.change(caseNumber, { $push: { consents: entry } }, { event: body.given ? 'consent-given' : 'consent-withdrawn', by: caller.subject, details: { bodyCode: body.bodyCode } });
    await this.audit.record({ actor: caller, action: body.given ? 'consent-recorded' : 'consent-withdrawn', subject: caseNumber, reason: body.note ?? `consent to share personal data with ${body.bodyCode}: ${body.given ? 'given' : 'withdrawn'}`, details: { bodyCode: body.bodyCode } });
    return entry;
  }

  async recordAssessment(caseNumber: string, areas: { area: string; level: string; notes?: string }[], caller: Caller) {
    await this.workable(caseNumber, 'a needs assessment');
    const assessment = { areas, assessedAt: this.clock.now(), assessedBy: caller.subject };
    await this.change(caseNumber, { $set: { assessment } }, { event: 'assessed', by: caller.subject, details: { areas: areas.map((a) => ({ area: a.area, level: a.level })) } });
    await this.audit.record({ actor: caller, action: 'needs-assessed', subject: caseNumber, reason: 'needs assessment recorded', details: { levels: Object.fromEntries(areas.map((a) => [a.area, a.level])) } });
    return assessment;
  }

  async addPlanService(caseNumber: string, s: { service: string; area?: string; provider: string; budgetLine?: string; notes?: string }, caller: Caller) {
    const c = await this.workable(caseNumber, 'a reintegration plan');
    if (!c.assessment) throw new ConflictException(`case ${caseNumber}: record the needs assessment before the plan`);
    const item = { id: `S${c.plan.length + 1}-${randomUUID().slice(0, 6)}`, ...s, status: 'planned', updatedAt: this.clock.now() };
    await this.change(caseNumber, { $push: { plan: item } }, { event: 'plan-service-added', by: caller.subject, details: { id: item.id, service: s.service, provider: s.provider } });
    await this.audit.record({ actor: caller, action: 'plan-service-added', subject: caseNumber, reason: `${s.service} by ${s.provider}`, details: { id: item.id, budgetLine: s.budgetLine } });
    return item;
  }

  async updatePlanService(caseNumber: string, id: string, u: { status: string; notes?: string }, caller: Caller) {
    const c = await this.workable(caseNumber, 'a reintegration plan');
    const plan = c.plan.map((p) => (p.id === id ? { ...p, status: u.status, notes: u.notes ?? p.notes, updatedAt: this.clock.now() } : p));
    if (!c.plan.some((p) => p.id === id)) throw new NotFoundException(`case ${caseNumber} has no plan service ${id}`);
    await this.change(caseNumber, { $set: { plan } }, { event: 'plan-service-updated', by: caller.subject, details: { id, status: u.status } });
    await this.audit.record({ actor: caller, action: 'plan-service-updated', subject: caseNumber, reason: u.notes ?? `status ${u.status}`, details: { id, status: u.status } });
    return plan.find((p) => p.id === id);
  }

  /**
   * Refers the returnee to a body. Personal data goes only with the returnee's consent for that body: without
   * it the referral is refused, unless the case worker asks for a referral without personal data (then only the
   * assessed needs are shared). The record lists what was shared.
   */
  async createReferral(caseNumber: string, r: { bodyCode: string; purpose: string; area?: string; owner?: string; withoutPersonalData?: boolean }, caller: Caller) {
    const c = await this.workable(caseNumber, 'a referral');
    const body = bodyByCode(r.bodyCode);
    if (!body) throw new UnprocessableEntityException(`unknown body ${r.bodyCode}`);
    const consent = [...c.consents].reverse().find((x) => x.bodyCode === body.code);
    const consented = Boolean(consent?.given);
    if (!consented && !r.withoutPersonalData) {
      throw new ConflictException(`no consent recorded to share ${caseNumber}'s personal data with ${body.code}: record consent, or refer without personal data`);
    }
    const needs = (c.assessment?.areas ?? []).filter((a) => !r.area || a.area === r.area).map((a) => ({ area: a.area, level: a.level }));
    const shared = consented && !r.withoutPersonalData
      ? {
          personalData: true,
          fields: ['person.surname', 'person.givenNames', 'person.dateOfBirth', 'person.sex', 'needs', ...(c.assistance ? ['assistance'] : [])],
          consentRecordedAt: consent?.recordedAt,
          data: { person: { surname: c.person.surname, givenNames: c.person.givenNames, dateOfBirth: c.person.dateOfBirth, sex: c.person.sex }, needs, ...(c.assistance ? { assistance: c.assistance } : {}) },
        }
      : { personalData: false, fields: ['needs'], data: { needs } };
    const sentAt = this.clock.now();
    const due = referralDueBy(body, sentAt, (await this.calendars.calendars()).official('AZ'));
    const id = `${caseNumber}-${body.code}-${randomUUID().slice(0, 8)}`;
    const referral = await this.referrals.create({
      _id: id,
      caseNumber,
      bodyCode: body.code,
      bodyName: body.name,
      owner: r.owner ?? c.caseWorker ?? caller.subject,
      purpose: r.purpose,
      area: r.area,
      sentAt,
      dueOn: due.dueOn,
      dueBy: due.dueBy,
      dueBasis: due.basis,
      status: 'sent',
      statusHistory: [{ status: 'sent', at: sentAt, by: caller.subject }],
      shared,
    });
    reintegrationMetrics.referrals.inc({ body: body.code });
    await this.change(caseNumber, {}, { event: 'referral-sent', by: caller.subject, details: { referralId: id, bodyCode: body.code, dueOn: due.dueOn, personalData: shared.personalData } });
    await this.audit.record({ actor: caller, action: 'referral-sent', subject: caseNumber, reason: r.purpose, details: { referralId: id, bodyCode: body.code, dueOn: due.dueOn, shared: shared.fields } });
    this.logger.log(`${caseNumber}: referral ${id} to ${body.code}, due ${due.dueOn}`);
    return referral.toObject();
  }

  async updateReferral(caseNumber: string, id: string, u: { status: ReferralStatus; outcome?: string; note?: string }, caller: Caller) {
    await this.get(caseNumber);
    const ref = await this.referrals.findOne({ _id: id, caseNumber }).lean().exec();
    if (!ref) throw new NotFoundException(`case ${caseNumber} has no referral ${id}`);
    if (!REFERRAL_TRANSITIONS[ref.status].includes(u.status)) throw new ConflictException(`referral ${id} is ${ref.status}: cannot become ${u.status}`);
    const final = u.status === 'done' || u.status === 'declined';
    if (final && !u.outcome) throw new UnprocessableEntityException(`a ${u.status} referral needs its outcome`);
    const at = this.clock.now();
    await this.referrals
      .updateOne({ _id: id }, { $set: { status: u.status, ...(u.outcome ? { outcome: u.outcome } : {}), ...(final ? { closedAt: at } : {}) }, $push: { statusHistory: { status: u.status, at, by: caller.subject, note: u.note } } })
      .exec();
    await this.change(caseNumber, {}, { event: `referral-${u.status}`, by: caller.subject, details: { referralId: id } });
    await this.audit.record({ actor: caller, action: 'referral-updated', subject: caseNumber, reason: u.note ?? u.outcome ?? u.status, details: { referralId: id, status: u.status, outcome: u.outcome } });
    return this.referrals.findById(id).lean().exec();
  }

  async recordFollowUp(caseNumber: string, month: number, f: { indicators: FollowUpIndicators; notes?: string }, caller: Caller) {
    await this.workable(caseNumber, 'a follow-up');
    const id = `${caseNumber}:M${month}`;
    const fu = await this.followUps.findById(id).lean().exec();
    if (!fu) throw new NotFoundException(`case ${caseNumber} has no ${month}-month follow-up`);
    if (fu.status !== 'scheduled') throw new ConflictException(`the ${month}-month follow-up of ${caseNumber} is ${fu.status}`);
    const now = this.clock.now();
    const earliest = addCalendarDays(fu.scheduledOn, -FOLLOW_UP_EARLY_DAYS);
    if (bakuDate(now) < earliest) throw new ConflictException(`the ${month}-month follow-up of ${caseNumber} can be recorded from ${earliest}`);
    let score;
    try {
      score = sustainabilityScore(f.indicators);
    } catch (error) {
      throw new UnprocessableEntityException((error as Error).message);
    }
    await this.followUps.updateOne({ _id: id, status: 'scheduled' }, { $set: { status: 'recorded', indicators: { ...f.indicators }, score, notes: f.notes, recordedAt: now, recordedBy: caller.subject } }).exec();
    await this.change(caseNumber, {}, { event: 'follow-up-recorded', by: caller.subject, details: { month, score: score.score } });
    await this.audit.record({ actor: caller, action: 'follow-up-recorded', subject: caseNumber, reason: f.notes ?? `${month}-month follow-up`, details: { month, score }, id: `follow-up:${id}` });
    return { ...fu, status: 'recorded', indicators: f.indicators, score, recordedAt: now, recordedBy: caller.subject };
  }

  async close(caseNumber: string, body: { outcome: string; reason: string }, caller: Caller) {
    const c = await this.get(caseNumber);
    if (c.status === 'closed') throw new ConflictException(`case ${caseNumber} is already closed`);
    const at = this.clock.now();
    await this.change(caseNumber, { $set: { status: 'closed', outcome: body.outcome, closeReason: body.reason, closedAt: at } }, { event: 'closed', by: caller.subject, details: { outcome: body.outcome } });
    await this.followUps.updateMany({ caseNumber, status: 'scheduled' }, { $set: { status: 'cancelled' } }).exec();
    await this.audit.record({ actor: caller, action: 'case-closed', subject: caseNumber, reason: body.reason, details: { outcome: body.outcome } });
    return { caseNumber, status: 'closed', outcome: body.outcome };
  }

  /** A system note on a case (sweeps). */
  async note(caseNumber: string, event: string, actor: Actor, details: Record<string, unknown>): Promise<void> {
    await this.change(caseNumber, {}, { event, by: who(actor), details });
  }
}
