import { PLACE_TYPES, type PlaceRecord, type PlaceType } from '../directory/directory-record.js';
import type { NearbyPlaces } from '../directory/local-directory.js';
import { PLACE_SEARCH_PAGES } from '../directory/search-pages.js';
import { answerTextFr as t, frenchDate } from './answer-text-fr.js';
import { linkPhoneNumbers } from './phone-links.js';

/** A Markdown hard line break: a plain newline inside a paragraph renders as a space in Web Chat. */
const LINE_BREAK = '  \n';

/**
 * "Near you": the directory's places under an answer, each with its address, a number to tap, its hours and
 * the day it was checked, or, when the commune would choose among many, a request for it. With no checked
 * place, it says so and gives the official search page of each kind.
 */
export function nearbyBlock(nearby: NearbyPlaces, types: readonly PlaceType[]): string {
  const lines = nearby.places.map(placeLine);
  if (nearby.narrowableBy > 0) lines.push(t.askCommune(nearby.narrowableBy, PLACE_TYPES[types[0]!]));
  // No checked place: say so, and where the official search is, rather than nothing or a guess.
  if (lines.length === 0) return `📍 ${t.noCheckedPlace(types.map(searchLink).join(' ; '))}`;
  return [`📍 **${t.nearYou}**`, ...lines].join(LINE_BREAK);
}

function searchLink(type: PlaceType): string {
  const page = PLACE_SEARCH_PAGES[type];
  return 'url' in page ? t.searchIn(`[${page.label}](${page.url})`) : t.call(linkPhoneNumbers(page.call, [page.call]), page.note);
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
