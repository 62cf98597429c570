import type { CaseRequest, ReplyExpectation } from '../../dialogs/ports.js';
import type { OpeningHours } from './opening-hours.js';

/** Target delays, in minutes, for a référent to take a case, per reason. */
export interface HandoffTargets {
  crisis: number;
  human_request: number;
  not_found: number;
}

/** What to promise for a new request: the real delay when the team is on duty, the next opening otherwise. */
export function expectReply(reason: CaseRequest['reason'], targets: HandoffTargets, hours: OpeningHours, now: Date): ReplyExpectation {
  if (hours.isOpen(now)) return { kind: 'on_duty', withinMinutes: targets[reason] };
  const opensAt = hours.nextOpening(now);
  return opensAt ? { kind: 'off_duty', opensAt, timeZone: hours.timeZone } : { kind: 'nobody' };
}
