import type { ReplyExpectation } from '../ports.js';
import type { CrisisCategory } from '../safety/crisis-detector.js';
import { durationInFrench, momentInFrench } from './moments.js';

/** Every user-facing sentence of the conversation in French: "tu", plain words, short sentences. */
export const fr = {
  welcome: [
    "Salut, moi c'est **Relais** 👋 Je suis un assistant automatique, pas un humain. Je réponds sur tes droits, le logement, la santé, le travail, l'argent et les papiers après l'ASE, avec mes sources.",
    "Si tu demandes une personne, elle lira la conversation. Les questions sans réponse sont gardées, sans ton nom. Écris « efface mes données » pour tout effacer. _You can also write in English._",
    '**Urgence :** 15 ou 112 (danger immédiat) · 3114 (idées suicidaires) · 115 (dormir ce soir) · 119 (enfant ou jeune en danger).',
  ].join('\n\n'),
  welcomePrompt: 'Pose ta question comme tu veux, ou choisis un thème :',
  themes: [
    { label: 'Mes droits', query: 'mes droits après 18 ans quand je sors de l ASE accompagnement jusqu à 21 ans' },
    { label: 'Logement', query: 'trouver un logement quand on est jeune' },
    { label: 'Santé', query: 'assurance maladie à 18 ans sécu' },
    { label: 'Emploi et formation', query: 'mission locale trouver un travail ou une formation' },
    { label: 'Argent', query: 'aide financière quand on n a pas d argent' },
    { label: 'Papiers', query: 'titre de séjour après 18 ans' },
    { label: "Parler à quelqu'un", query: '' },
  ],
  themePick: (theme: string) => `${theme} : choisis un sujet, ou pose ta question avec tes mots.`,
  greeting: "Salut 🙂 Pose ta question avec tes mots, ou écris « menu » pour voir les thèmes.",
  thanks: 'Avec plaisir. Je suis là si tu as une autre question.',
  ok: "D'accord. Je suis là si tu as une question.",
  bye: "À bientôt. Tu peux revenir quand tu veux. En cas d'urgence : 15, 112 ou 3114.",
  welcomeBack: (name: string, code: string) => `Je me souviens de ton département : ${name} (${code}). Écris « j'ai déménagé » si ça a changé.`,
  help: "Je réponds à tes questions sur tes droits, le logement, la santé, le travail, l'argent et les papiers. Écris ta question avec tes mots. Tu peux aussi écrire : « menu » pour les thèmes, « recommencer » pour repartir de zéro, « annuler » pour arrêter une question en cours, « efface mes données » pour tout effacer, « parler à quelqu'un » pour un humain.",
  cancelled: "OK, j'arrête. Pose ta question quand tu veux.",
  restarted: 'On repart de zéro. Pose ta question quand tu veux.',
  nothingToCancel: "Il n'y a rien en cours. Pose ta question quand tu veux.",
  comingSoon: "Merci pour ton message. Mes réponses arrivent bientôt. En cas d'urgence : 15, 112 ou 3114.",
  turnError: "Désolé, j'ai eu un problème de mon côté. Tu peux réessayer dans un instant. En cas d'urgence : 15, 112 ou 3114.",

  // Bad input.
  empty: "Je n'ai rien reçu. Écris ta question en quelques mots, je suis là.",
  emojiOnly: "Je ne sais pas lire les emojis 🙂 Écris ta question en quelques mots et je t'aide.",
  tooLong: (max: number) => `Ton message est très long. Je lis les ${max} premiers caractères. Si j'ai mal compris, pose ta question en plus court.`,
  attachment: "Merci. Je ne peux pas encore lire les fichiers ni les photos, et je ne les garde pas. Écris ta question en quelques mots.",
  unknownActivity: "Je n'ai pas compris ce que tu m'as envoyé. Écris ta question en quelques mots.",

  // Answers.
  notSure: "Je ne suis pas sûr de la réponse, et je préfère ne pas te dire de bêtise. Tu peux reformuler, ou demander à une personne de l'équipe.",
  seriousDoubt: "C'est un sujet important, et je ne suis pas assez sûr de ma réponse pour te la donner. Le mieux, c'est qu'une personne de l'équipe vérifie avec toi.",
  notSureAgain: "Je n'y arrive toujours pas, désolé. Je transmets tes questions à une personne de l'équipe.",
  severalProblems: "Ton message parle de plusieurs choses à la fois. Je t'ai répondu sur une partie ; je transmets aussi tout ton message à une personne de l'équipe.",
  didYouMean: 'Tu parles peut-être de :',
  moreDetails: 'En savoir plus',
  answersInFrench: '',
  feedbackAsk: 'Ma réponse t\'aide ?',
  feedbackThanks: 'Merci pour ton avis 🙏',
  feedbackWhy: "Merci de me le dire. Qu'est-ce qui n'allait pas ? (tu peux passer)",
  feedbackReasons: ['Pas clair', 'Faux ou pas à jour', "Ce n'est pas ma question", 'Passer'],
  feedbackStored: "Merci, c'est noté : ton avis est gardé pour améliorer cette réponse. Si tu veux en parler à une personne, écris « parler à quelqu'un ».",
  noDetails: "Je n'ai pas plus de détails sur ce sujet. Pose une autre question, ou demande à une personne de l'équipe.",
  noContextYet: "De quoi tu parles ? Pose ta question en entier et je t'aide.",
  talkToHuman: "Parler à quelqu'un",
  /** After a request for a human: exactly what will happen, and what to do meanwhile. */
  humanRequested: (expect: ReplyExpectation, now: Date = new Date()) =>
    ({
      on_duty: (e: Extract<ReplyExpectation, { kind: 'on_duty' }>) => `C'est noté, ta demande est transmise à l'équipe. Une personne te répondra ici, en général en moins de ${durationInFrench(e.withinMinutes)}. Tu peux continuer à m'écrire en attendant.`,
      off_duty: (e: Extract<ReplyExpectation, { kind: 'off_duty' }>) =>
        e.writeFirst
          ? `C'est noté, ta demande est transmise à l'équipe. Personne n'est là en ce moment : une personne la lira dès ${momentInFrench(e.opensAt, now, e.timeZone)}. ${fr.writeFirst}`
          : `C'est noté, ta demande est transmise à l'équipe. Personne n'est là en ce moment : une personne la lira dès ${momentInFrench(e.opensAt, now, e.timeZone)} et te répondra ici.`,
      in_charge: (e: Extract<ReplyExpectation, { kind: 'in_charge' }>) => `${e.name} est déjà avec toi dans cette conversation et lit tes messages.`,
      nobody: () => "Je suis désolé : pour l'instant, personne de l'équipe Relais ne répond ici pour ton département. Ta demande n'arrivera donc à personne par ce chat. Pour parler à quelqu'un, contacte ton service ASE ou ta mission locale.",
    })[expect.kind](expect as never) + (expect.kind === 'in_charge' ? '' : `\n\n${fr.meanwhile}`),
  /** WhatsApp lets a service write only within 24 h of the person's last message. */
  writeFirst: "Cette messagerie ne nous laisse t'écrire que dans les 24 h après ton dernier message : à ce moment-là, envoie-nous un mot (« bonjour » suffit) pour qu'on puisse te répondre ici.",
  meanwhile: "En attendant, si ça ne va pas : **3114** (24 h/24) si tu as des idées noires, **Fil Santé Jeunes** au **0 800 235 236** (gratuit, anonyme), ou ton service ASE. Danger immédiat : **15** ou **112**.",
  humanInCharge: "Une personne de l'équipe s'occupe de ta conversation. Elle lit tes messages.",
  handoffJoined: (name: string, title: string, place?: string) => `**${name}**, ${title}${place ? ` (${place})` : ''}, a rejoint la conversation. C'est ${name} qui te répond maintenant, plus le robot.`,
  handoffReleased: (name: string) => `${name} a quitté la conversation. C'est de nouveau moi, Relais, le robot, qui te réponds. Écris « parler à quelqu'un » si tu as encore besoin d'une personne.`,

  // Département.
  askDepartement: 'Dis-moi ta ville, ton code postal ou ton département, et je te donne les bons endroits près de chez toi.',
  askDepartementForHuman: 'Pour que la bonne personne te réponde, dis-moi ta ville, ton code postal ou ton département. Tu peux aussi écrire « passer ».',
  askDepartementForAnswer: 'Pour te donner le bon endroit près de chez toi, dis-moi ta ville, ton code postal ou ton département. Tu peux aussi écrire « passer ».',
  movedWhere: 'Tu as déménagé où ? Écris ta ville, ton code postal ou ton département.',
  noneOfThese: 'Aucun de ceux-là',
  askDepartementRetry: "Je n'ai pas reconnu le lieu. Écris par exemple « Lille », « 93100 » ou « dans le 13 ». Tu peux aussi écrire « passer ».",
  whichPlace: (name: string) => `Il y a plusieurs ${name}. Lequel ?`,
  departementSet: (name: string, code: string) => `OK, ${name} (${code}).`,
  rememberAsk: 'Je le retiens pour la prochaine fois ?',
  rememberYes: 'Oui, retiens-le',
  rememberNo: 'Non, juste cette fois',
  remembered: "C'est retenu. Écris « j'ai déménagé » si ça change.",
  notRemembered: 'OK, je ne le garde que pour cette conversation.',
  skip: 'Passer',
  nationalOnly: 'Voici la réponse générale, valable partout en France.',

  // Profile.
  profileIntro: 'Pour mieux te répondre, deux petites questions. Tu peux passer.',
  askAge: 'Tu as quel âge ? (ou ta date de naissance)',
  askAgeRetry: "Je n'ai pas compris. Écris par exemple « 19 ans » ou « né le 3 mars 2006 ». Ou « passer ».",
  askSituation: "Et ta situation aujourd'hui ?",
  situations: [
    { value: 'in_care', label: "Encore à l'ASE" },
    { value: 'cjm', label: 'En contrat jeune majeur' },
    { value: 'left_care', label: "J'ai quitté l'ASE" },
  ],
  profileSaved: 'Merci, je vais en tenir compte.',
  leavingChecklist: {
    seventeen: "Tu as 17 ans : c'est le moment de préparer ta sortie de l'ASE. J'ai une liste de ce qu'il faut avoir et faire avant de partir (papiers, comptes, logement, argent, contacts).",
    eighteen: "Tu as 18 ans : avant de quitter le foyer ou ta famille d'accueil, vérifie que tu as tout. J'ai une liste (papiers, comptes, logement, argent, contacts).",
    cjm: "Pour préparer la fin de ton contrat jeune majeur, j'ai une liste de ce qu'il faut avoir et faire avant (papiers, comptes, logement, argent, contacts).",
  },
  over21: (age: number) => `Tu as ${age} ans : l'accompagnement de l'ASE jusqu'à 21 ans ne s'applique plus à toi. Les aides pour les 18-25 ans (mission locale, FAJ, CEJ...) restent possibles.`,
  under21InCare: "Comme tu as moins de 21 ans et que tu as été confié à l'ASE, ce droit te concerne.",

  // Forget me.
  forgetConfirm: "Tu veux que j'efface tout ce que je garde sur toi (ton profil, tes conversations, tes avis et tes demandes) ? On ne pourra pas revenir en arrière.",
  forgetYes: 'Oui, efface tout',
  forgetNo: 'Non, garde',
  forgetCancelled: "OK, je n'efface rien.",
  forgotten: (summary: string[]) => `C'est fait. J'ai effacé : ${summary.join(', ')}. Si tu m'écris encore, je repars de zéro.`,
  forgottenNothing: "C'est fait. Je n'avais rien gardé sur toi.",
  erased: {
    profile: 'ton profil (département, âge, situation)',
    conversation: 'l\'état de la conversation',
    activities: (n: number) => `${n} message${n > 1 ? 's' : ''} de nos conversations`,
    feedback: (n: number) => `${n} avis ou question${n > 1 ? 's' : ''} gardé${n > 1 ? 's' : ''} pour l'équipe`,
    cases: (n: number) => `${n} demande${n > 1 ? 's' : ''} d'aide`,
  },

  // Safety.
  crisis: {
    suicide: [
      "Ce que tu vis a l'air très dur, et tu as bien fait de l'écrire. Tu n'es pas seul·e.",
      '📞 **3114** : prévention du suicide, gratuit, 24 h/24 et 7 j/7. Des soignants t\'écoutent, tu peux appeler maintenant.',
      '🚑 **15** ou **112** si tu es en danger tout de suite ou si tu t\'es déjà fait du mal.',
      '💬 **Fil Santé Jeunes** : **0 800 235 236**, gratuit et anonyme.',
    ],
    self_harm: [
      "Merci de me le dire. Tu mérites qu'on prenne soin de toi.",
      '🚑 **15** ou **112** si tu saignes beaucoup ou si tu es en danger maintenant.',
      '📞 **3114** : pour en parler avec un soignant, gratuit, 24 h/24.',
      '💬 **Fil Santé Jeunes** : **0 800 235 236**, gratuit et anonyme.',
    ],
    violence: [
      "Personne n'a le droit de te faire du mal. Tu as bien fait d'en parler.",
      '🚓 **17** (police) ou **112** si tu es en danger maintenant. **114** par SMS si tu ne peux pas parler.',
      '📞 **3919** : violences faites aux femmes, gratuit, anonyme, 24 h/24.',
      '📞 **119** : si tu as moins de 21 ans ou si un enfant est en danger.',
    ],
    no_shelter: [
      "Je suis désolé que tu sois dans cette situation. On va chercher un endroit pour cette nuit.",
      '📞 **115** : hébergement d\'urgence, gratuit, 24 h/24. Appelle dès que possible, ça peut être long mais ça marche.',
      '🚑 **15** ou **112** si tu es en danger ou malade.',
    ],
    medical: [
      "C'est une urgence : appelle maintenant.",
      '🚑 **15** (Samu) ou **112**. Si tu ne peux pas parler : **114** par SMS.',
      '📞 **3114** si tu as voulu te faire du mal : des soignants t\'écoutent 24 h/24.',
    ],
    child_danger: [
      "Merci d'en parler, c'est important.",
      '📞 **119** : Allô enfance en danger, gratuit, 24 h/24, ça n\'apparaît pas sur la facture.',
      '🚓 **17** ou **112** si quelqu\'un est en danger maintenant.',
    ],
    sexual_violence: [
      "Ce qui t'est arrivé n'est pas de ta faute. Tu as bien fait d'en parler.",
      '🚓 **17** ou **112** si tu es en danger maintenant. **114** par SMS si tu ne peux pas parler.',
      "🏥 Si c'est récent, va aux urgences ou appelle le **15** pour être soigné·e, même sans porter plainte.",
      "📞 **116 006** : aide aux victimes, gratuit, tous les jours. **3919** pour les femmes, 24 h/24.",
    ],
    exploitation: [
      "Personne n'a le droit de te forcer, ni de garder ton argent ou tes papiers. Tu as bien fait d'en parler.",
      '🚓 **17** ou **112** si tu es en danger maintenant. **114** par SMS si tu ne peux pas parler.',
      '📞 **3919** : écoute gratuite et anonyme, 24 h/24, aussi pour un mariage forcé.',
      '📞 **119** si tu as moins de 18 ans.',
    ],
  } satisfies Record<CrisisCategory, string[]>,
  /** Tap-to-call buttons under a crisis reply, most useful first (the same numbers as the text above). */
  crisisCalls: {
    suicide: [['📞 Appeler le 3114', 'tel:3114'], ['🚑 Appeler le 15', 'tel:15'], ['📞 Fil Santé Jeunes', 'tel:0800235236']],
    self_harm: [['🚑 Appeler le 15', 'tel:15'], ['📞 Appeler le 3114', 'tel:3114'], ['📞 Fil Santé Jeunes', 'tel:0800235236']],
    violence: [['🚓 Appeler le 17', 'tel:17'], ['💬 SMS au 114', 'sms:114'], ['📞 Appeler le 3919', 'tel:3919'], ['📞 Appeler le 119', 'tel:119']],
    no_shelter: [['📞 Appeler le 115', 'tel:115'], ['🚑 Appeler le 15', 'tel:15']],
    medical: [['🚑 Appeler le 15', 'tel:15'], ['📞 Appeler le 112', 'tel:112'], ['💬 SMS au 114', 'sms:114']],
    child_danger: [['📞 Appeler le 119', 'tel:119'], ['🚓 Appeler le 17', 'tel:17']],
    sexual_violence: [['🚓 Appeler le 17', 'tel:17'], ['💬 SMS au 114', 'sms:114'], ['🚑 Appeler le 15', 'tel:15'], ['📞 Aide aux victimes 116 006', 'tel:116006']],
    exploitation: [['🚓 Appeler le 17', 'tel:17'], ['💬 SMS au 114', 'sms:114'], ['📞 Appeler le 3919', 'tel:3919'], ['📞 Appeler le 119', 'tel:119']],
  } satisfies Record<CrisisCategory, Array<[label: string, uri: string]>>,
  /** After the emergency numbers: the team is told, and when it will read. */
  crisisHuman: (expect: ReplyExpectation, now: Date = new Date()) =>
    ({
      on_duty: (e: Extract<ReplyExpectation, { kind: 'on_duty' }>) => `J'ai aussi prévenu l'équipe, en priorité : une personne te répondra ici, en général en moins de ${durationInFrench(e.withinMinutes)}. Pour parler à quelqu'un tout de suite, appelle un des numéros ci-dessus. Moi, je reste là, tu peux continuer à m'écrire.`,
      off_duty: (e: Extract<ReplyExpectation, { kind: 'off_duty' }>) =>
        `J'ai aussi prévenu l'équipe, en priorité. Personne n'est là en ce moment : elle lira ton message dès ${momentInFrench(e.opensAt, now, e.timeZone)}.${e.writeFirst ? ` ${fr.writeFirst}` : ''} Les numéros ci-dessus, eux, répondent tout de suite. Moi, je reste là, tu peux continuer à m'écrire.`,
      in_charge: (e: Extract<ReplyExpectation, { kind: 'in_charge' }>) => `${e.name} voit aussi ce message. Si tu es en danger maintenant, appelle le 15 ou le 112.`,
      nobody: () => "Pour parler à quelqu'un tout de suite, appelle un des numéros ci-dessus. Moi, je reste là, tu peux continuer à m'écrire.",
    })[expect.kind](expect as never),
  crisisResume: 'Quand tu veux, on reprend là où on en était.',
} as const;

export type Strings = typeof fr;
