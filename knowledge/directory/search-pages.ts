import type { PlaceType } from './directory-record.js';

/**
 * Where to look for a kind of place when the directory has no checked record near the young person: the
 * official search page (the same ones the entries already cite), or the number that finds it.
 */
export const PLACE_SEARCH_PAGES: Record<PlaceType, { label: string; url: string } | { call: string; note: string }> = {
  mission_locale: { label: "l'annuaire des missions locales (UNML)", url: 'https://www.unml.info/' },
  caf: { label: 'caf.fr (choisis ta Caf)', url: 'https://www.caf.fr/' },
  cpam: { label: 'ameli.fr (choisis ta CPAM)', url: 'https://www.ameli.fr/' },
  ase: { label: "l'annuaire des conseils départementaux", url: 'https://lannuaire.service-public.fr/navigation/cg' },
  adil: { label: "la carte des ADIL (ANIL)", url: 'https://www.anil.org/votre-adil' },
  pass: { label: 'la page des PASS du ministère de la Santé', url: 'https://solidarites-sante.gouv.fr/systeme-de-sante-et-medico-social/parcours-de-sante-vos-droits/modeles-et-documents/article/les-permanences-d-acces-aux-soins-de-sante-pass' },
  maison_des_adolescents: { label: "l'annuaire des maisons des adolescents (ANMDA)", url: 'https://www.anmda.fr/' },
  fjt: { label: "l'annuaire Habitat Jeunes", url: 'https://www.habitatjeunes.org/' },
  adepape: { label: 'la liste des ADEPAPE (FNADEPAPE)', url: 'https://fnadepape.org/' },
  cidff: { label: "les lieux d'accès au droit (justice.fr), ou le 3039", url: 'https://www.justice.fr/acces-droit' },
  point_justice: { label: 'les points-justice (justice.fr), ou le 3039', url: 'https://www.justice.fr/acces-droit' },
  siao: { call: '115', note: 'gratuit, 24 h/24' },
};
