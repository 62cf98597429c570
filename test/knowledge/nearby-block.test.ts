import { describe, expect, it } from 'vitest';
import { nearbyBlock } from '../../knowledge/answer/nearby-block.js';
import { PLACE_TYPES, type PlaceType } from '../../knowledge/directory/directory-record.js';
import { PLACE_SEARCH_PAGES } from '../../knowledge/directory/search-pages.js';

describe('the "near you" block', () => {
  it('with no checked place, says so and names where to look for every kind: a search page, or the 115 to call', () => {
    expect(nearbyBlock({ places: [], narrowableBy: 0 }, ['siao'])).toBe("📍 Je n'ai pas encore d'adresse vérifiée près de chez toi : appelle le [115](tel:115) (gratuit, 24 h/24).");
    expect(nearbyBlock({ places: [], narrowableBy: 0 }, ['caf', 'cpam'])).toBe(
      "📍 Je n'ai pas encore d'adresse vérifiée près de chez toi : cherche dans [caf.fr (choisis ta Caf)](https://www.caf.fr/) ; cherche dans [ameli.fr (choisis ta CPAM)](https://www.ameli.fr/).",
    );
    // Every kind of place has somewhere official to look.
    for (const type of Object.keys(PLACE_TYPES) as PlaceType[]) expect(PLACE_SEARCH_PAGES[type], type).toBeDefined();
  });
});
