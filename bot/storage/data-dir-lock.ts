import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

/**
 * One process at a time on an embedded database folder: a lock file holding the owner's pid.
 * A lock left by a process that no longer runs (a crash, kill -9) is taken over.
 */
export class DataDirLock {
  private constructor(private readonly file: string) {}

  static acquire(dataDir: string): DataDirLock {
    const file = path.join(dataDir, 'relais.lock');
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(file, 'wx');
        writeSync(fd, String(process.pid));
        closeSync(fd);
        return new DataDirLock(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const owner = Number.parseInt(readFileSync(file, 'utf8'), 10);
        if (Number.isInteger(owner) && isRunning(owner)) {
          throw new Error(
            `The embedded database in ${dataDir} is in use by process ${owner} (is \`npm start\` running?). Stop it first, or use a PostgreSQL server with DATABASE_URL.`,
          );
        }
        rmSync(file, { force: true });
      }
    }
    throw new Error(`DataDirLock.acquire(): could not lock ${dataDir}`);
  }

  release(): void {
    rmSync(this.file, { force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
