import type { Logger } from '../logging/logger.js';
import type { Database } from '../storage/database.js';
import { SingleInstanceBus, type ClusterBus } from './cluster-bus.js';
import { PostgresClusterBus } from './postgres-cluster-bus.js';
import { clusterNamespace } from './postgres-namespace.js';
import { PostgresTurnLock } from './postgres-turn-lock.js';
import { InProcessTurnLock, type TurnLock } from './turn-lock.js';

export interface Cluster {
  turns: TurnLock;
  bus: ClusterBus;
}

/** PostgreSQL: any number of instances on one database. PGlite: one process per data folder, nothing to share. */
export async function openCluster(db: Database, databaseUrl: string | undefined, logger: Logger): Promise<Cluster> {
  if (db.engine !== 'postgres' || !databaseUrl) return { turns: new InProcessTurnLock(), bus: new SingleInstanceBus() };
  const { channel, lockClass } = await clusterNamespace(db);
  return { turns: new PostgresTurnLock(databaseUrl, lockClass, logger), bus: await PostgresClusterBus.open(databaseUrl, channel, logger) };
}
