import { EventEmitter } from 'node:events';

export type CaseEventKind = 'opened' | 'updated' | 'message' | 'taken' | 'released' | 'closed' | 'flagged' | 'assigned';

export type CaseEvent =
  | { type: 'case'; caseId: string; departement: string | null; kind: CaseEventKind }
  | { type: 'typing'; caseId: string; departement: string | null };

/**
 * Live case changes for the console's streams. In process for now: with several instances, the
 * same publish/subscribe pair is the seam for PostgreSQL LISTEN/NOTIFY.
 */
export class CaseEvents {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  publish(event: CaseEvent): void {
    this.emitter.emit('event', event);
  }

  subscribe(listener: (event: CaseEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}
