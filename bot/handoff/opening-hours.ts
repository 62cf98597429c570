/**
 * When référents answer, in the team's time zone: "mon-fri 09:00-18:00; sat 10:00-12:00".
 * Used to tell a young person honestly when a human will read their request.
 */
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const STEP_MS = 5 * 60_000;
const WEEK_MS = 7 * 24 * 3600_000;

interface Slot {
  /** ISO weekday index: 0 = Monday. */
  days: Set<number>;
  fromMinute: number;
  toMinute: number;
}

export class OpeningHours {
  private readonly parts: Intl.DateTimeFormat;

  private constructor(
    private readonly slots: Slot[],
    readonly timeZone: string,
  ) {
    this.parts = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  }

  /** Throws an Error naming what is wrong; settings validation uses openingHoursProblem(). */
  static parse(spec: string, timeZone: string): OpeningHours {
    new Intl.DateTimeFormat('en-GB', { timeZone }); // throws RangeError on an unknown zone
    const slots = spec
      .split(';')
      .map((part) => part.trim())
      .filter(Boolean)
      .map(parseSlot);
    if (slots.length === 0) throw new Error('no opening slot');
    return new OpeningHours(slots, timeZone);
  }

  isOpen(at: Date): boolean {
    const { day, minute } = this.localTime(at);
    return this.slots.some((s) => s.days.has(day) && minute >= s.fromMinute && minute < s.toMinute);
  }

  /** The next moment the team is on duty (at itself when open now), or undefined when never. */
  nextOpening(at: Date): Date | undefined {
    if (this.isOpen(at)) return at;
    // Walk forward in 5-minute steps, aligned to the clock so "09:00" is hit exactly.
    const start = Math.ceil(at.getTime() / STEP_MS) * STEP_MS;
    for (let t = start; t <= at.getTime() + WEEK_MS; t += STEP_MS) {
      if (this.isOpen(new Date(t))) return new Date(t);
    }
    return undefined;
  }

  private localTime(at: Date): { day: number; minute: number } {
    const parts = Object.fromEntries(this.parts.formatToParts(at).map((p) => [p.type, p.value]));
    const day = DAYS.indexOf(String(parts.weekday).toLowerCase().slice(0, 3) as (typeof DAYS)[number]);
    return { day, minute: Number(parts.hour) * 60 + Number(parts.minute) };
  }
}

/** A message naming the setting's problem, or undefined when the opening hours are valid. */
export function openingHoursProblem(spec: string, timeZone: string): string | undefined {
  try {
    OpeningHours.parse(spec, timeZone);
    return undefined;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return error instanceof RangeError ? `HANDOFF_TIMEZONE: unknown time zone "${timeZone}"` : `HANDOFF_OPENING_HOURS: ${message} (expected e.g. "mon-fri 09:00-18:00; sat 10:00-12:00")`;
  }
}

function parseSlot(part: string): Slot {
  const match = /^([a-z]{3})(?:-([a-z]{3}))?\s+(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/i.exec(part);
  if (!match) throw new Error(`cannot read "${part}"`);
  const [, first, last, h1, m1, h2, m2] = match;
  const from = dayIndex(first!);
  const to = last ? dayIndex(last) : from;
  const days = new Set<number>();
  for (let d = from; ; d = (d + 1) % 7) {
    days.add(d);
    if (d === to) break;
  }
  const fromMinute = Number(h1) * 60 + Number(m1);
  const toMinute = Number(h2) * 60 + Number(m2);
  if (fromMinute >= toMinute || toMinute > 24 * 60) throw new Error(`"${part}": the end must come after the start, within the day`);
  return { days, fromMinute, toMinute };
}

function dayIndex(name: string): number {
  const index = DAYS.indexOf(name.toLowerCase() as (typeof DAYS)[number]);
  if (index < 0) throw new Error(`unknown day "${name}" (use ${DAYS.join(', ')})`);
  return index;
}
