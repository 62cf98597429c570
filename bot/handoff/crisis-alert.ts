import type { Logger } from '../logging/logger.js';
import type { CaseRecord } from './case-repository.js';

/**
 * Tells the team outside the console that a crisis case opened: a POST to a webhook (a chat room,
 * an on-call tool). The body names the case, never the young person nor their words.
 */
export class CrisisAlert {
  constructor(
    private readonly webhookUrl: string | undefined,
    private readonly consoleUrl: string,
    private readonly logger: Logger,
  ) {}

  /** Fire and forget: an alert that fails is logged, it never delays the young person's reply. */
  notify(record: CaseRecord): void {
    if (!this.webhookUrl) return;
    const body = {
      event: 'relais.crisis_case',
      caseId: record.id,
      priority: record.priority,
      category: record.category,
      departement: record.departement,
      status: record.status,
      at: new Date().toISOString(),
      url: `${this.consoleUrl}#case-${record.id}`,
      text: `Relais : demande de crise n° ${record.id}${record.departement ? ` (${record.departement})` : ''} à prendre en charge.`,
    };
    void fetch(this.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(5000) })
      .then((res) => {
        if (!res.ok) this.logger.warn({ caseId: record.id, status: res.status }, 'crisis alert refused by the webhook');
      })
      .catch((error: unknown) => this.logger.warn({ caseId: record.id, err: error instanceof Error ? error.message : 'unknown' }, 'crisis alert failed'));
  }
}
