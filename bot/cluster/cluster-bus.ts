/**
 * Messages between the instances of one Relais deployment (several processes on one PostgreSQL): a live
 * activity for a stream opened on another instance, a case event for a console connected elsewhere, an
 * editor's publication for the knowledge base of every instance.
 * Each instance also delivers its own events in process; the bus only carries them to the others.
 */
export interface ClusterBus {
  /** Sends to every other instance; never delivered back to this one. */
  announce(topic: ClusterTopic, payload: Record<string, unknown>): void;
  /** Called for each announcement of the topic from another instance. */
  onAnnouncement(topic: ClusterTopic, handler: (payload: Record<string, unknown>) => void): () => void;
  close(): Promise<void>;
}

export type ClusterTopic = 'feed' | 'case' | 'knowledge';

/** One instance (PGlite, or a single process on PostgreSQL): there is nobody to tell. */
export class SingleInstanceBus implements ClusterBus {
  announce(): void {}
  onAnnouncement(): () => void {
    return () => undefined;
  }
  async close(): Promise<void> {}
}
