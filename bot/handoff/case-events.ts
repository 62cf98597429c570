import { EventEmitter } from 'node:events';
import { SingleInstanceBus, type ClusterBus } from '../cluster/cluster-bus.js';

export type CaseEventKind = 'opened' | 'updated' | 'message' | 'taken' | 'released' | 'closed' | 'flagged' | 'assigned';

export type CaseEvent =
  | { type: 'case'; caseId: string; departement: string | null; kind: CaseEventKind }
  | { type: 'typing'; caseId: string; departement: string | null };

/**
 * Live case changes for the console's streams, on this instance and, through the ClusterBus, on the others:
 * a référent connected to any instance sees a case opened or answered on another.
 */
export class CaseEvents {
  private readonly emitter = new EventEmitter();

  constructor(private readonly bus: ClusterBus = new SingleInstanceBus()) {
    this.emitter.setMaxListeners(0);
    bus.onAnnouncement('case', (payload) => {
      if ((payload.type === 'case' || payload.type === 'typing') && typeof payload.caseId === 'string') this.emitter.emit('event', payload as CaseEvent);
    });
  }

  publish(event: CaseEvent): void {
    this.emitter.emit('event', event);
    this.bus.announce('case', event);
  }

  subscribe(listener: (event: CaseEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}
