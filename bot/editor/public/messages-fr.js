// kb:check's messages (English, for the terminal) in French for the editors' page. A message no pattern
// knows is shown as it is. Loaded before editor.js, which calls window.relaisMessageFr(message).
(() => {
  'use strict';
  const FIELD_NAMES = {
    id: 'identifiant', title: 'titre', short_title: 'titre court', theme: 'thème', scope: 'portée', questions: 'questions', keywords: 'mots-clés', answer: 'réponse',
    contacts: 'contacts', links: 'liens', sources: 'sources', verified_on: 'vérifiée le', review_by: 'à revoir avant le', related: 'fiches liées', body: 'détails', status: 'statut', amounts: 'montants',
    url: 'adresse web', phone: 'téléphone', label: 'nom', hours: 'horaires', publisher: 'éditeur', communes: 'communes', name: 'nom', type: 'type',
  };
  const field = (path) => {
    const [first, ...rest] = path.split('.');
    return [FIELD_NAMES[first] || first, ...rest.map((p) => (/^\d+$/.test(p) ? `n° ${Number(p) + 1}` : FIELD_NAMES[p] || p))].join(', ');
  };
  const PATTERNS = [
    [/^([\w.]+): at least 3 questions$/, () => 'questions : il en faut au moins 3, écrites comme les jeunes les écrivent.'],
    [/^([\w.]+): Required$/, (m) => `${field(m[1])} : obligatoire.`],
    [/^([\w.]+): String must contain at least (\d+) character\(s\)$/, (m) => `${field(m[1])} : au moins ${m[2]} caractères.`],
    [/^([\w.]+): String must contain at most (\d+) character\(s\)$/, (m) => `${field(m[1])} : ${m[2]} caractères au plus.`],
    [/^([\w.]+): Array must contain at least (\d+) element\(s\)$/, (m) => `${field(m[1])} : au moins ${m[2]} élément(s).`],
    [/^([\w.]+): (?:Invalid url|must be an https:\/\/ URL)$/, (m) => `${field(m[1])} : adresse web invalide (elle commence par https://).`],
    [/^([\w.]+): must be a date YYYY-MM-DD$/, (m) => `${field(m[1])} : date attendue (jour, mois, année).`],
    [/^([\w.]+): lowercase letters, digits and "-" only$/, (m) => `${field(m[1])} : seulement des minuscules sans accent, des chiffres et des tirets.`],
    [/^([\w.]+): Invalid enum value\. Expected (.*), received '(.*)'$/, (m) => `${field(m[1])} : « ${m[3]} » n’est pas possible ; choisis parmi ${m[2].replace(/'/g, '')}.`],
    [/^([\w.]+): Unrecognized key\(s\) in object: (.*)$/, (m) => `${field(m[1])} : champ inconnu ${m[2]}.`],
    [/^([\w.]+): a contact needs a phone or a url$/, (m) => `${field(m[1])} : un contact a besoin d’un téléphone ou d’une adresse web.`],
    [/^duplicate id "(.*)" \(also in (.*)\)$/, (m) => `identifiant « ${m[1]} » déjà pris (par ${m[2]}).`],
    [/^scope: unknown département code "(.*)"$/, (m) => `portée : « ${m[1]} » n’est pas un code de département.`],
    [/^contacts: malformed phone number "(.*)" \(.*\)$/, (m) => `contacts : numéro « ${m[1]} » mal écrit (écris-le comme « 3114 », « 0 800 235 236 » ou « 01 23 45 67 89 »).`],
    [/^sources: no official source/, () => 'sources : aucune source officielle (la liste est dans knowledge/official-sources.yaml).'],
    [/^review_by (.*) is before verified_on (.*)$/, (m) => `à revoir avant le ${m[1]} : c’est avant la date de vérification (${m[2]}).`],
    [/^verified_on (.*) is in the future$/, (m) => `vérifiée le ${m[1]} : cette date n’est pas encore passée.`],
    [/^review overdue since (.*)$/, (m) => `revue en retard depuis le ${m[1]} : vérifie la fiche sur sa source.`],
    [/^answer: (\d+) sentences, at most 3$/, (m) => `réponse : ${m[1]} phrases, 3 au plus (le reste va dans les détails).`],
    [/^related: unknown entry "(.*)"$/, (m) => `fiches liées : « ${m[1]} » n’existe pas.`],
    [/^short_title: missing, and the title is too long/, () => 'titre court : le titre est trop long pour un bouton ; ajoute un titre court (32 caractères au plus).'],
    [/^answer: states (.*) without the date it is in force/, (m) => `réponse : ${m[1]} sans la date d’entrée en vigueur (écris « montant en vigueur au 1er janvier 2026 »).`],
    [/^review_by (.*) is after (.*): an entry stating an amount/, (m) => `à revoir avant le ${m[1]} : une fiche avec un montant se revoit avant le ${m[2]} (revalorisation).`],
    [/^id "(.*)" does not match the file name/, (m) => `identifiant « ${m[1]} » : il ne correspond pas au nom du fichier.`],
    [/^the body \(details\) is missing or too short$/, () => 'détails : manquants ou trop courts.'],
    [/^"(.*)" is not a commune of (.*) \(write its official name\)$/, (m) => `« ${m[1]} » n’est pas une commune du département ${m[2]} (écris son nom officiel).`],
    [/^(.*): "(.*)" is not a commune of (.*) \(write its official name\)$/, (m) => `${m[1]} : « ${m[2]} » n’est pas une commune du département ${m[3]} (écris son nom officiel).`],
    [/^(.*): postcode (\d+) is not one of (.*)$/, (m) => `${m[1]} : le code postal ${m[2]} n’est pas dans le département ${m[3]}.`],
    [/^(.*): unknown entry "(.*)"$/, (m) => `${m[1]} : la fiche « ${m[2]} » n’existe pas.`],
    [/^not valid YAML: (.*)$/, (m) => `le texte n’est pas du YAML valide : ${m[1]}`],
  ];
  window.relaisMessageFr = (message) => {
    for (const [pattern, french] of PATTERNS) {
      const match = pattern.exec(message);
      if (match) return french(match);
    }
    return message;
  };
})();
