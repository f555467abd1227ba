import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type CodeAction, CodeActionRequest, type CompletionItem, CompletionRequest, DefinitionRequest, type DocumentSymbol, DocumentSymbolRequest,
  ExecuteCommandRequest, type Hover, HoverRequest, type Location, type MarkupContent, type Position, ReferencesRequest, type TextEdit,
} from 'vscode-languageserver/node.js';
import { describe, expect, it } from 'vitest';
import { lint } from '../../server/src/engine/lint.js';
import { applyEdit, ROOT, start, useServerBuild } from '../helpers/lsp.js';

useServerBuild();

/** A knee report whose records list is a keyed table, with a treating surgeon and a causation conclusion. */
const KNEE = `---
report: IME
treating:
  - Dr. Farid Haddad
---

# Independent Medical Examination

## History of Present Illness

On 01/09/2024 he twisted his right knee stepping off a truck onto ice [R1]. An MRI of the right knee on 02/02/2024 [R2] showed a tear of the medial meniscus.

## Records Reviewed

| Key | Date | Provider | Document | Pages |
|---|---|---|---|---|
| [R1] | 01/09/2024 | St. Brendan's Hospital | Emergency department record | 4 |
| [R2] | 02/02/2024 | Astoria Open MRI | MRI, right knee | 2 |
| [R3] | 03/26/2024 | Farid Haddad, M.D. | Progress report | 3 |

## Physical Examination

Medial joint line tenderness of the right knee. McMurray test positive. Range of motion 0 to 120 degrees.

## Diagnoses

1. Tear of the medial meniscus, right knee.

## Causation

Dr. Haddad, the treating orthopedic surgeon, opined on 03/26/2024 that the tear was caused by the fall [R3]. I agree with Dr. Haddad, because the MRI of 02/02/2024 [R2] shows an acute tear pattern and he had no knee complaints before the accident.

Within a reasonable degree of medical probability, the tear of the medial meniscus was caused by the twisting injury of 01/09/2024.
`;

const LINES = KNEE.split('\n');

/** The position of `needle` (plus `shift` characters) in `text`. */
function positionOf(text: string, needle: string, shift = 0): Position {
  const offset = text.indexOf(needle);
  if (offset < 0) throw new Error(`not found: ${needle}`);
  const before = text.slice(0, offset + shift).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

/** The text a range of KNEE covers. */
function textAt(range: { start: Position; end: Position }): string {
  return range.start.line === range.end.line
    ? LINES[range.start.line].slice(range.start.character, range.end.character)
    : `${LINES[range.start.line].slice(range.start.character)}…`;
}

async function hoverText(uri: string, session: Awaited<ReturnType<typeof start>>, position: Position): Promise<string | null> {
  const hover = await session.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }) as Hover | null;
  return hover ? (hover.contents as MarkupContent).value : null;
}

/** Completion at the end of `text` (the last line is where the user types). */
async function completeAtEnd(text: string): Promise<CompletionItem[]> {
  const session = await start({ pull: true });
  const uri = session.open('knee.md', text);
  const lines = text.split('\n');
  const position = { line: lines.length - 1, character: lines[lines.length - 1].length };
  return await session.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position }) as CompletionItem[];
}

function inserted(item: CompletionItem): string {
  return (item.textEdit as TextEdit).newText;
}

describe('hover', () => {
  it("explains a finding's rule and what the analyser read in the conclusion it sits on", async () => {
    const speculative = KNEE.replace('Within a reasonable degree of medical probability, the tear', 'It is possible that the tear');
    const session = await start({ pull: true });
    const uri = session.open('knee.md', speculative);
    expect((await session.pull(uri)).map((d) => d.code)).toContain('causation-speculative');
    const value = await hoverText(uri, session, positionOf(speculative, 'possible that', 3));
    expect(value).toContain('**causation-speculative**: A causation conclusion framed as a possibility');
    expect(value).toContain('below the probability that the law requires');
    expect(value).toContain('*Source:* McAllister v. WCAB (1968) 69 Cal.2d 408');
    expect(value).toContain('**Causation conclusion** (as ime-lint read it)');
    expect(value).toContain('- **Hedges:** "possible" (speculative)');
  });

  it('shows the condition, event, standard and reasons of a sound conclusion', async () => {
    const session = await start({ pull: true });
    const uri = session.open('knee.md', KNEE);
    const value = await hoverText(uri, session, positionOf(KNEE, 'Within a reasonable', 10));
    expect(value).toContain('- **Condition:** "the tear of the medial meniscus"');
    expect(value).toContain('- **Event or exposure:** "the twisting injury of 01/09/2024"');
    expect(value).toContain('- **Standard of certainty:** "reasonable degree of medical probability"');
    expect(value).toContain('- **Hedges:** none');
    expect(value).not.toContain('**causation-');
  });

  it("lists a treating physician's opinions on their name", async () => {
    const session = await start({ pull: true });
    const uri = session.open('knee.md', KNEE);
    const value = await hoverText(uri, session, positionOf(KNEE, 'I agree with Dr. Haddad', 'I agree with Dr. H'.length));
    expect(value).toContain('**Dr. Haddad**: treating physician');
    expect(value).toContain('Opinions recorded in this report:');
    expect(value).toContain(`- line ${positionOf(KNEE, 'Dr. Haddad, the treating').line + 1} (causation): "Dr. Haddad, the treating orthopedic surgeon, opined`);
  });

  it('says nothing over plain prose', async () => {
    const session = await start({ pull: true });
    const uri = session.open('knee.md', KNEE);
    expect(await hoverText(uri, session, positionOf(KNEE, 'Medial joint line', 3))).toBeNull();
  });
});

describe('document symbols', () => {
  it('lists the records entries under Records Reviewed, with their keys and page counts', async () => {
    const session = await start({ pull: true });
    const uri = session.open('knee.md', KNEE);
    const [report] = await session.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }) as DocumentSymbol[];
    expect(report.children!.map((s) => [s.name, s.detail])).toEqual([
      ['History of Present Illness', 'history'],
      ['Records Reviewed', 'records'],
      ['Physical Examination', 'examination'],
      ['Diagnoses', 'diagnoses'],
      ['Causation', 'causation'],
    ]);
    const records = report.children![1];
    expect(records.children!.map((s) => [s.name, s.detail])).toEqual([
      ["01/09/2024 | St. Brendan's Hospital | Emergency department record", 'R1, 4 pages'],
      ['02/02/2024 | Astoria Open MRI | MRI, right knee', 'R2, 2 pages'],
      ['03/26/2024 | Farid Haddad, M.D. | Progress report', 'R3, 3 pages'],
    ]);
    expect(records.children![1].range.start.line).toBe(LINES.indexOf('| [R2] | 02/02/2024 | Astoria Open MRI | MRI, right knee | 2 |'));
  });
});

describe('completion', () => {
  it('offers the headings the profile needs and the report lacks first, in profile order', async () => {
    const text = `${KNEE.replace(/## Physical Examination\n\n.*\n\n/, '').replace(/## History of Present Illness\n\n.*\n\n/, '')}\n## `;
    const items = await completeAtEnd(text);
    const ordered = [...items].sort((a, b) => a.sortText!.localeCompare(b.sortText!));
    const missing = ordered.filter((i) => i.sortText!.startsWith('0-')).map((i) => i.label);
    expect(missing.indexOf('History of Present Illness')).toBeLessThan(missing.indexOf('Physical Examination'));
    expect(missing).not.toContain('Causation');
    expect(ordered.find((i) => i.label === 'Physical Examination')!.detail).toBe('Required by the Generic IME profile');
    expect(ordered.findIndex((i) => i.label === 'Physical Examination')).toBeLessThan(ordered.findIndex((i) => i.label === 'Records Reviewed'));
    expect(inserted(ordered[0])).toBe(` ${ordered[0].label}`);
  });

  it("offers the records list's keys after \"[R\", described by their entry", async () => {
    const items = await completeAtEnd(`${KNEE}\nThe emergency record [R`);
    expect(items.map((i) => [i.label, inserted(i), i.detail])).toEqual([
      ['R1', '[R1]', "01/09/2024 | St. Brendan's Hospital | Emergency department record"],
      ['R2', '[R2]', '02/02/2024 | Astoria Open MRI | MRI, right knee'],
      ['R3', '[R3]', '03/26/2024 | Farid Haddad, M.D. | Progress report'],
    ]);
    const footnotes = await completeAtEnd(`${KNEE}\nThe emergency record [^r`);
    expect(footnotes.map(inserted)).toEqual(['[^r1]', '[^r2]', '[^r3]']);
  });

  it('offers the numbers of a numbered records list as keys', async () => {
    const numbered = KNEE.replace(/\| Key[\s\S]*?\| 3 \|\n/, '1. 01/09/2024 St. Brendan\'s Hospital emergency department record (4 pages)\n2. 02/02/2024 Astoria Open MRI, MRI of the right knee (2 pages)\n');
    const items = await completeAtEnd(`${numbered}\nSee [R`);
    expect(items.map(inserted)).toEqual(['[R1]', '[R2]']);
  });

  it('offers the treating physicians\' names after "Dr."', async () => {
    const items = await completeAtEnd(`${KNEE}\nI spoke with Dr. Ha`);
    expect(items.map((i) => i.label)).toEqual(['Farid Haddad', 'Haddad']);
    const line = `${KNEE}\nI spoke with Dr. Ha`.split('\n').length - 1;
    expect((items[0].textEdit as TextEdit).range).toEqual({ start: { line, character: 'I spoke with Dr.'.length }, end: { line, character: 'I spoke with Dr. Ha'.length } });
    expect(inserted(items[0])).toBe(' Farid Haddad');
  });

  it('offers nothing in ordinary prose', async () => {
    expect(await completeAtEnd(`${KNEE}\nHe saw Mr. `)).toEqual([]);
    expect(await completeAtEnd(`${KNEE}\nHe reported pain`)).toEqual([]);
  });
});

describe('records navigation', () => {
  it('goes from a citation key to its records entry', async () => {
    const session = await start({ pull: true });
    const uri = session.open('knee.md', KNEE);
    const location = await session.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: positionOf(KNEE, '[R2] showed', 2) }) as Location;
    expect(location.uri).toBe(uri);
    expect(textAt(location.range)).toBe('| [R2] | 02/02/2024 | Astoria Open MRI | MRI, right knee | 2 |');
    expect(await session.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: positionOf(KNEE, 'Medial joint', 2) })).toBeNull();
  });

  it('finds every place the body cites an entry, from the entry or from one of its citations', async () => {
    const session = await start({ pull: true });
    const uri = session.open('knee.md', KNEE);
    const fromEntry = await session.connection.sendRequest(ReferencesRequest.type, {
      textDocument: { uri }, position: positionOf(KNEE, '| [R2]', 3), context: { includeDeclaration: false },
    }) as Location[];
    const cited = fromEntry.map((l) => [l.range.start.line, textAt(l.range)]);
    expect(cited).toContainEqual([positionOf(KNEE, '[R2] showed').line, '[R2]']);
    expect(cited).toContainEqual([positionOf(KNEE, '[R2] shows').line, '[R2]']);
    expect(cited.map(([, t]) => t)).not.toContain('[R1]');

    const fromCitation = await session.connection.sendRequest(ReferencesRequest.type, {
      textDocument: { uri }, position: positionOf(KNEE, '[R2] shows', 1), context: { includeDeclaration: true },
    }) as Location[];
    expect(fromCitation.map((l) => textAt(l.range))).toEqual(['| [R2] | 02/02/2024 | Astoria Open MRI | MRI, right knee | 2 |', ...fromEntry.map((l) => textAt(l.range))]);
  });
});

describe('fix-all and new reports', () => {
  it('source.fixAll.imeLint inserts the missing section where the profile puts it, and changes nothing else', async () => {
    const examination = /## Physical Examination\n\n.*\n\n/;
    const incomplete = KNEE.replace(examination, '');
    const session = await start({ pull: true });
    const uri = session.open('knee.md', incomplete);
    expect((await session.pull(uri)).map((d) => d.code)).toEqual(['section-missing']);
    const [action] = await session.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll.imeLint'] },
    }) as CodeAction[];
    expect(action.title).toBe('Fix all ime-lint problems that have a safe fix');
    const fixed = applyEdit(incomplete, action.edit);
    const section = '## Physical Examination\n\n[[Objective findings: inspection, range of motion, strength, reflexes, sensation, special tests]]\n\n';
    expect(fixed).toBe(incomplete.replace('## Diagnoses', `${section}## Diagnoses`));
    expect(lint(fixed, { filePath: '/cases/knee.md' }).diagnostics.map((d) => d.ruleId)).toEqual(['placeholder-left']);
  });

  it("gives the client the profiles and a profile's report skeleton, and the active report's status", async () => {
    const session = await start({ pull: true });
    const profiles = await session.connection.sendRequest(ExecuteCommandRequest.type, { command: 'imeLint.server.profiles', arguments: [] }) as { id: string }[];
    expect(profiles.map((p) => p.id)).toEqual(['generic', 'california-wc', 'new-york-wc', 'federal-rule-35']);
    const skeleton = await session.connection.sendRequest(ExecuteCommandRequest.type, { command: 'imeLint.server.reportSkeleton', arguments: ['california-wc'] }) as string;
    expect(skeleton.startsWith('---\nreport: IME\nprofile: california-wc\n---\n\n# Independent Medical Examination\n')).toBe(true);
    expect(await session.connection.sendRequest(ExecuteCommandRequest.type, { command: 'imeLint.server.reportSkeleton', arguments: ['toString'] })).toBeNull();

    const uri = session.open('knee.md', KNEE.replace('Range of motion', 'Range of motion TBD'));
    expect(await session.connection.sendRequest('imeLint/status', { uri })).toEqual({
      isReport: true, profile: { id: 'generic', name: 'Generic IME' }, errors: 0, warnings: 1, others: 0,
    });
    const note = session.open('note.md', '# Shopping\n\n- milk\n');
    expect(await session.connection.sendRequest('imeLint/status', { uri: note })).toMatchObject({ isReport: false, profile: null });
  });
});

describe('walkthrough', () => {
  it('shows a Markdown page per step and links only to commands the extension contributes', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const contributed = new Set(pkg.contributes.commands.map((c: { command: string }) => c.command));
    const [walkthrough] = pkg.contributes.walkthroughs;
    expect(walkthrough.steps.length).toBeGreaterThanOrEqual(3);
    for (const step of walkthrough.steps) {
      expect(existsSync(join(ROOT, step.media.markdown))).toBe(true);
      for (const [, command] of (step.description as string).matchAll(/\(command:(imeLint\.[\w.]+)/g)) expect(contributed).toContain(command);
    }
    expect(contributed).toContain('imeLint.newReport');
  });
});
