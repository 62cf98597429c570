import { describe, expect, it } from 'vitest';
import { linkPhoneNumbers } from '../../knowledge/answer/phone-links.js';
import { composeExtractive, FIRST_SCREEN_WORDS } from '../../knowledge/answer/extractive-composer.js';
import { loadEntries } from '../../knowledge/content/load-entries.js';
import { CONTENT_FOLDERS } from '../../knowledge/knowledge-base.js';

describe('phone numbers in answers', () => {
  it('turns emergency, help and full numbers into tel: links, bold or not, and leaves links and URLs alone', () => {
    expect(linkPhoneNumbers('Appelle le **3114** ou le 15.')).toBe('Appelle le **[3114](tel:3114)** ou le [15](tel:15).');
    expect(linkPhoneNumbers('CAF : 01 23 45 67 89, Fil Santé Jeunes 0 800 235 236')).toBe('CAF : [01 23 45 67 89](tel:0123456789), Fil Santé Jeunes [0 800 235 236](tel:0800235236)');
    expect(linkPhoneNumbers('le 116 006 ou le 119')).toBe('le [116 006](tel:116006) ou le [119](tel:119)');
    expect(linkPhoneNumbers('[le site](https://www.3114.fr/115) et https://x.fr/119')).toBe('[le site](https://www.3114.fr/115) et https://x.fr/119');
    expect(linkPhoneNumbers('un numéro à 4 chiffres : 3020', ['3020'])).toBe('un numéro à 4 chiffres : [3020](tel:3020)');
  });

  it('leaves alone what reads as an age, a date, an amount or a range', () => {
    for (const text of ['pour les 18-30 ans', 'de 15 à 18 ans', 'entre 16 et 18 ans', 'le 15 mars', '115 €', 'à 18 ans', 'v1.15.2', '15,5 %', 'les 16–25 ans']) {
      expect(linkPhoneNumbers(text), text).toBe(text);
    }
  });
});

describe('answers sized for a phone', () => {
  const { entries } = loadEntries('knowledge', CONTENT_FOLDERS);
  const words = (text: string) => text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

  it(`the first screen of every entry holds its answer and one next step in ${FIRST_SCREEN_WORDS} words or fewer`, () => {
    const tooLong = entries.filter((e) => {
      const parts = composeExtractive(e).split('\n\n');
      return words(parts.slice(1, -1).join(' ').replace(/\]\([^)]*\)/g, ']')) > FIRST_SCREEN_WORDS;
    });
    expect(tooLong.map((e) => e.id)).toEqual([]);
  });

  it('"En savoir plus" gives each address once and names links by what they are, never "site"', () => {
    for (const entry of entries) {
      const text = composeExtractive(entry, { details: true });
      const links = [...text.matchAll(/\[([^\]]*)\]\(([^)]*)\)/g)].filter(([, , href]) => !href!.startsWith('tel:'));
      expect(new Set(links.map(([, , href]) => href)).size, entry.id).toBe(links.length);
      expect(links.map(([, label]) => label), entry.id).not.toContain('site');
    }
  });
});
