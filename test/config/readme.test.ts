import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeSettings } from '../../bot/config/settings.js';

describe('README', () => {
  const readme = readFileSync('README.md', 'utf8');

  it('starts with the two commands a newcomer needs', () => {
    const firstScreen = readme.split('\n').slice(0, 12).join('\n');
    expect(firstScreen).toContain('npm install && npm start');
    expect(firstScreen).toContain('http://localhost:3978');
    expect(firstScreen).toContain('npm test');
  });

  it('documents every setting of the schema, with its default and meaning', () => {
    for (const s of describeSettings()) expect(readme).toContain(`| \`${s.name}\` | ${s.defaultValue ? `\`${s.defaultValue}\`` : "(unset)"} | ${s.meaning} |`);
  });
});
