// Writes snippets/ime.json from the section templates and profiles, and the grammar's
// placeholder pattern from the one placeholder-left reads (npm run docs).
import { readFileSync, writeFileSync } from 'node:fs';
import { buildSnippets } from '../server/src/authoring/snippets.js';
import { placeholderPattern } from '../server/src/engine/templates.js';

writeFileSync(new URL('../snippets/ime.json', import.meta.url), `${JSON.stringify(buildSnippets(), null, 2)}\n`);

const grammarUrl = new URL('../syntaxes/ime-report.injection.tmLanguage.json', import.meta.url);
const grammar = JSON.parse(readFileSync(grammarUrl, 'utf8'));
grammar.repository.placeholder.match = placeholderPattern().source;
writeFileSync(grammarUrl, `${JSON.stringify(grammar, null, 2)}\n`);
