/** "aujourd'hui à 14 h", "demain à 9 h", "lundi à 9 h 30": when the team will be there, in the team's time zone. */
export function momentInFrench(at: Date, now: Date, timeZone: string): string {
  const hour = new Intl.DateTimeFormat('fr-FR', { timeZone, hour: 'numeric', minute: '2-digit', hourCycle: 'h23' }).format(at);
  const [h, m] = hour.split(':');
  const time = m === '00' ? `${Number(h)} h` : `${Number(h)} h ${m}`;
  const day = dayOffset(at, now, timeZone);
  if (day === 0) return `aujourd'hui à ${time}`;
  if (day === 1) return `demain à ${time}`;
  return `${new Intl.DateTimeFormat('fr-FR', { timeZone, weekday: 'long' }).format(at)} à ${time}`;
}

/** "today at 2 pm", "tomorrow at 9 am", "Monday at 9:30 am". */
export function momentInEnglish(at: Date, now: Date, timeZone: string): string {
  const time = new Intl.DateTimeFormat('en-GB', { timeZone, hour: 'numeric', minute: '2-digit', hourCycle: 'h23' }).format(at);
  const day = dayOffset(at, now, timeZone);
  if (day === 0) return `today at ${time}`;
  if (day === 1) return `tomorrow at ${time}`;
  return `${new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long' }).format(at)} at ${time}`;
}

/** "15 minutes", "2 heures", "1 heure 30". */
export function durationInFrench(minutes: number): string {
  if (minutes < 60) return `${minutes} minute${minutes > 1 ? 's' : ''}`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${h} heure${h > 1 ? 's' : ''}${m ? ` ${m}` : ''}`;
}

export function durationInEnglish(minutes: number): string {
  if (minutes < 60) return `${minutes} minute${minutes > 1 ? 's' : ''}`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${h} hour${h > 1 ? 's' : ''}${m ? ` ${m} minutes` : ''}`;
}

function dayOffset(at: Date, now: Date, timeZone: string): number {
  const dayOf = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
  return Math.round((Date.parse(dayOf(at)) - Date.parse(dayOf(now))) / 86_400_000);
}
