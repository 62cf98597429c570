import type { CaseDesk, CaseRequest, ReplyExpectation } from '../../dialogs/ports.js';
import { fr } from '../../dialogs/strings/fr.js';
import { departementByCode } from '../../knowledge/territory/departements.js';
import { covers, type Actor } from './actor.js';
import type { AuditLog } from './audit-log.js';
import type { CaseEventKind, CaseEvents } from './case-events.js';
import type { CaseNote, CaseRecord, CaseRepository, CaseStatus } from './case-repository.js';
import type { CrisisAlert } from './crisis-alert.js';
import type { Delivery, ReplyWindow } from './delivery.js';
import type { OpeningHours } from './opening-hours.js';
import type { ReferentDirectory } from './referent-directory.js';
import { expectReply, type HandoffTargets } from './reply-expectation.js';
import type { TranscriptMessage, TranscriptStore } from './transcript-store.js';

export class HandoffError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface CaseSummary {
  id: string;
  conversationId: string;
  channelId: string;
  priority: number;
  reason: CaseRecord['reason'];
  category: string | null;
  departement: string | null;
  departementName: string | null;
  status: CaseStatus;
  waitingSeconds: number;
  targetMinutes: number;
  overdue: boolean;
  assignedTo: { id: string; name: string } | null;
  createdAt: string;
  lastMessageAt: string | null;
  unread: number;
  flagged: boolean;
}

export interface CaseDetail extends CaseSummary {
  shared: { departement: string | null; age: number | null; situation: string | null };
  /** Where the channel limits when the service may write (WhatsApp's 24 h); null where a référent may always write. */
  replyWindow: ReplyWindow | null;
  messages: TranscriptMessage[];
  notes: CaseNote[];
  outcome: string | null;
}

export interface HandoffDeskDeps {
  cases: CaseRepository;
  transcripts: TranscriptStore;
  referents: ReferentDirectory;
  audit: AuditLog;
  events: CaseEvents;
  delivery: Delivery;
  alert: CrisisAlert;
  targets: HandoffTargets;
  hours: OpeningHours;
  now?: () => Date;
}

/**
 * Requests for a human, from the bot's side (open, is a human in charge?) and from the référent's
 * (queue, take over, reply, hand back, close). Every référent action is checked against their
 * départements and written to the audit log.
 */
export class HandoffDesk implements CaseDesk {
  private readonly now: () => Date;

  constructor(private readonly deps: HandoffDeskDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  get targets(): HandoffTargets {
    return this.deps.targets;
  }

  // The bot's side (the CaseDesk port).

  async open(request: CaseRequest): Promise<ReplyExpectation> {
    const { record, change } = await this.deps.cases.openOrUpdate(request);
    if (change !== 'unchanged') this.publish(record, change === 'raised' ? 'updated' : change === 'reopened' ? 'opened' : change);
    if (request.reason === 'crisis' && (change === 'opened' || change === 'raised' || change === 'reopened')) this.deps.alert.notify(record);
    if (record.status === 'assigned' && record.assignedTo) return { kind: 'in_charge', name: record.assignedTo.name };
    if (!(await this.deps.referents.covers(record.departement ?? undefined))) return { kind: 'nobody' };
    const expectation = expectReply(record.reason, this.deps.targets, this.deps.hours, this.now());
    if (expectation.kind !== 'off_duty') return expectation;
    // A promise to answer "here" must hold: on a channel whose window closes before the team is back, say so.
    const window = await this.deps.delivery.replyWindow({ conversationId: record.conversationId, channelId: record.channelId });
    return window?.until && Date.parse(window.until) < expectation.opensAt.getTime() ? { ...expectation, writeFirst: true } : expectation;
  }

  async isHumanInCharge(conversationId: string): Promise<boolean> {
    return this.deps.cases.isAssigned(conversationId);
  }

  /**
   * A turn's messages (see the transcript middleware): kept for the référent, counted as unread on the
   * conversation's unfinished case, and shown live in the console when there is one.
   */
  async recordTurn(conversation: { conversationId: string; channelId: string; userRef: string }, messages: Array<{ from: 'user' | 'bot'; text: string }>): Promise<void> {
    const caseId = await this.deps.transcripts.appendTurnToCase(conversation, messages);
    const record = caseId ? await this.deps.cases.get(caseId) : undefined;
    if (record) this.publish(record, 'message');
  }

  /** The handoff.status of a contact-centre platform (Bot Framework handoff protocol). */
  async applyPlatformStatus(conversationId: string, state: 'accepted' | 'completed' | 'failed'): Promise<void> {
    const record = await this.deps.cases.applyPlatformStatus(conversationId, state);
    if (record) this.publish(record, state === 'accepted' ? 'taken' : state === 'completed' ? 'closed' : 'opened');
  }

  /** The young person's chat showed what was waiting: the console marks the référent's messages as read. */
  async noteSeen(conversationId: string): Promise<void> {
    if ((await this.deps.transcripts.markSeen(conversationId)) === 0) return;
    const record = await this.deps.cases.unfinished(conversationId);
    if (record) this.publish(record, 'updated');
  }

  /** The young person is typing: the référent holding or viewing the case sees it. */
  async noteTyping(conversationId: string): Promise<void> {
    const record = await this.deps.cases.unfinished(conversationId);
    if (record) this.deps.events.publish({ type: 'typing', caseId: record.id, departement: record.departement });
  }

  // The référent's side.

  async list(actor: Actor, filter: { status?: string; departement?: string }): Promise<CaseSummary[]> {
    const statuses = statusesOf(filter.status);
    let departements = actor.role === 'coordinator' ? undefined : actor.departements;
    if (filter.departement) {
      if (departements && !departements.includes(filter.departement)) throw new HandoffError(403, 'forbidden', "Tu ne suis pas ce département.");
      departements = [filter.departement];
    }
    const records = await this.deps.cases.list({ statuses, departements });
    return records.map((r) => this.summary(r));
  }

  async view(actor: Actor, caseId: string): Promise<CaseDetail> {
    const record = await this.visible(actor, caseId);
    const [messages, notes, replyWindow] = await Promise.all([
      this.deps.transcripts.messages(record.conversationId),
      this.deps.cases.notes(record.id),
      this.deps.delivery.replyWindow({ conversationId: record.conversationId, channelId: record.channelId }),
    ]);
    await this.deps.audit.append({ actorId: actor.id, action: 'view', caseId: record.id });
    if (record.unread > 0) await this.deps.cases.markRead(record.id);
    return {
      ...this.summary({ ...record, unread: 0 }),
      shared: { departement: record.departement, age: record.shared.age ?? null, situation: record.shared.situation ?? null },
      replyWindow: replyWindow ?? null,
      messages,
      notes,
      outcome: record.outcome,
    };
  }

  async take(actor: Actor, caseId: string): Promise<CaseSummary> {
    const record = await this.visible(actor, caseId);
    if (record.status === 'closed') throw new HandoffError(409, 'conflict', 'Cette demande est clôturée.');
    const taken = await this.deps.cases.take(record.id, actor.id);
    if (!taken) throw new HandoffError(409, 'conflict', "Quelqu'un d'autre a déjà pris cette demande.");
    await this.deps.audit.append({ actorId: actor.id, action: 'take', caseId: record.id });
    if (record.status !== 'assigned') {
      const place = departementByCode(record.departement ?? actor.departements[0] ?? '')?.nom;
      await this.tell(taken, fr.handoffJoined(actor.name, actor.title, place));
    }
    this.publish(taken, 'taken');
    return this.summary(taken);
  }

  async reply(actor: Actor, caseId: string, text: string): Promise<{ id: string }> {
    const record = await this.held(actor, caseId);
    const { seen } = await this.deps.delivery.send(record, { kind: 'text', text, senderName: actor.name });
    await this.deps.transcripts.append({ conversationId: record.conversationId, channelId: record.channelId, userRef: record.userRef, from: 'referent', name: actor.name, text, seen });
    await this.deps.audit.append({ actorId: actor.id, action: 'message', caseId: record.id });
    this.publish(record, 'message');
    return { id: record.id };
  }

  async typing(actor: Actor, caseId: string): Promise<void> {
    const record = await this.held(actor, caseId);
    await this.deps.delivery.send(record, { kind: 'typing', senderName: actor.name });
  }

  async addNote(actor: Actor, caseId: string, text: string): Promise<CaseNote> {
    const record = await this.visible(actor, caseId);
    const note = await this.deps.cases.addNote(record.id, actor.id, text);
    await this.deps.audit.append({ actorId: actor.id, action: 'note', caseId: record.id });
    this.publish(record, 'updated');
    return note;
  }

  async handBack(actor: Actor, caseId: string): Promise<CaseSummary> {
    const record = await this.held(actor, caseId);
    const released = await this.deps.cases.release(record.id, actor.id);
    if (!released) throw new HandoffError(409, 'conflict', "Cette conversation n'est plus la tienne.");
    await this.deps.audit.append({ actorId: actor.id, action: 'hand_back', caseId: record.id });
    await this.tell(released, fr.handoffReleased(actor.name));
    this.publish(released, 'released');
    return this.summary(released);
  }

  async close(actor: Actor, caseId: string, outcome: string): Promise<CaseSummary> {
    const record = await this.visible(actor, caseId);
    const closed = await this.deps.cases.close(record.id, outcome);
    if (!closed) throw new HandoffError(409, 'conflict', 'Cette demande est déjà clôturée.');
    await this.deps.audit.append({ actorId: actor.id, action: 'close', caseId: record.id });
    // Closing a conversation someone still held gives it back to the bot: the young person must know.
    if (record.status === 'assigned') await this.tell(closed, fr.handoffReleased(record.assignedTo?.name ?? actor.name));
    this.publish(closed, 'closed');
    return this.summary(closed);
  }

  async assign(actor: Actor, caseId: string, referentId: string): Promise<CaseSummary> {
    if (actor.role !== 'coordinator') throw new HandoffError(403, 'forbidden', 'Seul·e un·e coordinateur·rice peut attribuer une demande.');
    const record = await this.visible(actor, caseId);
    const referent = await this.deps.referents.byId(referentId);
    if (!referent || !covers(referent, record.departement)) throw new HandoffError(400, 'bad_request', 'Cette personne ne suit pas ce département.');
    if (record.status === 'assigned' && record.assignedTo?.id !== referent.id) {
      throw new HandoffError(409, 'conflict', `${record.assignedTo?.name ?? "Quelqu'un"} tient déjà la conversation : demande-lui de rendre la main d'abord.`);
    }
    const assigned = await this.deps.cases.assign(record.id, referent.id);
    if (!assigned) throw new HandoffError(409, 'conflict', 'Cette demande est clôturée.');
    await this.deps.audit.append({ actorId: actor.id, action: 'assign', caseId: record.id, detail: `to ${referent.id}` });
    this.publish(assigned, 'assigned');
    return this.summary(assigned);
  }

  private async visible(actor: Actor, caseId: string): Promise<CaseRecord> {
    const record = await this.deps.cases.get(caseId);
    if (!record) throw new HandoffError(404, 'not_found', "Cette demande n'existe pas (ou plus : la personne a pu effacer ses données).");
    if (!covers(actor, record.departement)) throw new HandoffError(403, 'forbidden', "Cette demande est d'un département que tu ne suis pas.");
    return record;
  }

  private async held(actor: Actor, caseId: string): Promise<CaseRecord> {
    const record = await this.visible(actor, caseId);
    if (record.status !== 'assigned' || record.assignedTo?.id !== actor.id) throw new HandoffError(409, 'conflict', "Prends d'abord la conversation en charge.");
    return record;
  }

  /** A notice of the bot to the young person, kept in the transcript. */
  private async tell(record: CaseRecord, text: string): Promise<void> {
    await this.deps.transcripts.append({ conversationId: record.conversationId, channelId: record.channelId, userRef: record.userRef, from: 'bot', text });
    await this.deps.delivery.send(record, { kind: 'text', text });
  }

  private publish(record: CaseRecord, kind: CaseEventKind): void {
    this.deps.events.publish({ type: 'case', caseId: record.id, departement: record.departement, kind });
  }

  private summary(record: CaseRecord): CaseSummary {
    const now = this.now().getTime();
    const waitEnd = record.status === 'open' ? now : (record.assignedAt?.getTime() ?? record.closedAt?.getTime() ?? now);
    const waitingSeconds = Math.max(0, Math.round((waitEnd - record.waitingSince.getTime()) / 1000));
    const targetMinutes = this.deps.targets[record.reason];
    return {
      id: record.id,
      conversationId: record.conversationId,
      channelId: record.channelId,
      priority: record.priority,
      reason: record.reason,
      category: record.category,
      departement: record.departement,
      departementName: record.departement ? (departementByCode(record.departement)?.nom ?? null) : null,
      status: record.status,
      waitingSeconds,
      targetMinutes,
      overdue: record.status === 'open' && waitingSeconds > targetMinutes * 60,
      assignedTo: record.assignedTo ? { id: record.assignedTo.id, name: record.assignedTo.name } : null,
      createdAt: record.createdAt.toISOString(),
      lastMessageAt: record.lastMessageAt?.toISOString() ?? null,
      unread: record.unread,
      flagged: record.flagged,
    };
  }
}

const ALL_STATUSES: CaseStatus[] = ['open', 'assigned', 'released', 'closed'];

function statusesOf(filter: string | undefined): CaseStatus[] {
  if (!filter || filter === 'active') return ['open', 'assigned', 'released'];
  if ((ALL_STATUSES as string[]).includes(filter)) return [filter as CaseStatus];
  throw new HandoffError(400, 'bad_request', `Statut inconnu : ${filter.slice(0, 20)}`);
}
