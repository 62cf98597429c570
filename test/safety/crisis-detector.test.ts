import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { loadSafetyCorpora } from '../../knowledge/evaluation/eval-set.js';
import { CrisisDetector } from '../../dialogs/safety/crisis-detector.js';
import { classify } from '../../dialogs/safety/crisis-classifier.js';
import { loadOrTrainCrisisModel, SAFETY_CORPORA_DIR } from '../../dialogs/safety/crisis-model-store.js';
import { TEST_INDEX_DIR } from '../support/test-app.js';

/**
 * The development corpora are a regression guard: the rules were written on them and the classifier is
 * trained on them, so every crisis must stay detected with its kind and no ordinary message may raise
 * the alarm. How detection generalises is measured on the held-out and fresh sets by `npm run eval`,
 * never asserted here.
 */
const model = loadOrTrainCrisisModel(TEST_INDEX_DIR);
const detector = new CrisisDetector(model);
const corpus = loadSafetyCorpora(SAFETY_CORPORA_DIR)!;

describe('crisis detector on the development corpora', () => {
  it('detects every crisis message of the development corpus, with its kind of danger (the kind picks the numbers)', () => {
    expect(corpus.crisis.filter((c) => detector.detect(c.text)?.category !== c.category).map((c) => `${c.category}: ${c.text}`)).toEqual([]);
  });

  it('raises no alarm on the ordinary messages of the development corpus', () => {
    expect(corpus.benign.filter((text) => detector.detect(text))).toEqual([]);
  });

  it('the classifier alone catches what no rule was written for, and keeps quiet on ordinary words', () => {
    const rulesOnly = new CrisisDetector();
    for (const [text, category] of [
      ["jveux que tout s'arrete ce soir", 'suicide'],
      ["il m'a fait des choses pendant que je dormais", 'sexual_violence'],
    ] as const) {
      expect(rulesOnly.detect(text)).toBeUndefined();
      expect(detector.detect(text)).toEqual({ category, rule: `${category}/classifier` });
    }
    expect(classify(model, 'je cherche un appart pas cher a lille')).toBeUndefined();
    expect(classify(model, 'comment on fait une demande de bourse crous')).toBeUndefined();
  });

  it('reads the œ ligature as "oe": "ma petite sœur" is a child in danger', () => {
    expect(detector.detect('ma petite sœur se fait frapper par mon père')?.category).toBe('child_danger');
  });
});

describe('crisis detector: danger over, danger as a topic, a minor', () => {
  const rulesOnly = new CrisisDetector();

  it('the rules stand aside when the danger is said to be over or is a topic, not when it is back', () => {
    for (const text of [
      "quand j'étais petite ma mère me frappait, j'en ai parlé avec ma psy et ça va mieux maintenant",
      "ça fait un an que j'ai arrêté de me scarifier",
      "le prof nous a fait un cours sur le suicide chez Durkheim",
      "je vais me tuer à la tâche pour avoir mon diplôme",
      // School hyperbole, and a childhood told from adulthood.
      'la prof de maths va me tuer, elle nous a donné deux devoirs pour demain',
      'my manager is gonna kill me lol i forgot the report again',
      "quand j'avais 11 ans mon beau-père me frappait. aujourd'hui j'ai 22 ans et je voudrais lire mon dossier ASE",
      // A laugh says the joke; a song studied in class, a kitchen burn.
      'mon chef va me tuer si je suis encore en retard 😂',
      'les exams en janvier mdr je vais crever',
      "on étudie une chanson sur le suicide en cours de français, t'as des idées d'analyse ?",
      "je me suis brûlé le doigt en faisant des pâtes, c'est juste un peu rouge",
    ]) expect(rulesOnly.detect(text), text).toBeUndefined();
    for (const text of [
      "quand j'étais petite ma mère me frappait et elle recommence depuis que je suis revenue",
      "ça allait mieux mais ce soir je veux mourir",
      // Played down is not over.
      'he hits me but im fine',
      "il me frappe mais ça va",
    ]) expect(rulesOnly.detect(text), text).toBeDefined();
  });

  it('a minor who is hit gets the child-protection numbers, from the rules or the classifier', () => {
    expect(rulesOnly.detect("j'ai 16 ans et mon oncle me frappe tous les soirs")?.category).toBe('child_danger');
    expect(rulesOnly.detect('I am 16 and my uncle beats me every night')?.category).toBe('child_danger');
    expect(rulesOnly.detect('mon oncle me frappe tous les soirs')?.category).toBe('violence');
    expect(rulesOnly.detect("j'ai 16 euros et mon oncle me frappe")?.category).toBe('violence');
    // Put out at 15, or threatened for speaking: still a child in danger.
    expect(rulesOnly.detect("j'ai 15 ans et mon père m'a mis dehors")?.category).toBe('child_danger');
    expect(rulesOnly.detect("j'ai 14 ans, si je parle à l'éducatrice mon père me tue")?.category).toBe('child_danger');
  });

  it('new phrasings from the fresh sets now in training: pressure to sell oneself, a toddler alone, shoved, filmed', () => {
    expect(rulesOnly.detect('une fille de mon ancien foyer me met la pression pour faire du michetonnage')?.category).toBe('exploitation');
    expect(rulesOnly.detect("mon fils de 3 ans est tout seul à l'appart, le bus est en panne et j'arrive pas à rentrer")?.category).toBe('child_danger');
    expect(rulesOnly.detect('my ex shoved me down the stairs and he is still here')?.category).toBe('violence');
    expect(rulesOnly.detect('someone filmed me while i was asleep at the party and the video is going around')?.category).toBe('sexual_violence');
    // Laughing does not clear a wish to die said plainly.
    expect(rulesOnly.detect('je veux mourir mdr')?.category).toBe('suicide');
  });

  it('belongings on the pavement are a night without shelter, not prostitution', () => {
    expect(rulesOnly.detect("ils ont changé la serrure, toutes mes affaires sont en sacs sur le trottoir")?.category).toBe('no_shelter');
    expect(rulesOnly.detect('il me met sur le trottoir tous les soirs')?.category).toBe('exploitation');
  });
});

describe('crisis detector on what the young person taps', () => {
  it('raises no alarm on a button label: "En savoir plus", the themes, the titles of entries outside emergencies', async () => {
    const { fr } = await import('../../dialogs/strings/fr.js');
    const { loadEntries } = await import('../../knowledge/content/load-entries.js');
    const { CONTENT_FOLDERS } = await import('../../knowledge/knowledge-base.js');
    const { entries } = loadEntries(path.join(SAFETY_CORPORA_DIR, '..'), CONTENT_FOLDERS);
    const labels = [fr.moreDetails, fr.talkToHuman, ...fr.feedbackReasons, ...fr.themes.map((t) => t.label), ...entries.filter((e) => e.theme !== 'urgence').flatMap((e) => [e.title, e.short_title ?? e.title])];
    expect(labels.filter((label) => detector.detect(label))).toEqual([]);
  });

  it('an answer to "Tu as quel âge ?" is no alarm, while a minor who says they are hit still is', () => {
    const answers = ['16 ans', '17 ans', "j'ai 17 ans", 'jai 16 ans', '15', '17', 'seize ans', 'dix-sept ans', '16ans', "j'ai 17 ans et demi", 'née le 4 juin 2009'];
    expect(answers.filter((text) => detector.detect(text))).toEqual([]);
    expect(detector.detect("j'ai 16 ans et mon beau-père me frappe tous les soirs")?.category).toBe('child_danger');
  });
});
