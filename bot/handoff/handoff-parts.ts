import type { ClusterBus } from '../cluster/cluster-bus.js';
import type { Logger } from '../logging/logger.js';
import type { Database } from '../storage/database.js';
import { AuditLog } from './audit-log.js';
import { CaseEvents } from './case-events.js';
import { CaseRepository } from './case-repository.js';
import { CrisisAlert } from './crisis-alert.js';
import type { Delivery } from './delivery.js';
import { HandoffDesk } from './handoff-desk.js';
import { OpeningHours } from './opening-hours.js';
import { ReferentDirectory } from './referent-directory.js';
import type { HandoffTargets } from './reply-expectation.js';
import { TranscriptStore } from './transcript-store.js';

export interface HandoffParts {
  desk: HandoffDesk;
  cases: CaseRepository;
  transcripts: TranscriptStore;
  referents: ReferentDirectory;
  audit: AuditLog;
  events: CaseEvents;
}

export interface HandoffOptions {
  targets: HandoffTargets;
  openingHours: string;
  timeZone: string;
  alertWebhookUrl?: string;
  consoleUrl: string;
  logger: Logger;
  now?: () => Date;
  /** Carries case events to the consoles connected to other instances. */
  bus?: ClusterBus;
}

/**
 * Builds the handoff around one database. The delivery is given late (a function) because the
 * channels that deliver are built after the parts that record transcripts.
 */
export function createHandoffParts(db: Database, options: HandoffOptions, delivery: () => Delivery): HandoffParts {
  const cases = new CaseRepository(db);
  const transcripts = new TranscriptStore(db);
  const referents = new ReferentDirectory(db);
  const audit = new AuditLog(db);
  const events = new CaseEvents(options.bus);
  const desk = new HandoffDesk({
    cases,
    transcripts,
    referents,
    audit,
    events,
    delivery: { send: (conversation, message) => delivery().send(conversation, message), replyWindow: (conversation) => delivery().replyWindow(conversation) },
    alert: new CrisisAlert(options.alertWebhookUrl, options.consoleUrl, options.logger),
    targets: options.targets,
    hours: OpeningHours.parse(options.openingHours, options.timeZone),
    now: options.now,
  });
  return { desk, cases, transcripts, referents, audit, events };
}
