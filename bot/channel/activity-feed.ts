import { EventEmitter } from 'node:events';
import type { Activity } from 'botbuilder';
import { SingleInstanceBus, type ClusterBus } from '../cluster/cluster-bus.js';

export interface FeedBatch {
  activities: Partial<Activity>[];
  watermark: number;
  /** Shown live but never stored (a référent typing): sent without a watermark. */
  ephemeral?: boolean;
  /**
   * Stored on another instance: the batch carries only the new watermark, and a stream reads what it has
   * not sent yet from the database.
   */
  elsewhere?: boolean;
}

/**
 * Live activities per conversation, for the WebSocket streams of this instance. What is published here
 * is also announced to the other instances (ClusterBus), whose streams of the same conversation catch up.
 */
export class ActivityFeed {
  private readonly emitter = new EventEmitter();

  constructor(private readonly bus: ClusterBus = new SingleInstanceBus()) {
    this.emitter.setMaxListeners(0);
    bus.onAnnouncement('feed', (payload) => {
      const conversationId = typeof payload.conversationId === 'string' ? payload.conversationId : undefined;
      if (!conversationId || !this.isWatched(conversationId)) return;
      const watermark = Number(payload.watermark);
      if (payload.ephemeral === true && Array.isArray(payload.activities)) {
        this.emitter.emit(conversationId, { activities: payload.activities as Partial<Activity>[], watermark: -1, ephemeral: true });
      } else if (Number.isSafeInteger(watermark)) {
        this.emitter.emit(conversationId, { activities: [], watermark, elsewhere: true });
      }
    });
  }

  publish(conversationId: string, batch: FeedBatch): void {
    this.emitter.emit(conversationId, batch);
    // Stored activities are read from the tables by the other instances: only their watermark travels.
    this.bus.announce('feed', batch.ephemeral ? { conversationId, ephemeral: true, activities: batch.activities } : { conversationId, watermark: batch.watermark });
  }

  /** True while at least one live stream on this instance follows the conversation. */
  isWatched(conversationId: string): boolean {
    return this.emitter.listenerCount(conversationId) > 0;
  }

  subscribe(conversationId: string, listener: (batch: FeedBatch) => void): () => void {
    this.emitter.on(conversationId, listener);
    return () => this.emitter.off(conversationId, listener);
  }
}
