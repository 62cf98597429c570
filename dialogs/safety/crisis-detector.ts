import { classify, type CrisisModel } from './crisis-classifier.js';
import type { CrisisCategory } from './crisis-category.js';
import { normalizeForSafety } from './normalize-for-safety.js';

export type { CrisisCategory } from './crisis-category.js';
export { normalizeForSafety } from './normalize-for-safety.js';

export interface CrisisSignal {
  category: CrisisCategory;
  /** Which rule fired, for tests and tuning (never the message itself). */
  rule: string;
}

/** Rules per category; each is tested on the normalised text. Order matters only for the reported rule. */
const RULES: Array<{ category: CrisisCategory; name: string; pattern: RegExp }> = [
  // Suicide: direct and indirect wishes to die, French (SMS and slang) and English.
  { category: 'suicide', name: 'suicide-word', pattern: /\b(?<!prevention (du )?)(suicid\w*|sucid\w*|suicd\w*|suisid\w*|sucide\w*|suiside\w*)\b/ },
  { category: 'suicide', name: 'not-live', pattern: /\b(veux|veut|envie de|envi de|peux|pense a|vais) (plus|pas) (vivre|continuer a vivre|exister)\b|\b(plus|pas) (envie|envi|la force|le courage) de (vivre|continuer|exister)\b|\bvivre (ne )?sert a rien\b|\b(ca|sa) sert a rien de vivre\b|\bmarre de (la vie|vivre)\b|\bfatigue\w* de (vivre|la vie)\b|\ba quoi bon (vivre|continuer)\b|\b(plus|pas|aucune|aucun) (de )?(raison|but) de vivre\b|\b(plus|pas) (envie d )?etre (en vie|vivante?)\b|\b(j en peux plus|jpp|j en peu plus) de (la|cette|ma) vie\b|\bidees? noires?\b|\bpense\w* (a la mort|a mourir|a me tuer)\b|\b(vaut|vaudrait) mieux que je (meure|meurs|creve|disparaisse|sois mort\w*|sois plus la)\b|\b(veux|envie de|voudrais) (pas|plus) me reveiller\b|\bdormir pour toujours\b|\b(la|une) (corde|cordes?) (pour|et) (me|en)\b|\bachete\w* (une|la|des) (corde|cordes)\b|\b(derniere fois|dernier message) (que|qu) (vous|tu|on|vs) (m )?(entend|voi|lis|li|aur)\w*\b|\bdernier message avant de partir\b/ },
  { category: 'suicide', name: 'want-die', pattern: /\b(veux|veut|envie de|envi de|vais|prefere|aimerais|voudrais|pret a) (mourir|me tuer|me foutre en l ?air|me jeter|me pendre|sauter)\b(?! de (faim|rire|ennui|honte|fatigue|chaud|soif|envie|impatience|stress|froid dans))|^(?!.*\b(mdr|ptdr|lol|xd)\b).*\b(veux|veut|envie de|envi de|vais|prefere|aimerais|voudrais|pret a) crever\b(?! de (faim|rire|ennui|honte|fatigue|chaud|soif|envie|impatience|stress|froid dans))|\bje vais (me tuer|me foutre en l ?air|me pendre|sauter d\w* (pont|balcon|toit|fenetre|immeuble))\b|\bje me tue\b(?! a (la tache|le faire|travailler|te le dire|vous le dire|le dire))|\bmourir sans (souffrir|douleur|avoir mal)\b|\bcomment (on fait pour |faire pour |)(mourir|se tuer|se suicider|en finir)\b/ },
  { category: 'suicide', name: 'end-it', pattern: /\ben finir\b(?! avec (?!la vie|tout|moi|ma vie))|\bmettre fin a (mes jours|ma vie)\b|\bme foutre en l ?air\b|\b(vouloir|envie de|pense a|penser a) se foutre en l ?air\b|\b(disparaitre|disparais|disparait|disparaitrai) (pour de bon|a jamais|definitivement|pour toujours)\b|\b(envie de|veux|voudrais) disparaitre\b(?! (sous|dans mon lit|de la liste|des listes|de cette ville|de ce groupe|des? (reseaux|insta|instagram|snap|snapchat|tiktok|internet|facebook|groupe|conversation|photos?|la ville)))|\b(pas|plus) envie de me reveiller\b|\blettre d adieu\b|\bc est (fini|termine) pour moi\b|\bpartir pour de bon\b|\bje suis un (poids|fardeau)\b|\b(serait|seraient|serais|serez|sera) (mieux|plus heureux|plus heureuse|tranquilles?) sans moi\b|\bpartir pour toujours\b|\bpersonne (ne )?(me )?(regret|remarqu|pleur|verr)\w* si je (meurs|mourais|crevais|disparais\w*|suis plus la)\b|\b(plus simple|mieux|plus facile) si j ?etais (mort|morte|plus la)\b|\b(je vais|je risque de|je fais) (faire )?une (connerie|betise)\b(?! (avec|de|sur) (mon|ma|mes) (budget|argent|compte|dossier))/ },
  { category: 'suicide', name: 'english', pattern: /\b(kill myself|killing myself|want to die|wanna die|end my life|end it all|end it tonight|going to end it|don t want to live|dont want to live|no reason to live|better off dead|better off without me|take my own life|suicidal|(feel|feeling) like ending it|ending it all|ending my life|(don t|dont|do not) want to be alive|no point (in )?living|not want to live anymore|(pills|meds|rope) (are |is )?ready|nobody will miss me)\b/ },

  { category: 'suicide', name: 'farewell', pattern: /\bmots? d adieu\b|\b(partie?|parti) pour de bon\b|\bpartir pour de bon\b|\b(never|not) (to )?wake up\b|\bje (ne )?serai (plus la|deja plus la)\b(?! (la semaine|demain|ce week|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|pendant|en vacances|cet ete|a noel|pour les vacances))/ },
  { category: 'suicide', name: 'rope', pattern: /\b(rope|corde)\b.{0,40}\b(ce soir|cette nuit|tonight|in my bag|dans mon sac|ready|prete|attachee|accrochee)\b/ },
  { category: 'suicide', name: 'plan', pattern: /\b(lettres? (d adieu|pour tout le monde|pour ma (soeur|mere|daronne)|d au revoir)|goodbye (note|letter)|derniere fois que je (te|vous) (parle|ecris)|la corde est prete|rope (is )?ready|ending it|end it tonight|better off if i (was|were) dead|jumping (off|from) the (bridge|roof)|passe sous (le|un) (rer|train|metro|tram)|(sauter|me jeter) (du|d un|de la) (pont|toit|fenetre|balcon)|plus etre la demain|(veux|voudrais) plus etre la|(don t|dont|do not) want to wake up|pas me reveiller|ce soir c (est )?la fin|j ai tout (prevu|prepare))\b/ },

  // Self-harm.
  { category: 'self_harm', name: 'cut-burn', pattern: /\b(je )?me (scarifi\w*|scarif\w*|mutil\w*|taillad\w*|bruler|brule|coupe|couper|coup|ouvrir les veines|fais du mal|fait du mal|faire du mal|frappe moi meme)\b(?! (les|mes|le|la) (cheveux|ongles|frange|barbe|doigt|pied|main))|\bje me suis (encore |deja |re)?(coupe|coupee|brule|brulee|scarifie\w*|mutile\w*)\b(?! (les|mes|le|la|au|en) ?(cheveux|ongles|frange|barbe|doigt|pied|main|langue|levre|cuisinant|bricolant|rasant|cuisine))|\bscarification\w*\b|\bautomutil\w*\b|\bme (tape|cogne|frappe) la tete (contre|sur|par)\b|\b(me fais|me suis fait|je fais) (des )?(entailles|coupures|marques|brulures)\b|\b(entailles|coupures) (sur|aux|a) (les|mes)? ?(poignets|bras|cuisses|jambes)\b/ },
  { category: 'self_harm', name: 'wounds', pattern: /\b(griffe\w* jusqu (au|a) sang|tete contre (le|les) murs? jusqu|ouvert (le|les) (bras|poignets?)|la lame\b.{0,40}\b(recommencer|main|bras)|recommence\w* avec (la|une) lame|coups de poing dans (les|mes) (cuisses|jambes|bras)|frappe\w* (avec ma ceinture )?tout seul|(frappe|tape|cogne)\w* (ma|mes|la) (main|mains|tete|poing|poings) (contre|dans) (le |la |les )?(mur|murs|porte)\b.{0,120}\b(expres|pour me punir|fait expres)|(reussi|arrive) a me faire (assez |vraiment |tres )?mal\b.{0,40}\b(recommencer|plus fort)|me faire (encore )?plus mal)\b/ },
  { category: 'self_harm', name: 'on-purpose', pattern: /\b(m )?ouvrir (la peau|les veines|le bras|les bras)\b|\b(entaille|coupe|coupee|brule|brulee|griffe|griffee|frappe|frappee|blesse|blessee)\w* (expres|volontairement|exprès)\b|\b(sans manger|pas manger|jeuner|me priver)\b.{0,30}\bpour me punir\b|\bpour me punir\b.{0,30}\b(manger|coupe|brule|frappe|griffe)\w*\b|\bjusqu a ce que (ca|sa) saigne\b|\bje me (frappe|cogne la tete|cogne contre)\b/ },
  { category: 'self_harm', name: 'english', pattern: /\b(self harm\w*|selfharm\w*|cutting myself|cut myself|hurt myself|hurting myself|burn myself|burned myself|burnt myself|burnt my arm|cutting again)\b/ },

  // A minor in danger comes before violence and no shelter: 119 is the number for them.
  { category: 'child_danger', name: 'minor', pattern: /\b(j ai )?(1[0-7]|douze|treize|quatorze|quinze|seize|dix sept) ans\b.{0,60}\b(frappe\w*|bat|battent|tape\w*|viol\w*|danger|a la rue|dehors|maltrait\w*|touch\w*|force\w*|abus\w*|mon lit|ma chambre|des (trucs|choses)|photos?|nue?s?|sexe)\b|\bje suis mineur\w*\b.{0,60}\b(frappe\w*|viol\w*|force\w*|touch\w*|a la rue|dehors|abus\w*)\b|\bje suis en (6|5|4|3|sixieme|cinquieme|quatrieme|troisieme)(e|eme)?\b.{0,60}\b(photos?|nue?s?|sexe|touch\w*|viol\w*|frappe\w*)\b|\b(depuis que je suis|quand j etais) (petite?|enfant|gamine?)\b.{0,40}\b(j ai|g) (1[0-7]|douze|treize|quatorze|quinze|seize) ans\b/ },
  { category: 'child_danger', name: 'minor-english', pattern: /\bi ?m (1[0-7]|thirteen|fourteen|fifteen|sixteen|seventeen)\b.{0,60}\b(touch\w*|abus\w*|hit\w*|beat\w*|rap\w*|nudes?|photos?|locked me out|kicked me out|comes into my room)\b|\blittle (brother|sister)\b.{0,60}\b(hits?|beats?|lock\w*|hurt\w*)\b/ },
  { category: 'child_danger', name: 'child-sexual', pattern: /\b(petite? soeur|petit frere|niece|neveu|fille|fils|enfant|cousine?)\b( de (1|[2-9]|1[0-7]) ans)?.{0,50}\b(la|le|les) (touche|touchent|tripote)\b|\b(fait|fais|font) (des trucs|des choses|mal en bas)\b.{0,40}\b(petite? soeur|petit frere|niece|neveu|enfant|elle a [1-9] ans|il a [1-9] ans)\b|\b(petite? soeur|petit frere|niece|neveu|enfant)\b.{0,60}\b(fait|fais|font) (des trucs|des choses|mal en bas)\b/ },

  { category: 'child_danger', name: 'child-hurt', pattern: /\b(mon fils|ma fille|mon bebe|mon enfant|ma niece|mon neveu|petite? (soeur|frere))\b.{0,50}\b(gifle\w*|claque\w*|fouett\w*|brule\w*|coups?)\b|\b(niece|nephew|son|daughter|kid|child|baby|[0-9]+ ?(yo|year old|years old))\b.{0,40}\b(burns?|bruises?|alone (in|at)|left alone)\b/ },
  { category: 'child_danger', name: 'shaken-baby', pattern: /\bsecou\w* (mon|ma|le|la|notre) (bebe|bb|fille|fils|enfant|petit|petite)\b|\bshak(e|ing) (my|the) (baby|kid|son|daughter)\b/ },

  // Sexual violence (an adult, or age not said): before violence, for its own numbers.
  { category: 'sexual_violence', name: 'rape', pattern: /^(?!.*\b(c est quoi|c quoi|cest quoi|qu est ce qu|definition|difference|expose|memoire|stats?|statistiques|boss|jeu|match|partie|game|equipe|ptdr|mdr|lol|debat|reconnu\w*|la loi|cours|[0-9]+ [0-9]+)\b).*(\b(m a|ma|m ont|mont|on m a|il m a|ils m ont|elle m a|je me suis fait|je me suis faite|me suis fait|j ai ete|j etais|ete|s est fait) (\w+ )?(viole|violee|violer|abuse|abusee|abuser)\b|\b(me|m) (viole|violent|violait|abuse|abusent|abusait)\b|\b(plainte pour|victime d un|victime de) (viol|agression sexuelle|attouchements?)\b|\bagress\w* sexuel\w*\b)/ },
  { category: 'sexual_violence', name: 'forced-sex', pattern: /\b(force|forcee|forcer|oblige|obligee|obliger|forcent|obligent|prend)\w*( \w+){0,3} (a |de )?(coucher|avoir des (rapports|relations)|des rapports|le sucer|sucer|faire l amour|faire des (trucs|choses) au lit|faire ce qu il voulait|sans capote)\b|\bprend de force\b|\bm a forcee?\b(?! (a|de) (?!coucher|le sucer|sucer|faire l amour))|\b(trucs|choses) que je (voulais|voulait|voulai) pas\b|\b(dit|di) non\b.{0,40}\b(continue|pas arrete|arrete pas|quand meme)\b|\bsans (mon )?consentement\b|\b(etaient|etait) (2|3|4|deux|trois|quatre) et moi (toute )?seule?\b|\b(me|m) (touche|touchait|touchent|tripote\w*|pelote\w*)\b(?! (pas|plus|le coeur|beaucoup))|\bmis (un truc|quelque chose|qqch|de la drogue|du ghb) dans mon verre\b|\b(drogue|droguee)\b.{0,40}\b(soiree|reveill\w*|chambre)\b|\breveill\w*\b.{0,30}\b(sans mes habits|nue?|a poil|en train de me)\b|\bvient dans (ma chambre|mon lit) la nuit\b|\bmain entre (les|mes) jambes\b|\b(touche|touchee|tripote\w*|pelote\w*) (les|mes) (seins|fesses|parties)\b|\b(m a|ma|m ont) drogue\w*\b|\babuse\w* de moi\b|\bpour qu on couche\b|\bvient la nuit dans ma chambre\b/ },
  { category: 'sexual_violence', name: 'non-consent', pattern: /\b(he|she) forced me\b|\bi said no\b|\bsaid no (so many|many|several) times\b|\b(dit|dis|di) stop\b.{0,20}\b(continue|pas arrete)\b|\benlev\w* (la|sa) capote\b|\bfilme\w* pendant qu on\b|\bme fait chanter\b|\b(m a|ma) coincee?\b.{0,40}\b(touche\w*|embrass\w*)\b|\breveill\w* sans (culotte|mes habits|vetements)\b|\bwoke up\b.{0,30}\bno clothes\b/ },
  { category: 'sexual_violence', name: 'images', pattern: /\b(nudes?|photos? (intimes|de moi nue?|nue?s?|de mon corps|de moi)|videos? (intimes|de nous|de moi|pendant qu on))\b.{0,60}\b(balance\w*|publi\w*|poste\w*|envoi\w*|envoie\w*|diffus\w*|menace\w*|sinon|partag\w*|tous mes contacts)\b|\b(menace\w*|balance\w*|poste|publie|veut)\b.{0,30}\b(nudes?|photos? intimes|video)\b.{0,40}\b(sinon|si je|argent|euros?|e)\b|\b(a|ont) balance mes photos\b/ },
  { category: 'sexual_violence', name: 'forced-acts', pattern: /\bpinned (me|her|him) down\b|\b(fait|faire|fais|font) des (trucs|choses|actes) sexuel\w*\b/ },
  { category: 'sexual_violence', name: 'english', pattern: /\b(raped|rape me|raping me|sexually assaulted|sexual assault|molested|forced himself on me|had sex with me|touched me while|touches me|said no but|drugged (me|at)|blackmail\w* me with|my nudes|intimate (pics|photos|videos)|took (pics|photos|videos) of me while|filmed me while)\b|\b(pics|photos|videos?|nudes) of me\b.{0,40}\b(going around|shared|posted|leaked|everyone)\b/ },

  // Exploitation: forced prostitution, trafficking, forced work, forced marriage.
  { category: 'exploitation', name: 'prostitution', pattern: /\b(oblige\w*|force\w*|dois|doit|faut|fait|font|fais)( \w+){0,3} (faire des passes|des passes|voir des clients|faire des clients|des clients|le trottoir|me prostituer|prostitu\w*|escort\w*)\b|(?<!\b(affaires|sacs?|valises?|cartons?)\b.{0,30})\bsur le trottoir\b|\bsites? d escort\w*\b|\b(me|m) (loue|louent|vend|vendent)\b|\bon me (loue|vend)\b|\bgarde (tout )?(l argent|le fric|les sous)\b.{0,60}\b(clients?|passes)\b|\b(clients?|passes)\b.{0,60}\b(garde|prend|prennent) (tout|l argent)\b|\bloverboy\b|\b(pousse|pousser|force|oblige|pression)\w*\b.{0,40}\bmicheton\w*|\bmicheton\w*\b.{0,60}\b(pression|oblige\w*|force\w*)\b|\bamene des hommes\b|\bautre chose\b.{0,20}\bclients\b/ },
  { category: 'exploitation', name: 'forced-work', pattern: /\b(garde|gardent|pris|prend|prennent|confisque\w*|ont|a) (mon|mes|nos|notre) (passeport|passeports|papiers|titre de sejour)\b(?! (a la|en) (prefecture|mairie))|\b(sans (etre )?pay\w*|pas de salaire|sans salaire|paye pas|pas paye\w*|garde tout)\b.{0,80}\b(dette|dois|doit|rembourser|papiers|passeport|sortir|logement|voyage)\b|\b(rembourser|payer) (le|la) (passeur|voyage|dette)\b|\bpasseur\b.{0,40}\b(menace\w*|rembourser|dette|dois)\b|\bpas le droit de sortir\b|\b(laissent|laisse) pas sortir\b|\bfaire (dealer|transporter de la drogue)\b|\bme (font|fait) (dealer|transporter)\b|\bfait venir en france\b.{0,80}\b(sans (etre )?pay\w*|pas pay\w*)\b/ },
  { category: 'exploitation', name: 'forced-marriage', pattern: /^(?!.*\b(c est quoi|c quoi|cest quoi|qu est ce qu|definition|mariage blanc|divorce\w*|puni\w*|la loi|affiche|cours|emc|debat|expose)\b).*(\bmari\w* de force\b|\bmariage force\b|\bforcer a me marier\b|\b(veut|veulent|vont|va) me marier\b|\bm envoient\b.{0,30}\bmarier\b|\bmarier\b.{0,60}\b(connais pas|je veux pas|veux pas|contre mon gre)\b|\b(organise|prevu|arrange)\w* mon mariage\b|\b(veux|veut) pas (l )?epouser\b|\bla dot\b)/ },
  { category: 'exploitation', name: 'made-to', pattern: /\b(me font|me fait|m obligent a|m oblige a|me forcent a) (guetter|vendre|charbonner|voler|livrer|dealer|faire le guet)\b|\b(fait|font|oblige\w*) coucher avec (des|les|ses) (hommes|mecs|gars|types|clients|potes)\b|\b(me font|me fait|m obligent a|m oblige a|me forcent a) (passer|transporter|livrer|cacher|garder) (de la|la|du|des|les) (came|drogue|coke|shit|beuh|colis|sacs?|paquets?)\b|\b(tous les soirs|chaque soir|chaque nuit|toutes les nuits)\b.{0,20}\bavec des (inconnus|hommes|mecs|clients|types)\b|\bavec (son|ses) (pote|potes|amis?|copains?) pour (de l )?(argent|thunes?|fric)\b|\bmakes? me (steal|sell|deal)\b/ },
  { category: 'exploitation', name: 'bondage', pattern: /\b(dois|doit|devoir) (encore |rembourser )?[0-9][0-9 ]* ?(e|euros?)?\b.{0,40}\b(avant de|pour) (pouvoir )?(partir|sortir|etre libre|m en aller)\b|\bowe (them|him|her)\b.{0,40}\bbefore i can (leave|go)\b|\b(vendre|vends) mon corps\b|\bsell(ing)? my body\b|\b(fais|fait|faire) (la|le) nourrice\b.{0,60}\b(oblig\w*|force\w*|dire non|refuser|menace\w*|choix)\b|\b(oblig\w*|force\w*)\b.{0,30}\bnourrice\b/ },
  { category: 'exploitation', name: 'debt', pattern: /\b(dois|doit) [0-9 ]+ ?(e|euros?)? (au|a mon) passeur\b|\bjuju\b|\bmy madam\b|\b(dette|rembourser)\b.{0,60}\b(vendre|dealer|travaille pour (lui|eux))\b|\b(me font|me fait) vendre\b|\bannonces? avec mes photos\b|\b(pas|sans) pay\w*\b.{0,60}\b(police|papiers)\b|\b(police|papiers)\b.{0,60}\b(sans (me )?pay\w*|pas pay\w*)\b/ },
  { category: 'exploitation', name: 'english', pattern: /^(?!.*\b(what is|what s|is it illegal|definition)\b).*\b(forced to marry|forcing me to marry|forced marriage|marry me off|took my passport|take my passport|keep my passport|work for free|without pay|sold (online )?for sex|makes me sleep with|forced to (work|sell|have sex)|trafficked|owe them for the trip|take all the money from my clients|takes all the money)\b/ },


  // Violence from a partner, the family or in the street.
  { category: 'violence', name: 'attacked', pattern: /\broue\w* de coups\b|\bpousse\w* dans (l|les) escaliers?\b|\b(pointe|braque)\w*\b.{0,25}\b(sur moi|vers moi|sur ma tete)\b|\b(flingue|pistolet|arme|couteau)\b.{0,30}\b(pointe|braque)\w*\b|\b(kill|hurt) (her|him|me) if (she|he|i) (leaves?|leave|tells?|talk\w*)\b|\bme fouett\w*\b/ },
  { category: 'violence', name: 'hit-again', pattern: /\b(m a|ma|m ont|mont) (encore|deja|de nouveau|re) ?(frappe\w*|tape\w*|battu\w*|cogne\w*|gifle\w*|tabasse\w*|etrangle\w*)\b|(?<!\b(la|le|les|nous|vous) )\b(taper|frapper|tape|frappe|battre) moi\b|\b(mari|copain|pere|mere|frere|oncle|patron|chef) (taper|frapper|battre)\b/ },
  { category: 'violence', name: 'hits-me', pattern: /\b(me|m) (frappe|frappent|frappait|tape|tapent|bat|battent|cogne|cognent|etrangle|agresse|agressent|brutalise|harcele\w*|traque\w*|enferme\w*|menace de mort|menace de me tuer|menace avec (un couteau|une arme))\b(?! (sur|dans) (les|la|le) (nerfs|doigts|main|systeme|dos pour))|\b(m a|ma|m ont|mont) (frappe|frappee|tape|tapee|battu|battue|cogne|agresse|agressee|etrangle|etranglee|poignarde|brule|enferme|enfermee)\b(?! (dans|sur) (la|le|les) (main|doigts|epaule))/ },
  { category: 'violence', name: 'victim', pattern: /\bje me (fais|suis fait|suis faite) (frapper|battre|agresser|racketter|racketer|tabasser|menacer de mort)\b|\b(j ai ete|j etais|ete) (agresse|agressee|frappe|frappee|battu|battue)\b|\bmenaces? de mort\b|\bon m a (agresse|agressee|frappe|frappee) \b|\bmenace\w* de me (tuer|frapper|buter|planter|defoncer)\b|\bforcer a me marier\b|\b(veut|veulent|va|vont) me (tuer|frapper|planter|buter|defoncer|agresser)\b(?!.*\b(mdr|ptdr|lol|xd|facture|anniv\w*|bulletin|oublie|notes?|dissert\w*|devoirs?|dm|controles?|interros?|exams?|partiels?|rapports?)\b)|\bpeur qu (il|elle|ils) me (tue|frappe)\b|\b(m a|ma|m ont|mont) (deja |encore )?casse (le|la|les|mon|ma|mes) (bras|jambe|jambes|nez|cote|cotes|dents?|doigts?|poignet|machoire)\b|\b(me|m) (force|forcent|oblige|obligent) a (coucher|faire des (trucs|choses)|avoir des (relations|rapports))\b/ },
  { category: 'violence', name: 'threat', pattern: /^(?!.*\b(mdr|ptdr|lol|xd|facture|anniv\w*|bulletin|oublie|notes?|cereales|gateaux?|dissert\w*|devoirs?|dm|controles?|interros?|exams?|partiels?|rapports?)\b).*(\b(va|vais|vont|veut|veulent|allait|dit qu il) me (tuer|buter|fumer|planter|faire la peau|crever|egorger|descendre|defoncer)\b|\bme tue si\b|\bsi je (parle|dis|raconte|le dis|le dit)\b.{0,60}\b(me tue|me tuera|va me tuer|me frappe|me frappera)\b|\bt es mort\w*\b|\bfinir dans un coffre\b|\b(fusil|couteau|arme|flingue|pistolet)\b.{0,60}\b(tuer|morte?|menace\w*|planter)\b|\b(essaye|essaie|essayer) de (m etrangler|me tuer|rentrer chez moi|forcer (ma|la) porte)\b|\b(tambourine|defonce|cogne|crie)\w*\b.{0,30}\b(porte|fenetre)\b.{0,40}\b(tuer|peau|peur|crie)\b|\bjme suis enferme\w*\b|\bje me suis enferme\w*\b.{0,30}\b(peur|il|elle)\b)/ },
  { category: 'violence', name: 'danger-now', pattern: /\b(avec|a) (un|des) couteaux?\b.{0,40}\b(en bas|devant|porte|menace\w*|attend\w*)\b|\bmenace\w* (au|avec un) couteau\b|\b(serre|serrer|serrait) le cou\b|\bdefonce\w* la porte\b|\bcasse tout\b|\bm attendent en bas\b|\bla prochaine fois (il|elle|ils) me (tue|tuent|butent?|creve|crevent|plante|plantent|fume|fument)\b|\bla prochaine fois c (est )?pire\b|\bchoked me\b|\bfinish me\b|\bhas a knife\b|\bknife\b.{0,30}\b(door|outside|downstairs)\b/ },
  { category: 'violence', name: 'partner-violence', pattern: /^(?!.*\b(c est quoi|c quoi|cest quoi|qu est ce qu|definition|ca veut dire|memoire|expose|stats?|statistiques|cours)\b).*\b(violence|violences) (conjugale|conjugales|familiale|familiales|sexuelle|sexuelles)\b/ },
  { category: 'violence', name: 'english', pattern: /\b(hits me|hit me|beats me|beat me|beating me|abuses me|abusing me|threatens? to kill|threatened to kill|threatening to kill|attacked me|he hurts me|she hurts me|(going to|gonna|he ll) kill me\b(?!.*\b(lol|lmao|haha|forgot|homework|essay|report|exam|grades?)\b)|kill me tonight|outside my door|trying to break (in|into)|shoved me|pushed me (into|against|down)|punched me|slapped me|kicked me(?! out))\b/ },

  // Without shelter tonight.
  { category: 'no_shelter', name: 'street', pattern: /\b(je )?(dors|dormir|dort|dormi|dormirai|passer la nuit) (dehors|a la rue|dans la rue|sur un banc|dans (une|la) gare|dans un parc|dans (ma|une|la|sa) (voiture|caisse|tente|cage d escalier)|dans un hall)\b|\b(je suis|me retrouve|suis) (a la rue|dans la rue|sdf|sans abri|dehors ce soir|dehors cette nuit|dehors avec mes affaires|dehors avec mon sac)\b(?! (de|du|des|d|principale|pietonne|commercante) )|\bnulle part (ou|pour) dormir\b|\b(pas|aucun|rien) (d endroit|de place|de lieu|d abri) (ou|pour) dormir\b|\b(sais|sait) pas ou dormir\b|\bou dormir ce soir\b|\bpas de toit\b|\bsdf\b(?! (c est|ca veut dire|definition))|\bje dors ou (ce soir|cette nuit)\b|\b(vire|viree|jete|jetee|mis|mise) de chez (elle|lui|eux|moi|nous)\b|\bsans (toit|abri) ce soir\b|\b(ce soir|cette nuit)\b.{0,15}\b(c est|c|ce sera) (la rue|dehors)\b/ },
  { category: 'no_shelter', name: 'thrown-out', pattern: /\b(m a|ma|m ont|mont|on m a|il m a|elle m a|ils m ont) (mis|mise|jete|jetee|vire|viree|foutu|foutue) (dehors|a la porte|a la rue)\b|\bje me suis fait (virer|jeter|mettre) (dehors|de chez moi|a la porte)\b|\b(foyer|proprio|proprietaire|parents|mere|pere|copain|copine|coloc|hebergeur|famille|daron|daronne)\b.{0,20}\b(m a|ma|m ont|mont) (vire|viree|mis dehors|mise dehors|jete|jetee|expulse|expulsee)\b/ },
  { category: 'no_shelter', name: 'tonight', pattern: /\b(ce soir|cette nuit|cet nuit|ce soir meme)\b.{0,30}\b(je dors ou|dormir ou|ou dormir|je vais dormir ou|jsais pas ou (aller|dormir)|je sais pas ou (aller|dormir)|nulle part)\b|\b(je dors ou|ou je dors|je vais dormir ou|dormir ou)\b.{0,30}\b(ce soir|cette nuit)\b|\b(exclu|exclue|vire|viree|mis dehors|mise dehors|renvoye\w*)\b.{0,40}\b(foyer|fjt|famille d accueil|hebergeur|hotel|chrs|centre)\b.{0,60}\b(ce soir|aujourd hui|ou (aller|dormir)|je vais dormir ou)\b|\b(veut|veulent) plus (de moi|me garder)\b.{0,60}\b(ce soir|partir|dehors)\b|\bmes affaires\b.{0,25}\b(dans le couloir|dans (un|des) sacs?|dehors|sur le trottoir)\b|\b115\b.{0,30}\b(plus de place|complet|repond pas)\b|\b(plus de place|complet)\b.{0,20}\b115\b/ },
  { category: 'no_shelter', name: 'pregnant-baby', pattern: /\benceinte\b.{0,40}\b(dehors|a la rue|pas (de )?(maison|logement|toit|endroit)|nulle part|dormir ou|ou dormir|sans (logement|toit))\b|\b(dehors|a la rue|sans (logement|toit))\b.{0,40}\b(bebe|ma fille|mon fils|mon enfant|mes enfants|de [0-9]+ mois)\b|\b(avec|et) (mon|ma|mes) (bebe|fille|fils|enfants?)\b.{0,40}\b(je dors ou|dormir ou|ou dormir|nulle part|dehors|a la rue)\b|\bpas maison\b/ },
  { category: 'no_shelter', name: 'nowhere', pattern: /\b(nulle? part|pas ou) (ou |pour )?(aller|dormir)\b.{0,20}\b(ce soir|cette nuit)\b|\b(ce soir|cette nuit)\b.{0,40}\b(nulle? part|pas ou) (ou )?(aller|dormir)\b|\bje dors dans (un|le|la) (parking|gare|metro|bus|noctilien|tente|hall|cage)\b|\b(jai|j ai) pas ou dormir\b|\b(viree|vire|mis dehors|mise dehors) ce soir\b/ },
  { category: 'no_shelter', name: 'tonight-place', pattern: /\bsans (hebergement|logement|toit|solution)\b.{0,30}\b(ce soir|cette nuit|pour la nuit)\b|\b(ce soir|cette nuit)\b.{0,30}\bsans (hebergement|logement|toit)\b|\b(banc|gare|parking|cage d escalier|hall)\b.{0,20}\b(ce soir|cette nuit)\b|\b115\b.{0,60}\b(complet|plus de place)\b/ },
  { category: 'no_shelter', name: 'english', pattern: /\b(sleep|sleeping|slept) (outside|on the street|rough|in my car|at the (train |bus )?station|in a tent)\b|\bnowhere (else )?to (sleep|stay|go)\b|\bno place to stay tonight\b|\bhomeless\b|\b(kicked me out|got kicked out)\b|\bon the street tonight\b/ },

  // Medical emergency.
  { category: 'medical', name: 'swallowed', pattern: /\b(avale|pris|prise|bu|bouffe|gobe)\b(?: \w+){0,3}? (tous|toutes|toute|tout|trop|boite|boites|plaquette|plaquettes|plein|tube|flacon)\b(?: \w+){0,3}? (medicaments|doliprane|paracetamol|xanax|lexomil|somniferes?|antidepresseurs?|anxiolytiques?|ibuprofene|advil|tramadol)\b/ },
  { category: 'medical', name: 'overdose', pattern: /^(?!.*\b(c quoi|c est quoi|cest quoi|signes|formation|cours|definition|psc1)\b).*(?:\b(avale|pris|prise|bu|bouffe) (tous|toutes|toute|trop|une boite|la boite|plein|plusieurs boites|une plaquette|toute la plaquette)( de| d| des| mes| les)? (mes )?(medicaments|doliprane|paracetamol|xanax|lexomil)\b|\b(overdose|surdose|od)\b(?! de (series?|films?|sucre|travail|boulot|reseaux|insta|tiktok|jeux|netflix)))/ },
  { category: 'medical', name: 'vital', pattern: /^(?!.*\b(va bien|va mieux|allait bien)\b).*(?:\b(saigne|saignes|saigner) (beaucoup|bcp|enormement|abondamment|de partout|sans arret)\b|\bperds? beaucoup de sang\b|\b(arrive|peux|peut|arrives) (plus|pas) a respirer\b|\brespire (plus|mal)\b|\bj etouffe\b|\bdouleur (a|dans) la poitrine\b|\bmal (a|dans) la poitrine\b|\b(perdu|perd) connaissance\b|\bs est evanoui\w*\b|\binconscient\w*\b|\bconvuls\w*\b|\bcrise cardiaque\b|\bavc\b|\bfait un malaise\b|\b(repond|reagit|bouge) plus\b|\bcoeur (bat|qui bat) (trop )?(vite|fort)\b.{0,30}|\bpris des trucs\b|\b(avale|pris|prise|bu|gobe) ([2-9]|[1-9][0-9]+) (medicaments|doliprane|paracetamol|xanax|lexomil|somniferes?|antidepresseurs?|ibuprofene|tramadol)\b)/ },
  { category: 'medical', name: 'poison', pattern: /\b(avale|bu|pris|bois|gobe)\w*\b.{0,25}\b(javel|destop|produit (vaisselle|menager|d entretien)|lessive|detergent|acide|antigel|white spirit|mort aux rats)\b|\b(j ai|jai|on a|il a|elle a) melange\w* (de l |l )?alcool et\b|\b(alcool|vodka|whisky)\b.{0,20}\b(xanax|lexomil|medicaments|somniferes?)\b.{0,40}\b(sens plus|respire|reveille|bouge)\b|\blevres? (toutes? )?bleues?\b|\b(par terre|au sol)\b.{0,25}\b(bave|respire (plus|mal|pas)|bouge plus|reagit plus)\b|\bmonoxyde\b.{0,60}\b(se reveille|reveille pas|malaise|vomi\w*|mal (a|de) (la )?tete)\b|\bse reveille (pas|plus)\b/ },
  { category: 'medical', name: 'body-alarm', pattern: /\bvomi\w* du sang\b|\b(gorge|langue|levres?)\b.{0,25}\b(gonfle\w*|enfle\w*)\b|\b(throat|tongue|lips?)\b.{0,25}\b(swell\w*|closing|huge)\b|\b([2-9]|plusieurs|trois|deux) fois\b.{0,40}\btombe\w* dans les pommes\b|\btombe\w* dans les pommes\b.{0,60}\b(saigne|cogne\w* la tete|respire)\b|\b(pisse|pisser) le sang\b/ },
  { category: 'medical', name: 'english', pattern: /^(?!.*\b(c quoi|c est quoi|what is|what are|signs of|signes|formation|course)\b).*(?:\b(can t breathe|cant breathe|cannot breathe|overdos\w*(?! (de|of) (series?|films?|movies|sucre|sugar|netflix|travail|work|jeux|games))|took all my pills|took too many pills|not breathing( properly)?|swallowed (a|the) (whole )?(bottle|box|pack)|drank (bleach|something toxic)|lips are blue|not waking up|throwing up blood|mixed alcohol and|took (like )?[0-9]+ (of )?my (pills|meds|antidepressants)|took too much (xanax|pills|medication|meds|paracetamol|tylenol)|bleeding a lot|chest pain|unconscious|passed out)\b)/ },

  // A child or young person in danger.
  { category: 'child_danger', name: 'child', pattern: /\b(petit frere|petite soeur|petits freres|petites soeurs|mon frere|ma soeur|enfant|enfants|bebe|mon fils|ma fille|les petits)\b.{0,40}\b(frappe\w*|battu\w*|bat|battent|tape\w*|maltrait\w*|danger|viol\w*|abus\w*|attouch\w*|touch\w*|tripot\w*|seul\w* (tous|toute|la nuit|le soir|des jours))\b|\b(bebe|(ma fille|mon fils|mon enfant|ma petite|mon petit|mon bebe) de ([0-9]|[0-9]+ mois)( ans)?)\b.{0,40}\bseul\w*\b|\benfant en danger\b|\bmaltraitance\b|\battouchements?\b/ },
  { category: 'child_danger', name: 'child-object', pattern: /\b(frappe\w*|bat|battent|tape\w*|maltrait\w*|viol\w*|touche|attouche\w*|enferme\w*|brule\w*) (mon|ma|mes|le|la|les|notre|nos) (petit frere|petite soeur|petits freres|petites soeurs|frere|soeur|enfant|enfants|bebe|fils|fille|cousin|cousine|petits|gamins|petites)\b/ },
  { category: 'child_danger', name: 'english', pattern: /\b(kid|kids|child|children|brother|sister|baby)\b.{0,30}\b(beaten|abused|being hit|hurt|molested)\b/ },
];

/**
 * A danger told as over and done ("ça va mieux maintenant", "maintenant j'ai un studio", "quand j'étais petit"),
 * or talked about as a topic (a course, the news, a poster for an association). The rules then stand aside and
 * the classifier, trained on such messages, decides. Anything saying the danger is still here keeps the rules on.
 */
const NOT_PRESENT = new RegExp(
  [
    String.raw`ca va (beaucoup |vraiment |bien )?mieux`,
    String.raw`(aujourd hui|maintenant) ca va`,
    String.raw`ca va bien maintenant`,
    String.raw`maintenant (je suis|j ai|jai) (un|une|mon|ma) (appart\w*|studio|logement|chambre|toit|place)`,
    String.raw`(j ai|jai) arrete de (me|m)\b`,
    String.raw`c est (fini|du passe|derriere moi)`,
    String.raw`quand (j etais|jetais) (petit|petite|gamin|gamine|enfant|ado|mineur|mineure|au college)`,
    String.raw`quand (j avais|javais|g) ([0-9]|1[0-7]) ans\b.{0,120}\b(aujourd hui|maintenant) (j ai|jai|g) (1[89]|2[0-9]) ans`,
    String.raw`pour (l|une|notre|mon|ma) (affiche|asso\w*|expose|memoire|dossier|cours|formation|bafa)`,
    String.raw`(cours|expose|film|livre|documentaire|article|serie|reportage|memoire|dissertation|debat) (sur|about) (le|la|les|l)\b`,
    String.raw`(aux infos|au journal|dans le journal|a la tele|in the news)`,
    String.raw`(on l etudie|on etudie|en cours (de|d) (francais|philo\w*|histoire|anglais|svt|emc|musique|litterature|socio\w*|psycho\w*))`,
    String.raw`en (faisant|preparant|cuisinant) (des |la |le |les |a |du |de la |un |une )?(crepes|cuisine|manger|repas|gateaux?|pates|frites|legumes|oignons|bricolage|menage)`,
    String.raw`juste un peu rouge`,
    String.raw`i (stopped|quit) (self|cutting|harming)`,
    String.raw`(now|today) i (have|live in|got) (a|my) (flat|place|room|studio|home)`,
    String.raw`(i m|im|i am|he s|hes|she s|shes|we re|were|all) (fine|safe|ok|okay|good|better|clean|normal|all good) now`,
    String.raw`(safe|fine|clean|better|good) now`,
    String.raw`(years?|months?) ago`,
    String.raw`(last|this past) (summer|winter|year|spring)`,
    String.raw`when i was (1[0-7]|a kid|little|younger|a child)`,
    String.raw`i used to`,
    String.raw`(il y a|y a|ya) (longtemps|des annees|[0-9]+ ans|(deux|trois|quatre|cinq|six|sept|huit|neuf|dix) ans)`,
    String.raw`(aujourd hui|maintenant|now|today) (j ai|jai|i have|i ve got|i got) (un|une|mon|ma|a|my) (appart\w*|studio|logement|chambre|toit|place|flat|room|home|job|taf)`,
    String.raw`(je fais|pour) (un|mon|une|ma|le|la) (expose|memoire|dossier|devoir|dissert\w*|these|article|presentation)`,
    String.raw`(ce|cette|mon|ma|le|la|les|ces) (boulot|taf|travail|job|exams?|examens?|partiels?|devoirs?|dossiers?|semaine|journee|fac|ecole|stage|cours|revisions?|fermetures?|horaires?) (va|vont) me tuer`,
    String.raw`(maintenant|now) (je suis|jsuis|im|i m) (clean|bien|safe|en securite)`,
    String.raw`(me|se|te) tuer (a la tache|au (travail|boulot|taf))`,
    String.raw`depuis (j ai|jai) (trouve|eu) (un|une|mon|ma)`,
    String.raw`(our|a|the|for) (flyer|flyers|poster|posters|leaflet)`,
    String.raw`pour (notre|le|un|nos) (flyer|flyers|tract|tracts)`,
  ].map((part) => String.raw`\b${part}\b`).join('|'),
);
/** The young person says they are under 18. */
const SAYS_MINOR = /\b(j ai|jai) (1[0-7]|douze|treize|quatorze|quinze|seize|dix sept) ans\b|\bje suis mineur\w*\b|\bi ?a?m (1[0-7]|thirteen|fourteen|fifteen|sixteen|seventeen)\b(?! (euros?|min\w*|hours?|h|pounds?|dollars?))|\bi m a minor\b/;
const NOT_PRESENT_ALL = new RegExp(NOT_PRESENT.source, 'g');
/** Words that say the danger is happening now or again, whatever else the message says. */
const STILL_NOW = /\b(ce soir|cette nuit|encore|toujours|recommence\w*|de nouveau|a nouveau|hier|en ce moment|tonight|again|still|right now)\b/;

/**
 * Detects a crisis in a message: suicide or self-harm, violence, sexual violence, exploitation, no shelter
 * tonight, a medical emergency, a child in danger. Two layers: hand-written rules (precise, explainable),
 * then, when no rule fires, a small trained classifier (crisis-classifier.ts) for phrasings the rules miss.
 * Pure and synchronous on purpose: it runs on every turn before anything else and never waits for a
 * menu or the network.
 */
export class CrisisDetector {
  constructor(private model?: CrisisModel) {}

  /** Adds the classifier once trained (a first start trains it in the background; the rules work alone meanwhile). */
  useModel(model: CrisisModel): void {
    this.model = model;
  }

  get hasModel(): boolean {
    return this.model !== undefined;
  }

  detect(text: string | undefined): CrisisSignal | undefined {
    if (!text || text.trim().length === 0) return undefined;
    const normalized = normalizeForSafety(text.slice(0, 5000));
    const notPresent = NOT_PRESENT.test(normalized) && !STILL_NOW.test(normalized.replace(NOT_PRESENT_ALL, ' '));
    let signal: CrisisSignal | undefined;
    if (!notPresent) {
      const rule = RULES.find((r) => r.pattern.test(normalized));
      if (rule) signal = { category: rule.category, rule: `${rule.category}/${rule.name}` };
    }
    if (!signal && this.model) {
      const learned = classify(this.model, text);
      if (learned) signal = { category: learned.category, rule: `${learned.category}/classifier` };
    }
    // A minor who is hit, abused or put out needs the 119 first, whichever layer read the danger.
    if (signal && (signal.category === 'violence' || signal.category === 'sexual_violence' || signal.category === 'no_shelter') && SAYS_MINOR.test(normalized)) return { category: 'child_danger', rule: `${signal.rule}+minor` };
    return signal;
  }
}
