import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import pg from 'pg';
import { errorSummary } from '../logging/error-summary.js';
import type { Logger } from '../logging/logger.js';
import type { ClusterBus, ClusterTopic } from './cluster-bus.js';
import { serialQueries, type SerialQuery } from './serial-queries.js';

/** PostgreSQL's limit for a NOTIFY payload is 8000 bytes; anything bigger is read from the tables instead. */
const MAX_PAYLOAD_BYTES = 7_900;
const RECONNECT_MS = 1_000;

/**
 * The instances' bus on PostgreSQL LISTEN/NOTIFY, on one connection of its own. A notification is delivered
 * after the sender's commit, so what it points to is already readable. If the connection drops, it reconnects;
 * what was announced meanwhile is lost, and the next announcement makes streams catch up from the tables.
 */
export class PostgresClusterBus implements ClusterBus {
  private readonly origin = randomUUID();
  private readonly emitter = new EventEmitter();
  private client?: pg.Client;
  private query?: SerialQuery;
  private closed = false;

  private constructor(
    private readonly connectionString: string,
    private readonly channel: string,
    private readonly logger: Logger,
  ) {
    this.emitter.setMaxListeners(0);
  }

  /** Listens on the deployment's channel (postgres-namespace.ts). */
  static async open(connectionString: string, channel: string, logger: Logger): Promise<PostgresClusterBus> {
    const bus = new PostgresClusterBus(connectionString, channel, logger);
    await bus.connect();
    return bus;
  }

  announce(topic: ClusterTopic, payload: Record<string, unknown>): void {
    const text = JSON.stringify({ origin: this.origin, topic, payload });
    if (Buffer.byteLength(text) > MAX_PAYLOAD_BYTES) {
      this.logger.warn({ topic, bytes: Buffer.byteLength(text) }, 'cluster announcement too large, not sent');
      return;
    }
    // In order, one at a time on the bus's connection.
    this.query?.('select pg_notify($1, $2)', [this.channel, text]).catch((error: unknown) => this.logger.warn({ topic, err: errorSummary(error) }, 'cluster announcement failed'));
  }

  onAnnouncement(topic: ClusterTopic, handler: (payload: Record<string, unknown>) => void): () => void {
    this.emitter.on(topic, handler);
    return () => this.emitter.off(topic, handler);
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = this.client;
    [this.client, this.query] = [undefined, undefined];
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString });
    client.on('notification', (message) => this.receive(message.payload));
    client.on('error', (error) => {
      this.logger.warn({ err: errorSummary(error) }, 'cluster bus connection lost; reconnecting');
      if (this.client === client) [this.client, this.query] = [undefined, undefined];
      void client.end().catch(() => undefined);
      this.reconnectLater();
    });
    await client.connect();
    await client.query(`listen ${this.channel}`);
    if (this.closed) return void (await client.end());
    this.client = client;
    this.query = serialQueries(client);
  }

  private reconnectLater(): void {
    if (this.closed) return;
    setTimeout(() => {
      if (this.closed) return;
      this.connect().catch((error: unknown) => {
        this.logger.warn({ err: errorSummary(error) }, 'cluster bus reconnection failed');
        this.reconnectLater();
      });
    }, RECONNECT_MS).unref();
  }

  private receive(text: string | undefined): void {
    try {
      const message = JSON.parse(text ?? '') as { origin?: string; topic?: ClusterTopic; payload?: Record<string, unknown> };
      if (message.origin === this.origin || !message.topic || !message.payload) return;
      this.emitter.emit(message.topic, message.payload);
    } catch (error) {
      this.logger.warn({ err: errorSummary(error) }, 'unreadable cluster announcement');
    }
  }
}
