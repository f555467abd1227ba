import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportSkeleton } from '../../server/src/authoring/snippets.js';
import { lint } from '../../server/src/engine/lint.js';
import { JURISDICTION_RULES, PROFILES, declarationSnippet } from '../../server/src/engine/profiles.js';
import { SECTION_TITLES, type SectionKind } from '../../server/src/engine/sections.js';
import { RULES, ruleById } from '../../server/src/rules/index.js';
import { NOT_LEGAL_ADVICE } from '../../server/src/rules/types.js';
import { cli } from '../helpers/cli.js';
import { CALIFORNIA_REPORT, FEDERAL_REPORT, NEW_YORK_REPORT, edit, profileFindings } from '../helpers/profile-reports.js';
import { COMPLETE_SECTIONS, report } from '../helpers/report.js';

const found = (text: string) => profileFindings(text).map((d) => ({ rule: d.ruleId, message: d.message, at: text.slice(d.span.start, d.span.end) }));

describe('profile data', () => {
  it('offers the four built-in profiles', () => {
    expect(Object.keys(PROFILES)).toEqual(['generic', 'california-wc', 'new-york-wc', 'federal-rule-35']);
  });

  it.each(Object.values(PROFILES).map((p) => [p.id, p]))('%s names the law behind every required and recommended section and declaration statement', (_id, profile) => {
    for (const law of [...Object.values(profile.required), ...Object.values(profile.recommended), ...profile.declaration.map((e) => e.law)]) {
      expect(law).toMatch(/§|FRCP|NYCRR|WCL|U\.S\.C\.|Guidelines|IME best practice|Norberg/);
    }
    for (const kind of Object.keys(profile.recommended)) expect(profile.required).not.toHaveProperty(kind);
  });

  it('keeps the generic profile to history, records, examination, diagnoses and causation', () => {
    expect(Object.keys(PROFILES.generic.required)).toEqual(['history', 'records', 'examination', 'diagnoses', 'causation']);
  });

  it('turns each jurisdiction rule on only where it applies', () => {
    for (const id of JURISDICTION_RULES) {
      expect(ruleById(id), id).toBeDefined();
      expect(PROFILES.generic.severities[id], id).toBe('off');
    }
    const on = (profile: string) => JURISDICTION_RULES.filter((id) => PROFILES[profile].severities[id] !== 'off');
    expect(on('new-york-wc')).toEqual(['impairment-guides-edition']);
    expect(on('federal-rule-35')).toEqual(['frcp-26-disclosures-missing']);
    expect(on('california-wc')).toEqual(JURISDICTION_RULES.filter((id) => id !== 'frcp-26-disclosures-missing'));
    for (const profile of ['california-wc', 'new-york-wc', 'federal-rule-35']) expect(PROFILES[profile].severities['causation-no-standard']).toBe('warning');
  });

  it('gives every jurisdiction rule its law in source and rationale, with the drafting-aid notice', () => {
    for (const id of JURISDICTION_RULES) {
      const { meta } = ruleById(id)!;
      expect(meta.source, id).toMatch(/§|FRCP|Guidelines/);
      expect(meta.rationale, id).toContain(NOT_LEGAL_ADVICE);
    }
  });

  it.each(Object.values(PROFILES).map((p) => [p.id, p]))('the %s skeleton closes with the profile\'s declaration', (_id, profile) => {
    const skeleton = reportSkeleton(profile);
    const closing = declarationSnippet(profile).replace(/\$\{\d+([:|])/g, '${N$1');
    expect(skeleton.replace(/\$\{\d+([:|])/g, '${N$1').trimEnd().endsWith(closing)).toBe(true);
    for (const kind of Object.keys(profile.recommended) as SectionKind[]) expect(skeleton).toContain(`## ${SECTION_TITLES[kind]}\n`);
  });
});

describe('generic profile', () => {
  it('finds nothing jurisdictional in a complete generic report', () => {
    expect(found(report(COMPLETE_SECTIONS))).toEqual([]);
  });

  it('holds a California report to California rules only under the California profile', () => {
    const text = edit(CALIFORNIA_REPORT, 'profile: california-wc\n');
    expect(found(text)).toEqual([]);
    expect(profileFindings(text, { profileOverride: 'california-wc' })).toEqual([]);
    // A config can still turn one on for its reports.
    const mismatched = edit(text, 'I reviewed 75 pages', 'I reviewed 76 pages');
    expect(found(mismatched)).toEqual([]);
    const turnedOn = lint(mismatched, { config: { rules: { 'record-pages-total-mismatch': 'error' } } });
    expect(turnedOn.diagnostics.filter((d) => d.ruleId === 'record-pages-total-mismatch').map((d) => d.severity)).toEqual(['error']);
  });
});

describe('new-york-wc profile', () => {
  it('finds nothing in a report that meets the profile', () => {
    expect(found(NEW_YORK_REPORT)).toEqual([]);
  });

  it('asks for the list of every item reviewed', () => {
    const text = edit(NEW_YORK_REPORT, NEW_YORK_REPORT.slice(NEW_YORK_REPORT.indexOf('## Records Reviewed'), NEW_YORK_REPORT.indexOf('## Physical Examination')));
    expect(found(text).map((f) => f.rule)).toEqual(['records-section-missing']);
  });

  it('names the New York rule of law for a missing section', () => {
    const text = edit(NEW_YORK_REPORT, '## Diagnosis\n\n1. Tear of the medial meniscus of the right knee.\n\n');
    expect(found(text)).toEqual([expect.objectContaining({ rule: 'section-missing', message: expect.stringMatching(/^The report has no Diagnoses section, which the New York workers' compensation profile requires/) })]);
  });

  it('flags impairment rated under the AMA Guides instead of the Board\'s Guidelines', () => {
    const text = edit(NEW_YORK_REPORT, 'Under the New York Guidelines for Determining Impairment (2018)', 'Under the AMA Guides');
    expect(found(text)).toEqual([expect.objectContaining({
      rule: 'impairment-guides-edition',
      at: 'AMA Guides',
      message: "Impairment is rated under the AMA Guides; the New York workers' compensation profile rates impairment under the Workers' Compensation Board's own Guidelines (New York Guidelines for Determining Impairment (2012; schedule loss of use, 2018)).",
    })]);
  });

  it('does not ask a New York rating to name its guidelines, nor flag the AMA causation guides', () => {
    expect(found(edit(NEW_YORK_REPORT, 'Under the New York Guidelines for Determining Impairment (2018), the', 'The'))).toEqual([]);
    expect(found(edit(NEW_YORK_REPORT, 'shows an acute tear.', 'shows an acute tear, a method the AMA Guides to the Evaluation of Disease and Injury Causation describe.'))).toEqual([]);
  });
});

describe('federal-rule-35 profile', () => {
  it('finds nothing in a report that meets the profile', () => {
    expect(found(FEDERAL_REPORT)).toEqual([]);
  });

  it.each([
    ['qualifications', 'I am board certified in orthopaedic surgery. My curriculum vitae, listing my publications', 'My list of publications', /qualifications \(FRCP 26\(a\)\(2\)\(B\)\(iv\)\)/],
    ['publications', 'My curriculum vitae, listing my publications of the past ten years, is Exhibit A. ', '', /publications .* previous 10 years.*\(FRCP 26\(a\)\(2\)\(B\)\(iv\)\)/],
    ['prior testimony', 'The cases in which I have testified at trial or by deposition in the past four years are listed in Exhibit B. ', '', /testified as an expert .* previous 4 years \(FRCP 26\(a\)\(2\)\(B\)\(v\)\)/],
    ['compensation', ' My compensation is $650 per hour for review, examination and report.', '', /compensation .*\(FRCP 26\(a\)\(2\)\(B\)\(vi\)\)/],
  ])('asks a retained examiner for %s', (_what, from, to, message) => {
    const findings = found(edit(FEDERAL_REPORT, from, to)).filter((f) => f.rule === 'frcp-26-disclosures-missing');
    expect(findings.map((f) => f.message)).toEqual([expect.stringMatching(message)]);
    expect(findings[0].message).toMatch(/^The report of a retained examiner does not state /);
  });

  it('does not ask a court-appointed examiner who will not testify for Rule 26 disclosures', () => {
    const text = edit(edit(FEDERAL_REPORT, 'I was retained by counsel for the defendant and examined', 'Under the court\'s order I examined'),
      FEDERAL_REPORT.slice(FEDERAL_REPORT.indexOf('## Qualifications')));
    expect(found(text)).toEqual([]);
  });

  it('names FRCP 35(b)(2) for missing diagnoses', () => {
    const text = edit(FEDERAL_REPORT, '## Diagnoses\n\n1. Cervical strain, resolved.\n\n');
    expect(found(text).map((f) => f.message)).toEqual([expect.stringMatching(/no Diagnoses section, which the Federal Rule 35 profile requires \(FRCP 35\(b\)\(2\)/)]);
  });
});

describe('ime-lint --profile', () => {
  const noDeclaration = CALIFORNIA_REPORT
    .replace('profile: california-wc\n', '')
    .slice(0, CALIFORNIA_REPORT.indexOf('## Declaration') - 'profile: california-wc\n'.length);

  it('finds more in a California report without its declaration under california-wc than under generic', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ime-lint-profiles-'));
    writeFileSync(join(dir, 'qme.md'), noDeclaration);
    const run = async (profile: string) => JSON.parse((await cli(['--format', 'json', '--profile', profile, 'qme.md'], dir)).stdout)[0].messages.map((m: { ruleId: string }) => m.ruleId);
    const generic = await run('generic');
    const california = await run('california-wc');
    expect(california.length).toBeGreaterThan(generic.length);
    expect(california).toEqual(expect.arrayContaining(['ca-declaration-missing', 'ca-139-3-statement-missing']));
    expect(generic).not.toContain('ca-declaration-missing');
  });

  it('cites §4628, §10682 and §4663 in the SARIF help of the California rules', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ime-lint-profiles-'));
    writeFileSync(join(dir, 'qme.md'), noDeclaration);
    const sarif = JSON.parse((await cli(['--format', 'sarif', '--profile', 'california-wc', 'qme.md'], dir)).stdout);
    const help = new Map<string, string>(sarif.runs[0].tool.driver.rules.map((r: { id: string; help: { text: string } }) => [r.id, r.help.text]));
    expect(help.get('ca-declaration-missing')).toMatch(/§4628\(j\)[\s\S]*§10682/);
    expect(help.get('apportionment-missing')).toContain('§4663');
    expect(help.get('ca-declaration-missing')).toContain(NOT_LEGAL_ADVICE);
  });

  it('lists the profiles in its help', async () => {
    const { stdout } = await cli(['--help'], tmpdir());
    for (const id of Object.keys(PROFILES)) expect(stdout).toContain(id);
    expect(RULES.length).toBeGreaterThan(JURISDICTION_RULES.length);
  });
});
