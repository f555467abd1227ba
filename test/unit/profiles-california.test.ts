import { describe, expect, it } from 'vitest';
import { lint } from '../../server/src/engine/lint.js';
import { applyFixes } from '../../server/src/engine/fixes.js';
import { CALIFORNIA_REPORT as CA, edit, profileFindings } from '../helpers/profile-reports.js';

const DECLARATION = CA.slice(CA.indexOf('I declare under penalty of perjury that the information'), CA.indexOf('\n\nI have not violated'));
const found = (text: string) => profileFindings(text).map((d) => ({ rule: d.ruleId, message: d.message, at: text.slice(d.span.start, d.span.end) }));

describe('california-wc profile', () => {
  it('finds nothing in a report that meets every requirement', () => {
    expect(found(CA)).toEqual([]);
  });

  it.each([
    ['the §4628(j) declaration', DECLARATION, '', 'ca-declaration-missing', /^The report has no declaration under penalty of perjury .*\(Labor Code §4628\(j\)\)\.$/],
    ['the information-from-others clause', ', except as to information that I have indicated I received from others, and as to that information, I declare under penalty of perjury that the information accurately describes the information provided to me and, except as noted herein, that I believe it to be true', '', 'ca-declaration-missing', /does not cover information received from others .*\(Labor Code §4628\(j\)\)/],
    ['the date of signing', 'Executed on 02/03/2025 at', 'Executed at', 'ca-declaration-missing', /^The penalty-of-perjury declaration is not dated \(Labor Code §4628\(j\)\)\.$/],
    ['the county of signing', 'Fresno, Fresno County, California', 'Fresno, California', 'ca-declaration-missing', /does not state the county where it was signed \(Labor Code §4628\(j\)\)/],
    ['the signature', 'Meera Iyengar, M.D.\n', '', 'ca-declaration-missing', /is not followed by the examiner's signature/],
    ['the §139.3 statement', 'I have not violated Labor Code section 139.3, and the contents of this report and bill are true and correct to the best of my knowledge. This statement is made under penalty of perjury.\n\n', '', 'ca-139-3-statement-missing', /^The report has no statement under penalty of perjury that the examiner has not violated Labor Code §139\.3 \(Labor Code §5703\(a\)\(2\)\)\.$/],
    ['the oath of the §139.3 statement', ' This statement is made under penalty of perjury.', '', 'ca-139-3-statement-missing', /^The Labor Code §139\.3 statement is not made under penalty of perjury/],
    ['the date of the evaluation', 'I examined Ms. Rivera on 01/14/2025 at', 'I examined Ms. Rivera at', 'ca-4628-disclosures-missing', /^The report does not disclose the date of the evaluation \(Labor Code §4628\(b\); 8 CCR §35\.5\(b\)\)\.$/],
    ['the place of the evaluation', ' at 2150 Tulare Street, Suite 310, Fresno, CA 93721', '', 'ca-4628-disclosures-missing', /does not disclose the street address where the evaluation was performed/],
    ['who performed which services', 'I personally took the history, performed the examination and reviewed the records. No one else performed services in connection with this report other than its clerical preparation. ', '', 'ca-4628-disclosures-missing', /does not disclose that the signer performed the evaluation, and the name and qualifications of everyone else who performed services for it \(Labor Code §4628\(b\)\)/],
    ['the time guidelines', ' The face-to-face time met the time guidelines for this evaluation.', '', 'ca-4628-disclosures-missing', /does not disclose whether the evaluation and the time spent on it complied with the Administrative Director's guidelines/],
    ['an entry\'s page count', ' 64 pp.', '', 'record-pages-missing', /^This records entry does not state its page count \(8 CCR §9795\)\.$/],
    ['the page-count verification', '**Record Review Verification.** I reviewed 75 pages of records. I declare under penalty of perjury that this is the total number of pages I reviewed.\n\n', '', 'record-pages-verification-missing', /^The report does not verify the total number of pages of records reviewed; .*even when the total is zero \(8 CCR §9795\)\.$/],
    ['apportionment', '## Apportionment\n\n85% of the permanent disability is caused by the cumulative trauma and 15% by diabetes, because diabetes is an independent risk factor and only the working hand is affected.\n\n', '', 'apportionment-missing', /^Permanent impairment is rated here but the report does not apportion it: .*\(Labor Code §4663\)\.$/],
    ['the apportionment percentages', '85% of the permanent disability is caused by the cumulative trauma and 15% by diabetes', 'The permanent disability is caused by the cumulative trauma and by diabetes', 'apportionment-incomplete', /^Apportionment gives no percentages: .*\(Labor Code §4663\)\.$/],
    ['the reasons for apportionment', ', because diabetes is an independent risk factor and only the working hand is affected', '', 'apportionment-incomplete', /^Apportionment gives percentages without explaining how and why \(Labor Code §4663; Escobedo v\. Marshalls \(2005\) 70 CCC 604\)\.$/],
    ['the edition of the AMA Guides', 'Under the AMA Guides, 5th edition, I', 'I', 'impairment-guides-edition', /^Impairment is rated without naming the AMA Guides, 5th edition, .*\(Labor Code §4660\(b\)\(1\); 8 CCR §1\)\.$/],
    ['the Past Medical History section', '## Past Medical History\n\nNo prior injury of the hands. Type 2 diabetes from 2019.\n\n', '', 'section-missing', /^The report has no Past Medical History section, which the California workers' compensation profile requires \(8 CCR §10682\(b\)/],
    ['the Permanent and Stationary section', '## Permanent and Stationary\n\nShe has been permanent and stationary from 12/17/2024, because her findings have not changed in three months.\n\n', '', 'section-missing', /no Maximum Medical Improvement section, .*\(8 CCR §10682\(b\): whether permanent disability resulted/],
    ['the Work Restrictions section', '## Work Restrictions\n\nNo permanent work restrictions.\n\n', '', 'section-missing', /no Work Status section, .*8 CCR §10682\(b\): the nature, extent and duration of disability/],
    ['the Future Medical Care section', '## Future Medical Care\n\n- Hand therapy for flare-ups.\n\n', '', 'section-missing', /no Future Medical Care section, .*8 CCR §10682\(b\): the treatment indicated/],
  ])('without %s: %s', (_what, from, to, rule, message) => {
    const findings = found(edit(CA, from, to));
    expect(findings.map((f) => f.rule)).toEqual([rule]);
    expect(findings[0].message).toMatch(message);
  });

  it('puts element findings on the declaration and entry findings on the entry', () => {
    const undated = edit(edit(CA, 'Executed on 02/03/2025 at', 'Executed at'), ' 64 pp.');
    const at = found(undated).map((f) => f.at);
    expect(at).toContain('11/14/2024 — Deposition of the applicant, transcript.');
    expect(at).toContain(DECLARATION);
  });

  it('says once, on the heading, when no entry counts its pages', () => {
    const text = CA.replace(/ \d+ pp\./g, '');
    const pages = found(text).filter((f) => f.rule === 'record-pages-missing');
    expect(pages).toEqual([expect.objectContaining({ at: '## Records Reviewed', message: expect.stringMatching(/^No entry of the records list states its page count/) })]);
  });

  it('points at a stated total that differs from the entries, and offers the sum', () => {
    const text = edit(CA, 'I reviewed 75 pages', 'I reviewed 76 pages');
    const [mismatch] = lint(text).diagnostics.filter((d) => d.ruleId === 'record-pages-total-mismatch');
    expect(text.slice(mismatch.span.start, mismatch.span.end)).toBe('76');
    expect(mismatch.message).toBe('The stated total of 76 pages differs from the 75 pages that the 3 records entries add up to (8 CCR §9795).');
    expect(mismatch.fix?.safe).toBe(false);
    expect(applyFixes(text, [mismatch.fix!]).text).toBe(CA);
  });

  it('reads page counts from a Pages column and a Total row', () => {
    const table = '| Date | Record | Pages |\n|---|---|---|\n| 02/20/2024 | Doctor\'s First Report | 5 |\n| 03/12/2024 | EMG/NCS | 6 |\n| | **Total** | 12 |';
    const text = edit(edit(CA, CA.slice(CA.indexOf('1. 02/20/2024'), CA.indexOf('\n\n**Record Review')), table), '**Record Review Verification.** I reviewed 75 pages of records. I declare under penalty of perjury that this is the total number of pages I reviewed.\n\n');
    expect(found(text)).toEqual([expect.objectContaining({ rule: 'record-pages-total-mismatch', at: '12', message: expect.stringContaining('the 11 pages') })]);
  });

  it('counts only the leaves of a grouped records list, and page ranges', () => {
    const grouped = '- Medical records\n  1. 02/20/2024 — Martin Reyes, M.D.: Doctor\'s First Report (pp. 1–5)\n  2. 03/12/2024 — Central Valley Neurodiagnostics: EMG/NCS. 6 pp.\n- Legal\n  1. 11/14/2024 — Deposition of the applicant, transcript. 64 pages';
    const text = edit(CA, CA.slice(CA.indexOf('1. 02/20/2024'), CA.indexOf('\n\n**Record Review')), grouped);
    expect(found(text)).toEqual([]);
  });

  it('reads the date and place of the evaluation from an identification table', () => {
    const table = '| | |\n|---|---|\n| Date of examination | January 14, 2025 |\n| Place of examination | 2150 Tulare Street, Suite 310, Fresno |\n\n';
    const text = edit(edit(CA, 'I examined Ms. Rivera on 01/14/2025 at 2150 Tulare Street, Suite 310, Fresno, CA 93721. '), '## Introduction\n\n', `## Introduction\n\n${table}`);
    expect(found(text)).toEqual([]);
  });

  it('accepts a verification of zero pages', () => {
    const text = edit(edit(CA, CA.slice(CA.indexOf('1. 02/20/2024'), CA.indexOf('\n\n**Record Review'))), 'I reviewed 75 pages of records', 'I received no records and reviewed 0 pages of records');
    expect(found(text)).toEqual([]);
  });

  it('offers the page-count verification, prefilled with the entries\' sum, without applying it unasked', () => {
    const text = edit(CA, '**Record Review Verification.** I reviewed 75 pages of records. I declare under penalty of perjury that this is the total number of pages I reviewed.\n\n');
    const [missing] = lint(text).diagnostics.filter((d) => d.ruleId === 'record-pages-verification-missing');
    expect(missing.fix?.safe).toBe(false);
    const fixed = applyFixes(text, [missing.fix!]).text;
    expect(fixed).toContain('3. 11/14/2024 — Deposition of the applicant, transcript. 64 pp.\n\n**Record Review Verification.** I reviewed 75 pages of records. I declare under penalty of perjury that this is the total number of pages of records I reviewed.\n\n## Past Medical History');
    expect(found(fixed)).toEqual([]);
  });

  it('offers the §4628(j) declaration in the Declaration section; filled in, the report is compliant again', () => {
    const text = edit(edit(CA, DECLARATION + '\n\n'), 'Executed on 02/03/2025 at Fresno, Fresno County, California.\n\nMeera Iyengar, M.D.\n');
    const [missing] = lint(text).diagnostics.filter((d) => d.ruleId === 'ca-declaration-missing');
    expect(missing.fix?.safe).toBe(false);
    expect(missing.fix?.snippet?.newText).toContain('${9:county} County, California.');
    const fixed = applyFixes(text, [missing.fix!]).text
      .replace('[[date]]', '02/03/2025').replace('[[city]]', 'Fresno').replace('[[county]]', 'Fresno')
      .replace('[[signature]]', '/s/ Meera Iyengar').replace('[[name and credentials]]', 'Meera Iyengar, M.D.');
    expect(fixed).toContain('This statement is made under penalty of perjury.\n\nI declare under penalty of perjury that the information contained in this report');
    expect(found(fixed)).toEqual([]);
  });

  it('flags a rating under the 6th edition of the AMA Guides', () => {
    const text = edit(CA, 'AMA Guides, 5th edition', 'AMA Guides, Sixth Edition');
    expect(found(text)).toEqual([expect.objectContaining({ rule: 'impairment-guides-edition', at: 'AMA Guides, Sixth', message: expect.stringMatching(/^Impairment is rated under the 6th edition of the AMA Guides; the California workers' compensation profile rates impairment under the AMA Guides, 5th edition \(Labor Code §4660\(b\)\(1\); 8 CCR §1\)\.$/) })]);
  });

  it('asks for apportionment only when permanent disability is rated', () => {
    const notRated = edit(edit(CA, 'Under the AMA Guides, 5th edition, I assign 3% whole person impairment (Table 16-10).', 'Not ratable until she is permanent and stationary.'),
      '85% of the permanent disability is caused by the cumulative trauma and 15% by diabetes, because diabetes is an independent risk factor and only the working hand is affected.', 'I will address apportionment when she is permanent and stationary.');
    expect(found(notRated)).toEqual([]);
    const declined = edit(CA, '85% of the permanent disability is caused by the cumulative trauma and 15% by diabetes, because diabetes is an independent risk factor and only the working hand is affected.',
      'There is no basis for apportionment to other factors, because she had no prior hand complaints and her diabetes is well controlled.');
    expect(found(declined)).toEqual([]);
  });

  describe('psychiatric claims', () => {
    const psych = edit(edit(CA, '# Panel Qualified Medical Evaluation', '# Psychiatric Qualified Medical Evaluation'),
      'Within reasonable medical probability, the right carpal tunnel syndrome arose out of and in the course of employment',
      'Within reasonable medical probability, the major depressive disorder arose out of and in the course of employment');

    it('asks for the percentage of causation from actual events of employment', () => {
      expect(found(psych)).toEqual([expect.objectContaining({
        rule: 'psych-causation-percentage-missing',
        at: '## Causation',
        message: 'This psychiatric evaluation does not state what percentage of the causation of the psychiatric injury comes from actual events of employment (Labor Code §3208.3(b)(1); 8 CCR §10682(b)).',
      })]);
    });

    it('is satisfied by the percentage', () => {
      const stated = edit(psych, 'shows median neuropathy at the wrist.', 'shows median neuropathy at the wrist. Actual events of employment caused 70% of the psychiatric injury, and her mother\'s illness 30%.');
      expect(found(stated)).toEqual([]);
    });
  });

  it('leaves a generic report to the generic profile: none of these rules apply there', () => {
    const noDeclaration = edit(edit(CA, DECLARATION), 'I have not violated Labor Code section 139.3, and the contents of this report and bill are true and correct to the best of my knowledge. This statement is made under penalty of perjury.');
    expect(found(noDeclaration).map((f) => f.rule)).toEqual(['ca-declaration-missing', 'ca-139-3-statement-missing']);
    expect(profileFindings(noDeclaration, { profileOverride: 'generic' })).toEqual([]);
  });
});
