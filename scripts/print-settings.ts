import { describeSettings } from '../bot/config/settings.js';

/** Prints the configuration table of the README from the settings schema. */
for (const row of describeSettings()) console.log(`| \`${row.name}\` | ${row.defaultValue ? `\`${row.defaultValue}\`` : '(unset)'} | ${row.meaning} |`);
