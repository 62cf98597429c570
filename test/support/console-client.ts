/** The référent console's JSON API as a test (or another tool) drives it: a session cookie and its CSRF token. */
export class ConsoleClient {
  private cookie = '';
  csrfToken = '';

  constructor(private readonly baseUrl: string) {}

  static async login(baseUrl: string, email: string, password: string): Promise<ConsoleClient> {
    const client = new ConsoleClient(baseUrl);
    const res = await client.login(email, password);
    if (res.status !== 200) throw new Error(`login of ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return client;
  }

  async login(email: string, password: string): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
    const res = await fetch(`${this.baseUrl}/console/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
    const body = (await res.json()) as Record<string, unknown>;
    if (res.ok) {
      this.cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
      this.csrfToken = String(body.csrfToken);
    }
    return { status: res.status, body, headers: res.headers };
  }

  async get<T = unknown>(path: string): Promise<{ status: number; body: T }> {
    const res = await fetch(`${this.baseUrl}/console/api${path}`, { headers: { cookie: this.cookie } });
    return { status: res.status, body: (await res.json().catch(() => undefined)) as T };
  }

  async post<T = unknown>(path: string, body?: unknown, options: { csrf?: boolean } = {}): Promise<{ status: number; body: T }> {
    const headers: Record<string, string> = { cookie: this.cookie, 'content-type': 'application/json' };
    if (options.csrf !== false) headers['x-csrf-token'] = this.csrfToken;
    const res = await fetch(`${this.baseUrl}/console/api${path}`, { method: 'POST', headers, body: JSON.stringify(body ?? {}) });
    return { status: res.status, body: (await res.json().catch(() => undefined)) as T };
  }

  /** Any route of the same sign-in (the editors' API under /editor/api shares the console's session). */
  async send<T = unknown>(method: string, path: string, body?: unknown, options: { csrf?: boolean } = {}): Promise<{ status: number; body: T }> {
    const headers: Record<string, string> = { cookie: this.cookie };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (options.csrf !== false) headers['x-csrf-token'] = this.csrfToken;
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: (await res.json().catch(() => undefined)) as T };
  }

  /** The case events stream: returns the events seen so far and a stop function. */
  events(): { seen: Array<{ event: string; data: { caseId: string; kind?: string }; at: number }>; stop: () => void } {
    const seen: Array<{ event: string; data: { caseId: string; kind?: string }; at: number }> = [];
    const controller = new AbortController();
    void (async () => {
      const res = await fetch(`${this.baseUrl}/console/api/events`, { headers: { cookie: this.cookie }, signal: controller.signal });
      const decoder = new TextDecoder();
      let buffer = '';
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (event && data) seen.push({ event, data: JSON.parse(data), at: Date.now() });
        }
      }
    })().catch(() => undefined);
    return { seen, stop: () => controller.abort() };
  }
}
