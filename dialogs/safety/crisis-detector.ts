import { foldText } from '../../knowledge/search/fold-text.js';

export type CrisisCategory = 'suicide' | 'self_harm' | 'violence' | 'no_shelter' | 'medical' | 'child_danger';

export interface CrisisSignal {
  category: CrisisCategory;
  /** Which rule fired, for tests and tuning (never the message itself). */
  rule: string;
}

/** Lowercase, no accents, SMS contractions opened ("jveux" → "je veux"), letters repeated 3+ times cut to one. */
export function normalizeForSafety(text: string): string {
  return ` ${foldText(text)
    .replace(/([a-z])\1{2,}/g, '$1')
    .replace(/[^a-z0-9']+/g, ' ')
    .replace(/\b(j|m|t|l|d|n|s|qu)'/g, '$1 ')
    .replace(/'/g, ' ')
    .replace(/\b(jai|g)\b/g, 'j ai')
    .replace(/\b(den|jen|men|ten)\b/g, (w) => `${w[0]} en`)
    .replace(/\bm(enferm\w*|frapp\w*|harcel\w*|agress\w*|insult\w*|etrangl\w*)\b/g, 'm $1')
    .replace(/\bj([bcdfgklmnpqrstvwxz][a-z]+)\b/g, 'je $1')
    .replace(/\bj(veux|ve|vx|vai|vais|peux|pe|sais|sui|suis|ss|pense|me|men|m|ai|arrive|tombe|dor|dors|dort)\b/g, 'je $1')
    .replace(/\b(chui|chuis|jsui|jsuis|jss|jsu|chu)\b/g, 'je suis')
    .replace(/\b(ve|vx|veu)\b/g, 'veux')
    .replace(/\b(vai|vé)\b/g, 'vais')
    .replace(/\b(pu|plu|plus)\b/g, 'plus')
    .replace(/\b(sui|ss)\b/g, 'suis')
    .replace(/\bmedoc?s?\b|\bcachets?\b|\bpilules?\b|\bcomprimes?\b|\bmedicaments?\b/g, 'medicaments')
    .replace(/\s+/g, ' ')
    .trim()} `;
}

/** Rules per category; each is tested on the normalised text. Order matters only for the reported rule. */
const RULES: Array<{ category: CrisisCategory; name: string; pattern: RegExp }> = [
  // Suicide: direct and indirect wishes to die, French (SMS and slang) and English.
  { category: 'suicide', name: 'suicide-word', pattern: /\b(?<!prevention (du )?)(suicid\w*|sucid\w*|suicd\w*|suisid\w*|sucide\w*|suiside\w*)\b/ },
  { category: 'suicide', name: 'not-live', pattern: /\b(veux|veut|envie de|envi de|peux|pense a|vais) (plus|pas) (vivre|continuer a vivre|exister)\b|\b(plus|pas) (envie|envi|la force|le courage) de (vivre|continuer|exister)\b|\bvivre (ne )?sert a rien\b|\b(ca|sa) sert a rien de vivre\b|\bmarre de (la vie|vivre)\b|\bfatigue\w* de (vivre|la vie)\b|\ba quoi bon (vivre|continuer)\b|\b(plus|pas|aucune|aucun) (de )?(raison|but) de vivre\b|\b(plus|pas) (envie d )?etre (en vie|vivante?)\b|\b(j en peux plus|jpp|j en peu plus) de (la|cette|ma) vie\b|\bidees? noires?\b|\bpense\w* (a la mort|a mourir|a me tuer)\b|\b(vaut|vaudrait) mieux que je (meure|meurs|creve|disparaisse|sois mort\w*|sois plus la)\b|\b(veux|envie de|voudrais) (pas|plus) me reveiller\b|\bdormir pour toujours\b|\b(la|une) (corde|cordes?) (pour|et) (me|en)\b|\bachete\w* (une|la|des) (corde|cordes)\b|\b(derniere fois|dernier message) (que|qu) (vous|tu|on|vs) (m )?(entend|voi|lis|li|aur)\w*\b|\bdernier message avant de partir\b/ },
  { category: 'suicide', name: 'want-die', pattern: /\b(veux|veut|envie de|envi de|vais|prefere|aimerais|voudrais|pret a) (mourir|crever|me tuer|me foutre en l ?air|me jeter|me pendre|sauter)\b(?! de (faim|rire|ennui|honte|fatigue|chaud|soif|envie|impatience|stress|froid dans))|\bje vais (me tuer|me foutre en l ?air|me pendre|sauter d\w* (pont|balcon|toit|fenetre|immeuble))\b|\bje me tue\b(?! a (la tache|le faire|travailler|te le dire|vous le dire|le dire))|\bmourir sans (souffrir|douleur|avoir mal)\b|\bcomment (on fait pour |faire pour |)(mourir|se tuer|se suicider|en finir)\b/ },
  { category: 'suicide', name: 'end-it', pattern: /\ben finir\b(?! avec (?!la vie|tout|moi|ma vie))|\bmettre fin a (mes jours|ma vie)\b|\bme foutre en l ?air\b|\bdisparaitre (pour de bon|a jamais|definitivement|pour toujours)\b|\b(envie de|veux|voudrais) disparaitre\b(?! (sous|dans mon lit|de cette ville|de ce groupe|des? (reseaux|insta|instagram|snap|snapchat|tiktok|internet|facebook|groupe|conversation|photos?|la ville)))|\b(pas|plus) envie de me reveiller\b|\blettre d adieu\b|\bc est (fini|termine) pour moi\b|\bpartir pour de bon\b|\bje suis un (poids|fardeau)\b|\b(serait|seraient|serais|serez|sera) (mieux|plus heureux|plus heureuse|tranquilles?) sans moi\b|\bpartir pour toujours\b|\bpersonne (ne )?(me )?(regret|remarqu|pleur|verr)\w* si je (meurs|mourais|crevais|disparais\w*|suis plus la)\b|\b(plus simple|mieux|plus facile) si j ?etais (mort|morte|plus la)\b|\b(je vais|je risque de|je fais) (faire )?une (connerie|betise)\b(?! (avec|de|sur) (mon|ma|mes) (budget|argent|compte|dossier))/ },
  { category: 'suicide', name: 'english', pattern: /\b(kill myself|killing myself|want to die|wanna die|end my life|end it all|end it tonight|going to end it|don t want to live|dont want to live|no reason to live|better off dead|better off without me|take my own life|suicidal|(feel|feeling) like ending it|ending it all|ending my life|(don t|dont|do not) want to be alive|no point (in )?living|not want to live anymore)\b/ },

  // Self-harm.
  { category: 'self_harm', name: 'cut-burn', pattern: /\b(je )?me (scarifi\w*|scarif\w*|mutil\w*|taillad\w*|bruler|brule|coupe|couper|coup|ouvrir les veines|fais du mal|fait du mal|faire du mal|frappe moi meme)\b(?! (les|mes|le|la) (cheveux|ongles|frange|barbe|doigt|pied|main))|\bje me suis (encore |deja |re)?(coupe|coupee|brule|brulee|scarifie\w*|mutile\w*)\b(?! (les|mes|le|la|au|en) ?(cheveux|ongles|frange|barbe|doigt|pied|main|langue|levre|cuisinant|bricolant|rasant|cuisine))|\bscarification\w*\b|\bautomutil\w*\b|\bme (tape|cogne|frappe) la tete (contre|sur|par)\b|\b(me fais|me suis fait|je fais) (des )?(entailles|coupures|marques|brulures)\b|\b(entailles|coupures) (sur|aux|a) (les|mes)? ?(poignets|bras|cuisses|jambes)\b/ },
  { category: 'self_harm', name: 'english', pattern: /\b(self harm\w*|selfharm\w*|cutting myself|cut myself|hurt myself|hurting myself|burn myself)\b/ },

  // A minor in danger comes before violence and no shelter: 119 is the number for them.
  { category: 'child_danger', name: 'minor', pattern: /\b(j ai )?(1[0-7]|douze|treize|quatorze|quinze|seize|dix sept) ans\b.{0,60}\b(frappe\w*|bat|battent|tape\w*|viol\w*|danger|a la rue|dehors|maltrait\w*|touch\w*|force\w*)\b|\bje suis mineur\w*\b.{0,60}\b(frappe\w*|viol\w*|force\w*|touch\w*|a la rue|dehors)\b/ },

  // Violence from a partner, the family or in the street.
  { category: 'violence', name: 'hits-me', pattern: /\b(me|m) (frappe|frappent|frappait|tape|tapent|bat|battent|cogne|cognent|etrangle|viole|violent|agresse|agressent|brutalise|harcele\w*|traque\w*|enferme\w*|menace de mort|menace de me tuer|menace avec (un couteau|une arme))\b(?! (sur|dans) (les|la|le) (nerfs|doigts|main|systeme|dos pour))|\b(m a|ma|m ont|mont) (frappe|frappee|tape|tapee|battu|battue|cogne|viole|violee|agresse|agressee|etrangle|etranglee|poignarde|brule|enferme|enfermee)\b(?! (dans|sur) (la|le|les) (main|doigts|epaule))/ },
  { category: 'violence', name: 'victim', pattern: /\bje me (fais|suis fait|suis faite) (frapper|battre|agresser|violer|racketter|racketer|tabasser|menacer de mort)\b|\b(j ai ete|j etais|ete) (viole|violee|agresse|agressee|frappe|frappee|battu|battue)\b|\bagression sexuelle\b|\bmenaces? de mort\b|\bon m a (agresse|agressee|viole|violee|frappe|frappee) \b|\bmariage force\b|\bmarier de force\b|\bmenace\w* de me (tuer|frapper|buter|planter|defoncer)\b|\bforcer a me marier\b|\b(veut|veulent|va|vont) me (tuer|frapper|planter|buter|defoncer|agresser)\b|\bpeur qu (il|elle|ils) me (tue|frappe)\b|\b(me|m) (force|forcent|oblige|obligent) a (coucher|faire des (trucs|choses)|avoir des (relations|rapports))\b/ },
  { category: 'violence', name: 'partner-violence', pattern: /^(?!.*\b(c est quoi|c quoi|cest quoi|qu est ce qu|definition|ca veut dire)\b).*\b(violence|violences) (conjugale|conjugales|familiale|familiales|sexuelle|sexuelles)\b/ },
  { category: 'violence', name: 'english', pattern: /\b(hits me|hit me|beats me|beat me|beating me|raped|rape me|sexually assaulted|abuses me|abusing me|threatens? to kill|threatened to kill|threatening to kill|attacked me|forced marriage|he hurts me|she hurts me)\b/ },

  // Without shelter tonight.
  { category: 'no_shelter', name: 'street', pattern: /\b(je )?(dors|dormir|dort|dormi|dormirai|passer la nuit) (dehors|a la rue|dans la rue|sur un banc|dans (une|la) gare|dans un parc|dans (ma|une|la|sa) (voiture|caisse|tente|cage d escalier)|dans un hall)\b|\b(je suis|me retrouve|suis) (a la rue|dans la rue|sdf|sans abri|dehors ce soir|dehors cette nuit|dehors avec mes affaires|dehors avec mon sac)\b(?! (de|du|des|d|principale|pietonne|commercante) )|\bnulle part (ou|pour) dormir\b|\b(pas|aucun|rien) (d endroit|de place|de lieu|d abri) (ou|pour) dormir\b|\b(sais|sait) pas ou dormir\b|\bou dormir ce soir\b|\bpas de toit\b|\bsdf\b(?! (c est|ca veut dire|definition))|\bje dors ou (ce soir|cette nuit)\b|\b(vire|viree|jete|jetee|mis|mise) de chez (elle|lui|eux|moi|nous)\b|\bsans (toit|abri) ce soir\b|\b(ce soir|cette nuit)\b.{0,15}\b(c est|c|ce sera) (la rue|dehors)\b/ },
  { category: 'no_shelter', name: 'thrown-out', pattern: /\b(m a|ma|m ont|mont|on m a|il m a|elle m a|ils m ont) (mis|mise|jete|jetee|vire|viree|foutu|foutue) (dehors|a la porte|a la rue)\b|\bje me suis fait (virer|jeter|mettre) (dehors|de chez moi|a la porte)\b|\b(foyer|proprio|proprietaire|parents|mere|pere|copain|copine|coloc|hebergeur|famille|daron|daronne)\b.{0,20}\b(m a|ma|m ont|mont) (vire|viree|mis dehors|mise dehors|jete|jetee|expulse|expulsee)\b/ },
  { category: 'no_shelter', name: 'english', pattern: /\b(sleep|sleeping|slept) (outside|on the street|rough|in my car)\b|\bnowhere to (sleep|stay|go tonight)\b|\bhomeless\b|\bkicked me out\b|\bon the street tonight\b/ },

  // Medical emergency.
  { category: 'medical', name: 'swallowed', pattern: /\b(avale|pris|prise|bu|bouffe|gobe)\b(?: \w+){0,3}? (tous|toutes|toute|tout|trop|boite|boites|plaquette|plaquettes|plein|tube|flacon)\b(?: \w+){0,3}? (medicaments|doliprane|paracetamol|xanax|lexomil|somniferes?|antidepresseurs?|anxiolytiques?|ibuprofene|advil|tramadol)\b/ },
  { category: 'medical', name: 'overdose', pattern: /\b(avale|pris|prise|bu|bouffe) (tous|toutes|toute|trop|une boite|la boite|plein|plusieurs boites|une plaquette|toute la plaquette)( de| d| des| mes| les)? (mes )?(medicaments|doliprane|paracetamol|xanax|lexomil)\b|\b(overdose|surdose|od)\b(?! de (series?|films?|sucre|travail|boulot|reseaux|insta|tiktok|jeux|netflix))/ },
  { category: 'medical', name: 'vital', pattern: /\b(saigne|saignes|saigner) (beaucoup|bcp|enormement|abondamment|de partout|sans arret)\b|\bperds? beaucoup de sang\b|\b(arrive|peux|peut|arrives) (plus|pas) a respirer\b|\brespire (plus|mal)\b|\bj etouffe\b|\bdouleur (a|dans) la poitrine\b|\bmal (a|dans) la poitrine\b|\b(perdu|perd) connaissance\b|\bs est evanoui\w*\b|\binconscient\w*\b|\bconvuls\w*\b|\bcrise cardiaque\b|\bavc\b|\bfait un malaise\b|\b(repond|reagit|bouge) plus\b|\bcoeur (bat|qui bat) (trop )?(vite|fort)\b.{0,30}|\bpris des trucs\b|\b(avale|pris|prise|bu|gobe) ([2-9]|[1-9][0-9]+) (medicaments|doliprane|paracetamol|xanax|lexomil|somniferes?|antidepresseurs?|ibuprofene|tramadol)\b/ },
  { category: 'medical', name: 'english', pattern: /\b(can t breathe|cant breathe|cannot breathe|overdos\w*(?! (de|of) (series?|films?|movies|sucre|sugar|netflix|travail|work|jeux|games))|took all my pills|took too many pills|took too much (xanax|pills|medication|meds|paracetamol|tylenol)|bleeding a lot|chest pain|unconscious|passed out)\b/ },

  // A child or young person in danger.
  { category: 'child_danger', name: 'child', pattern: /\b(petit frere|petite soeur|petits freres|petites soeurs|mon frere|ma soeur|enfant|enfants|bebe|mon fils|ma fille|les petits)\b.{0,40}\b(frappe\w*|battu\w*|bat|battent|tape\w*|maltrait\w*|danger|viol\w*|abus\w*|attouch\w*|touch\w*|tripot\w*|seul\w* (tous|toute|la nuit|le soir|des jours))\b|\benfant en danger\b|\bmaltraitance\b|\battouchements?\b/ },
  { category: 'child_danger', name: 'child-object', pattern: /\b(frappe\w*|bat|battent|tape\w*|maltrait\w*|viol\w*|touche|attouche\w*|enferme\w*|brule\w*) (mon|ma|mes|le|la|les|notre|nos) (petit frere|petite soeur|petits freres|petites soeurs|frere|soeur|enfant|enfants|bebe|fils|fille|cousin|cousine|petits|gamins|petites)\b/ },
  { category: 'child_danger', name: 'english', pattern: /\b(kid|kids|child|children|brother|sister|baby)\b.{0,30}\b(beaten|abused|being hit|hurt|molested)\b/ },
];

/**
 * Detects a crisis in a message: suicide or self-harm, violence, no shelter tonight, a medical emergency,
 * a child in danger. Pure and synchronous on purpose: it runs on every turn before anything else and
 * never waits for a model, a menu or the network.
 */
export class CrisisDetector {
  detect(text: string | undefined): CrisisSignal | undefined {
    if (!text || text.trim().length === 0) return undefined;
    const normalized = normalizeForSafety(text.slice(0, 5000));
    for (const rule of RULES) if (rule.pattern.test(normalized)) return { category: rule.category, rule: `${rule.category}/${rule.name}` };
    return undefined;
  }
}
