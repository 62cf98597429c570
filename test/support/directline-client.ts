import WebSocket from 'ws';
import XMLHttpRequest from 'xhr2';
import type { Activity } from 'botframework-directlinejs';

// botframework-directlinejs is written for browsers: give Node the two globals it uses.
Object.assign(globalThis, { XMLHttpRequest, WebSocket });

const { DirectLine, ConnectionStatus } = await import('botframework-directlinejs');

export { ConnectionStatus };
export type DirectLineClient = InstanceType<typeof DirectLine>;

/** The official Direct Line client pointed at a Relais server. */
export function connect(baseUrl: string, options: { token?: string; secret?: string; conversationId?: string; watermark?: string; webSocket?: boolean }): { client: DirectLineClient; received: Activity[] } {
  const client = new DirectLine({ domain: `${baseUrl}/v3/directline`, webSocket: options.webSocket ?? true, pollingInterval: 200, ...options });
  const received: Activity[] = [];
  // end() makes the stream fail with "conversation ended"; that is the expected way out.
  client.activity$.subscribe({ next: (activity) => received.push(activity), error: () => undefined });
  return { client, received };
}

/** Waits until predicate holds, polling; fails with a readable message. */
export async function waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 15_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function botTexts(received: Activity[]): string[] {
  return received.filter((a) => a.type === 'message' && a.from.role === 'bot').map((a) => (a as { text?: string }).text ?? '');
}
