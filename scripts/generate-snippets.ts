// Writes snippets/ime.json from the section templates and profiles (npm run docs).
import { writeFileSync } from 'node:fs';
import { buildSnippets } from '../server/src/authoring/snippets.js';

writeFileSync(new URL('../snippets/ime.json', import.meta.url), `${JSON.stringify(buildSnippets(), null, 2)}\n`);
