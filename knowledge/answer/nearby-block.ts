import { PLACE_TYPES, type PlaceRecord, type PlaceType } from '../directory/directory-record.js';
import type { NearbyPlaces } from '../directory/local-directory.js';
import { answerTextFr as t, frenchDate } from './answer-text-fr.js';
import { linkPhoneNumbers } from './phone-links.js';

/** A Markdown hard line break: a plain newline inside a paragraph renders as a space in Web Chat. */
const LINE_BREAK = '  \n';

/**
 * "Near you": the directory's places under an answer, each with its address, a number to tap, its hours and
 * the day it was checked, or, when the commune would choose among many, a request for it. Empty when the
 * directory has nothing for the département: the entry's own text already says where to look.
 */
export function nearbyBlock(nearby: NearbyPlaces, types: readonly PlaceType[]): string | undefined {
  const lines = nearby.places.map(placeLine);
  if (nearby.narrowableBy > 0) lines.push(t.askCommune(nearby.narrowableBy, PLACE_TYPES[types[0]!]));
  if (lines.length === 0) return undefined;
  return [`📍 **${t.nearYou}**`, ...lines].join(LINE_BREAK);
}

function placeLine(place: PlaceRecord): string {
  const parts = [`**${place.name}**`];
  if (place.address) parts.push(place.address);
  if (place.phone) parts.push(`📞 ${linkPhoneNumbers(place.phone, [place.phone])}`);
  if (place.hours) parts.push(place.hours);
  const name = place.url ? `[${t.site}](${place.url})` : undefined;
  if (name) parts.push(name);
  return `${parts.join(' · ')} _(${t.checked(`[${t.sourceWord}](${place.source})`, frenchDate(place.verified_on))})_`;
}
