import { EventEmitter } from 'node:events';
import type { Activity } from 'botbuilder';

export interface FeedBatch {
  activities: Partial<Activity>[];
  watermark: number;
  /** Shown live but never stored (a référent typing): sent without a watermark. */
  ephemeral?: boolean;
}

/** Live activities per conversation, for the WebSocket streams of this instance. */
export class ActivityFeed {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  publish(conversationId: string, batch: FeedBatch): void {
    this.emitter.emit(conversationId, batch);
  }

  /** True while at least one live stream follows the conversation. */
  isWatched(conversationId: string): boolean {
    return this.emitter.listenerCount(conversationId) > 0;
  }

  subscribe(conversationId: string, listener: (batch: FeedBatch) => void): () => void {
    this.emitter.on(conversationId, listener);
    return () => this.emitter.off(conversationId, listener);
  }
}
