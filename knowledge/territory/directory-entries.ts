import type { Entry } from '../content/entry.js';
import { departements } from './departements.js';

/** When the directories below were last checked by an editor. */
const VERIFIED_ON = '2026-11-22';
const REVIEW_BY = '2027-05-22';

/**
 * For each département without curated local content among `curated`, what the base can honestly say: its
 * name and the official directories to find each place. Generated from the département list, not written 97 times.
 */
export function directoryEntries(curated: readonly Entry[]): Entry[] {
  const withLocalContent = new Set(curated.flatMap((e) => e.departements ?? []));
  return departements
    .filter((d) => !withLocalContent.has(d.code))
    .map((d) => {
      const where = `${d.nom} (${d.code})`;
      return {
        id: `annuaires-${d.code.toLowerCase()}`,
        title: `Trouver de l'aide près de chez toi : ${where}`,
        theme: 'droits',
        scope: [d.code],
        departements: [d.code],
        questions: [`ou aller dans le ${d.code}`, `aide jeune majeur ${d.nom}`, `mission locale ${d.nom}`, `adresse caf cpam ase ${d.nom}`, `je suis dans le ${d.code} a qui m'adresser`],
        keywords: [d.nom, d.code, 'adresse', 'annuaire', 'près de chez moi', 'mission locale', 'CAF', 'CPAM', 'ASE'],
        answer: `Je n'ai pas encore d'adresses vérifiées pour le département ${where}. Les annuaires officiels ci-dessous te donnent le bon lieu près de chez toi. Pour l'ASE, adresse-toi au conseil départemental.`,
        links: [
          { label: 'Annuaire des services publics (mairie, CCAS, conseil départemental, CAF, CPAM, France services)', url: 'https://lannuaire.service-public.fr/' },
          { label: 'Trouver sa mission locale', url: 'https://www.unml.info/' },
          { label: 'Ma CAF', url: 'https://www.caf.fr/' },
          { label: 'Ma CPAM (Assurance maladie)', url: 'https://www.ameli.fr/' },
          { label: 'Foyers de jeunes travailleurs (Habitat Jeunes)', url: 'https://www.habitatjeunes.org/' },
          { label: 'Maisons des adolescents', url: 'https://www.anmda.fr/' },
          { label: "ADEPAPE (entraide des personnes accueillies à l'ASE)", url: 'https://www.fnadepape.org/' },
        ],
        contacts: [{ label: 'Urgence sociale, dormir ce soir (gratuit, 24 h/24)', phone: '115' }],
        sources: [{ title: "L'annuaire de l'administration française", publisher: 'DILA (Premier ministre)', url: 'https://dila.premier-ministre.gouv.fr/actualites/toutes-les-actualites/informations-administratives/l-annuaire-de-l-administration-francaise-1421' }],
        verified_on: VERIFIED_ON,
        review_by: REVIEW_BY,
        related: ['mission-locale', 'ase-qui-decide', '115-siao-hebergement-urgence'],
        // The directory's places, where it has some for this département (knowledge/directory).
        directory: ['ase', 'caf', 'cpam', 'mission_locale'],
        body: [
          `Pour le département ${where}, Relais n'a pas encore de fiches locales vérifiées. Plutôt que de deviner une adresse, voici où la trouver :`,
          '',
          "- **Conseil départemental (ASE)** : dans l'annuaire de l'administration, cherche le conseil départemental. C'est lui qui décide de l'aide jeune majeur.",
          '- **Mission locale** : l\'annuaire des missions locales donne celle de ta commune.',
          '- **CAF et CPAM** : sur caf.fr et ameli.fr, choisis ton département.',
          '- **Logement** : l\'annuaire Habitat Jeunes liste les foyers de jeunes travailleurs. Pour dormir ce soir, appelle le 115.',
          "- **Entraide** : la FNADEPAPE donne l'ADEPAPE de ton département.",
        ].join('\n'),
        file: `generated:directory/${d.code}`,
      } satisfies Entry;
    });
}
