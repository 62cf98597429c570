/** A young person on the built-in Direct Line channel, over plain HTTP (as Web Chat does, without a browser). */
export class YoungPerson {
  private watermark = 0;
  /** Every activity read so far, in order. */
  readonly received: Array<{ type: string; text?: string; from?: { role?: string; name?: string } }> = [];
  conversationId = '';
  private token = '';

  constructor(private baseUrl: string) {}

  /** The same conversation after the server restarted on another address (same data folder, same secret). */
  reconnect(baseUrl: string): this {
    this.baseUrl = baseUrl;
    return this;
  }

  async start(): Promise<this> {
    const grant = (await (await fetch(`${this.baseUrl}/api/webchat/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json()) as { token: string };
    const res = await fetch(`${this.baseUrl}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${grant.token}` } });
    const body = (await res.json()) as { conversationId: string; token: string };
    this.conversationId = body.conversationId;
    this.token = body.token;
    await this.read();
    return this;
  }

  /** Sends a message; the turn has run when this returns. Returns the texts of the bot's replies. */
  async say(text: string): Promise<string[]> {
    await this.send({ type: 'message', text });
    return (await this.read()).filter((a) => a.from?.role === 'bot' && a.type === 'message').map((a) => a.text ?? '');
  }

  /** The Direct Line WebSocket stream of this conversation (what Web Chat opens). */
  streamUrl(): string {
    return `${this.baseUrl.replace(/^http/, 'ws')}/v3/directline/conversations/${encodeURIComponent(this.conversationId)}/stream?t=${encodeURIComponent(this.token)}&watermark=${this.watermark}`;
  }

  /** Posts any activity, as a Direct Line client may. */
  async send(activity: Record<string, unknown>): Promise<void> {
    const res = await fetch(`${this.baseUrl}/v3/directline/conversations/${encodeURIComponent(this.conversationId)}/activities`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ from: { id: 'ignored' }, ...activity }),
    });
    if (!res.ok) throw new Error(`post failed: ${res.status}`);
  }

  /** Activities since the last read. */
  async read(): Promise<Array<{ type: string; text?: string; from?: { role?: string; name?: string } }>> {
    const res = await fetch(`${this.baseUrl}/v3/directline/conversations/${encodeURIComponent(this.conversationId)}/activities?watermark=${this.watermark}`, {
      headers: { authorization: `Bearer ${this.token}` },
    });
    const body = (await res.json()) as { activities: Array<{ type: string; text?: string; from?: { role?: string; name?: string } }>; watermark: string };
    this.watermark = Number(body.watermark);
    this.received.push(...body.activities);
    return body.activities;
  }
}
