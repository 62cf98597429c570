/** The welcome's theme buttons and the first entries each one offers (ids of knowledge/ entries; missing ones are skipped). */
export const THEME_MENU: ReadonlyArray<{ label: string; entryIds: string[] }> = [
  { label: 'Mes droits', entryIds: ['checklist-sortie-ase', 'accompagnement-jusqu-a-21-ans', 'contrat-jeune-majeur', 'droit-au-retour-ase', 'acces-dossier-ase', 'pecule-caisse-des-depots'] },
  { label: 'Logement', entryIds: ['trouver-logement-jeune', 'fjt-foyer-jeunes-travailleurs', 'garantie-visale', 'aide-logement-caf-apl', '115-siao-hebergement-urgence'] },
  { label: 'Santé', entryIds: ['assurance-maladie-18-ans', 'complementaire-sante-solidaire', 'mon-soutien-psy', 'maison-des-adolescents', 'contraception-gratuite-moins-26-ans'] },
  { label: 'Emploi et formation', entryIds: ['mission-locale', 'contrat-engagement-jeune', 'apprentissage', 'service-civique', 'france-travail-inscription'] },
  { label: 'Argent', entryIds: ['fonds-aide-aux-jeunes', 'allocation-cej', 'rsa-moins-de-25-ans', 'prime-activite', 'bourse-crous-ase'] },
  { label: 'Papiers', entryIds: ['titre-sejour-apres-ase', 'delai-titre-sejour-annee-18-ans', 'nationalite-francaise-ase', 'carte-identite-sans-adresse'] },
];

/** Entries whose answer depends on the young person's age or situation: the optional profile is offered after them. */
export const AGE_DEPENDENT_ENTRIES = new Set([
  'accompagnement-jusqu-a-21-ans',
  'droit-au-retour-ase',
  'contrat-jeune-majeur',
  'fin-contrat-jeune-majeur',
  'refus-contrat-jeune-majeur-recours',
  'rsa-moins-de-25-ans',
]);

/** Entries about support until 21, where the age changes the answer. */
export const UNTIL_21_ENTRIES = new Set(['accompagnement-jusqu-a-21-ans', 'droit-au-retour-ase', 'contrat-jeune-majeur', 'refus-contrat-jeune-majeur-recours']);
