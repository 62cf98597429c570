import { TEST_INDEX_DIR } from '../support/test-app.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectLanguage } from '../../dialogs/language/detect-language.js';
import { recognizeCommand } from '../../dialogs/conversation/global-commands.js';
import { KnowledgeBase } from '../../knowledge/knowledge-base.js';

/**
 * Intents that look alike and must not be confused: a confident wrong answer is worse than "je ne sais pas".
 * Each row was once answered wrongly, with confidence, on questions written outside the project.
 */
describe('intents that look alike are told apart', () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    kb = await KnowledgeBase.open({ indexDir: TEST_INDEX_DIR });
  });
  afterAll(() => kb.close());

  it.each([
    ['je suis enceinte, je veux garder le bébé', 'grossesse-garder-bebe'],
    ['jsuis enceinte et je veux le garder', 'grossesse-garder-bebe'],
    ['jsuis enceinte et jveux pas le garder', 'ivg'],
    ["jusqu'à quel âge l'ASE peut m'aider", 'accompagnement-jusqu-a-21-ans'],
  ])('"%s" is answered by %s', async (question, expected) => {
    const answer = await kb.answer(question);
    expect(answer.confident).toBe(true);
    expect(answer.entry?.id).toBe(expected);
  });

  it('"je vais avoir 18 ans, qu\'est-ce qui se passe" is not answered with a housing entry', async () => {
    const answer = await kb.answer("je vais avoir 18 ans, qu'est-ce qui se passe");
    if (answer.confident) expect(answer.entry?.theme).toBe('droits');
  });

  it.each(["personne m'aide", 'je veux parler à mon éduc', 'je veux parler à mon référent', 'je veux parler à un humain', "passe-moi quelqu'un"])(
    '"%s" is a request for a human, never a search for "personne de confiance"',
    (text) => expect(recognizeCommand(text)).toBe('human'),
  );

  it('a French sentence with an English-looking word stays French', () => {
    expect(detectLanguage('il y a un hôtel pour moi ce soir ?')).toBe('fr');
    expect(detectLanguage("on a pas de sous pour l'hôtel")).toBe('fr');
    expect(detectLanguage('i need a place to sleep tonight')).toBe('en');
  });
});
