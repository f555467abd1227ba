// Regenerates the rule table in README.md from rule metadata (npm run docs).
import { readFileSync, writeFileSync } from 'node:fs';
import { withRulesTable } from '../server/src/rules/docs.js';

const path = new URL('../README.md', import.meta.url);
writeFileSync(path, withRulesTable(readFileSync(path, 'utf8')));
