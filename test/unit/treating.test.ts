import { describe, expect, it } from 'vitest';
import { analyseTreating, treatingHover, treatingNames } from '../../server/src/analysis/treating.js';
import { applyFixes } from '../../server/src/engine/fixes.js';
import { buildModel } from '../../server/src/engine/model.js';
import { fixAll, lint } from '../../server/src/engine/lint.js';
import { lineOf, report } from '../helpers/report.js';

const DISAGREE = 'treating-disagreement-unaddressed';
const UNDISCUSSED = 'treating-opinion-not-discussed';

const HISTORY = 'On 03/12/2024 she slipped on a wet floor and felt immediate low back pain. She came under the care of Dr. Alan Smith, orthopedic surgery, on 03/20/2024, and he has been her primary treating physician since then.';
const RECORDS = [
  '1. 03/13/2024 — Bayside Urgent Care: urgent care note.',
  '2. 03/20/2024–06/30/2024 — Alan Smith, M.D., orthopedic surgery (treating physician): initial evaluation and progress notes.',
  '3. 04/03/2024 — Coastal Imaging: MRI, lumbar spine.',
].join('\n');

/** A report whose treating physician is Dr. Alan Smith, with `discussion` as its Discussion section. */
function withDiscussion(discussion: string, extra: Record<string, string> = {}): string {
  return report({
    'History of Present Illness': HISTORY,
    'Records Reviewed': RECORDS,
    'Physical Examination': 'Straight-leg raise negative bilaterally. Reflexes 2+ and symmetric. Strength 5/5.',
    Diagnoses: '1. Lumbar strain.',
    Discussion: discussion,
    Causation: 'Within a reasonable degree of medical probability the lumbar strain was caused by the fall of 03/12/2024, because the mechanism and immediate onset fit a strain.',
    ...extra,
  });
}

const found = (text: string, rule: string, options = {}) => lint(text, options).diagnostics.filter((d) => d.ruleId === rule);
const flagged = (text: string, rule = DISAGREE) => found(text, rule).map((d) => text.slice(d.span.start, d.span.end));

describe('treating-disagreement-unaddressed: disagreements that do not engage', () => {
  const cases: [string, string, string][] = [
    ['a bare disagreement', 'I disagree with Dr. Smith.', 'I disagree with Dr. Smith.'],
    ['"do not concur" with a recommendation', 'Dr. Smith has recommended a lumbar fusion. I do not concur with Dr. Smith\'s recommendation for surgery. She should continue her home program.', "I do not concur with Dr. Smith's recommendation for surgery."],
    ['the PTP by role', 'I cannot agree with the PTP\'s request for a lumbar fusion.', "I cannot agree with the PTP's request for a lumbar fusion."],
    ['"contrary to"', 'Contrary to Dr. Smith\'s opinion, she can return to full duty now.', "Contrary to Dr. Smith's opinion, she can return to full duty now."],
    ['"is not supported"', 'Dr. Smith\'s conclusion that she remains totally disabled is not supported.', "Dr. Smith's conclusion that she remains totally disabled is not supported."],
    ['"unlike the treating surgeon"', 'Unlike the treating surgeon, I find that she has reached maximum medical improvement.', 'Unlike the treating surgeon, I find that she has reached maximum medical improvement.'],
    ['"I find no basis for"', 'I find no basis for Dr. Smith\'s restriction against lifting over 10 lb.', "I find no basis for Dr. Smith's restriction against lifting over 10 lb."],
    ['implicit, in the next sentence', 'Dr. Smith opined that she cannot work in any capacity. However, I find that she can return to her usual job.', 'However, I find that she can return to her usual job.'],
    ['implicit, in the same sentence', 'Dr. Smith recommended a lumbar fusion, but I believe surgery is not indicated.', 'Dr. Smith recommended a lumbar fusion, but I believe surgery is not indicated.'],
    ['"respectfully disagree" with a rating', 'I respectfully disagree with Dr. Smith\'s rating of 12% whole person impairment.', "I respectfully disagree with Dr. Smith's rating of 12% whole person impairment."],
    ['the opinion named before the marker', 'With respect to Dr. Smith\'s recommendation for an epidural injection, I do not agree.', "With respect to Dr. Smith's recommendation for an epidural injection, I do not agree."],
    ['"not persuaded"', 'I am not persuaded by Dr. Smith\'s opinion that she remains temporarily totally disabled.', "I am not persuaded by Dr. Smith's opinion that she remains temporarily totally disabled."],
    ['"I do not agree." after the opinion', 'Her orthopedist, Dr. Smith, placed her on temporary total disability. I do not agree.', 'I do not agree.'],
    ['"do not share" a view', 'I do not share Dr. Smith\'s view that the fall caused a disc herniation.', "I do not share Dr. Smith's view that the fall caused a disc herniation."],
    ['a disagreement about further therapy', 'I disagree with Dr. Smith that she needs twelve more visits of physical therapy.', 'I disagree with Dr. Smith that she needs twelve more visits of physical therapy.'],
    ['"nevertheless, in my opinion"', 'Dr. Smith has kept her off work since March. Nevertheless, in my opinion she can perform modified duty.', 'Nevertheless, in my opinion she can perform modified duty.'],
    ['"take issue with"', 'I take issue with Dr. Smith\'s diagnosis of complex regional pain syndrome.', "I take issue with Dr. Smith's diagnosis of complex regional pain syndrome."],
    ['"would not endorse"', 'I would not endorse the surgery proposed by Dr. Smith.', 'I would not endorse the surgery proposed by Dr. Smith.'],
    ['a reason without evidence', 'I disagree with Dr. Smith because I do not think surgery will help her.', 'I disagree with Dr. Smith because I do not think surgery will help her.'],
    ['evidence never tied to the disagreement', 'I disagree with Dr. Smith. The MRI of 04/03/2024 is unremarkable.', 'I disagree with Dr. Smith.'],
    ['a partial agreement', 'I agree with Dr. Smith\'s diagnosis but not with his recommendation for surgery.', "I agree with Dr. Smith's diagnosis but not with his recommendation for surgery."],
  ];
  it.each(cases)('flags %s', (_label, discussion, sentence) => {
    expect(flagged(withDiscussion(discussion))).toEqual([sentence]);
  });

  it('names the physician and what is missing', () => {
    const [none] = found(withDiscussion('I do not concur with Dr. Smith\'s recommendation for surgery.'), DISAGREE);
    expect(none.message).toBe("Disagreement with Dr. Smith does not address the reasoning behind Dr. Smith's opinion on treatment: neither this paragraph nor the next says what Dr. Smith based the opinion on or why you reach a different one, with the record or finding that shows it.");
    expect(none.severity).toBe('warning');
    const [noEvidence] = found(withDiscussion('I disagree with Dr. Smith because I do not think surgery will help her.'), DISAGREE);
    expect(noEvidence.message).toMatch(/: the reason given cites no record, test, examination finding or guideline that supports your view\.$/);
    const [noReason] = found(withDiscussion('I disagree with Dr. Smith. The MRI of 04/03/2024 is unremarkable.'), DISAGREE);
    expect(noReason.message).toMatch(/: the records or findings nearby are not tied to the disagreement; say why they lead you away from Dr\. Smith's opinion/);
  });

  it('flags a disagreement in an answers list', () => {
    const text = withDiscussion('See the answers below.', { 'Answers to Questions': '1. Lumbar strain.\n2. No. I disagree with Dr. Smith\'s request for a lumbar fusion.\n3. Yes, on 09/01/2024.' });
    expect(flagged(text)).toEqual(["No. I disagree with Dr. Smith's request for a lumbar fusion."]);
  });
});

describe('treating-disagreement-unaddressed: disagreements that engage', () => {
  const engaged: [string, string][] = [
    ['reason and evidence in the sentence', 'I disagree with Dr. Smith that surgery is needed because the MRI of 04/03/2024 shows no nerve root compression and the straight-leg raise was negative bilaterally.'],
    ['reasons in the next paragraph', "I do not concur with Dr. Smith's recommendation for a lumbar fusion.\n\nThe MRI of 04/03/2024 shows only mild degeneration, and because she has no neurological deficit, fusion is not indicated."],
    ['reasons before the disagreement', "The EMG of 05/01/2024 was normal and her strength is 5/5 throughout; therefore the findings do not support radiculopathy. I disagree with Dr. Smith's diagnosis of radiculopathy."],
    ['evidence in a list', "I disagree with Dr. Smith's lifting restriction for the following reasons:\n\n- Her range of motion is full.\n- The FCE of 06/02/2024 placed her in the medium category.\n- Her strength is 5/5."],
    ["the physician's basis stated", 'Dr. Smith relied on her reported pain level and the MRI of 04/03/2024. I do not agree with his recommendation.'],
    ['implicit, with evidence', 'Dr. Smith opined that she cannot work. However, I find that she can return to full duty, as shown by the FCE of 06/02/2024.'],
    ['contrary to, with a reason', "Contrary to Dr. Smith's opinion, the disc bulge is not work-related, because the MRI shows only age-related degeneration."],
    ['the AMA Guides', "I cannot agree with the PTP's impairment rating of 12% because the AMA Guides, Fifth Edition, place a strain without objective findings in DRE category I."],
    ['"not supported by" the findings', "Dr. Smith's conclusion is not supported by the examination findings: reflexes are symmetric and strength is 5/5."],
    ['"given" a normal study', 'I respectfully disagree with Dr. Smith. Given the normal nerve conduction study of 02/02/2024, a release is not indicated.'],
    ['unlike, with "since"', 'Unlike the treating surgeon, I find she has reached maximum medical improvement, since her range of motion has been unchanged for six months.'],
    ['the basis and why it falls short', "I disagree with Dr. Smith's recommendation for surgery. His recommendation was based on the MRI of 04/03/2024, which shows a small annular fissure; that fissure is consistent with age-related degeneration."],
    ['"in light of" findings first', 'In light of the negative straight-leg raise and symmetric reflexes, I do not agree with Dr. Smith that a fusion is required.'],
    ['prior X-rays', "I do not share Dr. Smith's view that the fall caused the disc bulge, because the X-rays of 2019 already show the same degeneration."],
    ['implicit, nevertheless', 'Dr. Smith has kept her off work since March. Nevertheless, in my opinion she can perform modified duty: her strength is normal and the FCE of 06/02/2024 found her capable of medium work, which is why I recommend a return to modified duty.'],
    ['reasons in the next paragraph with "therefore"', "I disagree with Dr. Smith's diagnosis of complex regional pain syndrome.\n\nOn examination she has no color change, no swelling and normal skin temperature; therefore she does not meet the Budapest criteria."],
    ['"find no basis" with a study', "I find no basis for Dr. Smith's restriction, because the FCE of 06/02/2024 shows she lifted 50 lb safely."],
    ['"not persuasive" with a reason', "The PTP's opinion that she has not reached MMI is not persuasive because her examination findings have been stable since January 2024."],
    ['a list item with its reasons', 'See the answers below.'],
    ['a whole subsection about the physician', 'See below.'],
  ];
  it.each(engaged.slice(0, 18))('accepts %s', (_label, discussion) => {
    expect(flagged(withDiscussion(discussion))).toEqual([]);
  });

  it('accepts an answer that gives its reasons', () => {
    const text = withDiscussion('See the answers below.', { 'Answers to Questions': "1. Lumbar strain.\n2. No. I disagree with Dr. Smith's request for a repeat MRI because the MRI of 04/03/2024 already answers the question and her examination has not changed." });
    expect(flagged(text)).toEqual([]);
  });

  it('reads the whole subsection whose heading names the treating physician', () => {
    const discussion = [
      'Her course has been steady.',
      "### Comments on Dr. Smith's reports",
      'Dr. Smith requested authorization for a lumbar fusion on 06/30/2024.',
      'I do not agree with Dr. Smith that she needs surgery.',
      'I do agree with his diagnosis of lumbar strain.',
      'I differ on surgery because the MRI of 04/03/2024 shows no nerve root compression and her neurological examination is normal.',
    ].join('\n\n');
    expect(flagged(withDiscussion(discussion))).toEqual([]);
    // The same paragraphs outside such a subsection leave the disagreement unexplained.
    const flat = discussion.replace("### Comments on Dr. Smith's reports\n\n", '');
    expect(flagged(withDiscussion(flat))).toEqual(['I do not agree with Dr. Smith that she needs surgery.']);
  });
});

describe('treating-disagreement-unaddressed: near-misses', () => {
  const quiet: [string, string][] = [
    ['agreement', 'I agree with Dr. Smith that surgery is reasonable.'],
    ['"I do not disagree"', "I do not disagree with Dr. Smith's diagnosis."],
    ['"no reason to dispute"', "I have no reason to dispute Dr. Smith's impairment rating."],
    ['"no reason to disagree"', "I see no reason to disagree with Dr. Smith's restrictions."],
    ['a prior QME', 'Dr. Paul Jones, the prior QME, recommended a fusion. I disagree with Dr. Jones.'],
    ['a retained examiner', 'Dr. Lionel Whitcomb, a physiatrist retained by the applicant, examined her once. I do not agree with Dr. Whitcomb that she will need a fusion.'],
    ['the examinee', 'I disagree with the claimant that her pain is constant.'],
    ['the radiologist', "I disagree with the radiologist's reading of the MRI."],
    ['the treating physician disagreeing with someone else', 'Dr. Smith disagreed with the utilization review denial and stated that he does not agree with it.'],
    ['a quotation', 'In his letter Dr. Smith wrote: "I disagree with the prior examiner and recommend surgery."'],
    ['reporting without judging', 'Dr. Smith recommended surgery. However, the claimant wishes to wait until the summer.'],
    ['a consultant who is not treating', 'Dr. Victor Ames, a pain management consultant, recommended an epidural injection. I disagree with that recommendation.'],
    ['agreement then disagreement with a prior IME', 'I agree with Dr. Smith, and I disagree with Dr. Paul Jones, the prior IME examiner, on causation.'],
    ['a restated question', 'Do you agree with Dr. Smith\'s recommendation for surgery?'],
  ];
  it.each(quiet)('is quiet for %s', (_label, discussion) => {
    expect(flagged(withDiscussion(discussion))).toEqual([]);
  });

  it('is quiet for questions posed by the parties', () => {
    const text = withDiscussion('I agree with Dr. Smith.', { 'Questions Posed': '1. Do you disagree with Dr. Smith\'s recommendation for surgery? If so, why?' });
    expect(flagged(text)).toEqual([]);
  });
});

describe('treating-disagreement-unaddressed: quick fix', () => {
  it('inserts the template after the paragraph, filled with the name and topic, as a snippet too', () => {
    const text = withDiscussion("I do not concur with Dr. Smith's recommendation for surgery. She should continue her home program.\n\nA recheck in three months is reasonable.");
    const [d] = found(text, DISAGREE);
    expect(d.fix?.safe).toBe(false);
    expect(d.fix?.snippet?.newText).toBe("\n\nDr. Smith's opinion on treatment rests on ${1:basis}. I disagree because ${2:reason}, as shown by ${3:record or finding}.");
    const fixed = applyFixes(text, [d.fix!]).text;
    expect(fixed).toContain("She should continue her home program.\n\nDr. Smith's opinion on treatment rests on [[basis]]. I disagree because [[reason]], as shown by [[record or finding]].\n\nA recheck");
    expect(fixAll(text).text).toBe(text);
  });

  it('keeps a list item one paragraph', () => {
    const text = withDiscussion('See below.', { 'Answers to Questions': "1. No. I disagree with Dr. Smith's request for a lumbar fusion.\n2. Yes." });
    const [d] = found(text, DISAGREE);
    const fixed = applyFixes(text, [d.fix!]).text;
    expect(fixed).toContain("lumbar fusion. Dr. Smith's opinion on treatment rests on [[basis]].");
    expect(fixed).toContain('[[record or finding]].\n2. Yes.');
  });

  it('starts the sentence with a capital for a role', () => {
    const [d] = found(withDiscussion("I cannot agree with the PTP's request for a lumbar fusion."), DISAGREE);
    expect(d.message).toMatch(/^Disagreement with Dr\. Smith/); // the only PTP is Dr. Smith
    const text = report({ 'History of Present Illness': 'She has treated with several doctors.', Discussion: "I cannot agree with the PTP's request for a lumbar fusion." });
    const [role] = found(text, DISAGREE);
    expect(role.message).toMatch(/^Disagreement with the PTP does not address the reasoning behind the PTP's opinion/);
    expect(role.fix?.edits[0].newText).toMatch(/^\n\nThe PTP's opinion on treatment rests on \[\[basis\]\]/);
  });
});

describe('who treats', () => {
  const physicians = (text: string, treating?: string[]) => analyseTreating(buildModel(text), treating).physicians.map((p) => p.display);

  it('reads front matter, records entries, history sentences, a Treating Physicians section and the config', () => {
    expect(physicians(report({ Discussion: 'x' }, { frontMatter: 'treating:\n  - Helen Marsh, M.D.' }))).toEqual(['Dr. Marsh']);
    expect(physicians(report({ 'Records Reviewed': '* 5/2/2023 — Chinedu Okafor, M.D., orthopedic surgery, treating physician: progress notes.' }))).toEqual(['Dr. Okafor']);
    expect(physicians(report({ History: 'The employer sent her to Dr. Martin Reyes, who became her primary treating physician.' }))).toEqual(['Dr. Reyes']);
    expect(physicians(report({ History: 'She saw her family doctor, Dr. Anjali Mehta, the next day.' }))).toEqual(['Dr. Mehta']);
    expect(physicians(report({ History: 'On 5/14/2024 Dr. Steven Whitley performed a left knee arthroscopy.' }))).toEqual(['Dr. Whitley']);
    expect(physicians(report({ 'Treating Physicians': '- Dr. Maria Lopez, psychiatry\n- Kevin Chu, MD, orthopedics' }))).toEqual(['Dr. Lopez', 'Dr. Chu']);
    expect(physicians(report({ History: 'She saw Dr. Nguyen twice.' }), ['Dr. Tam Nguyen'])).toEqual(['Dr. Nguyen']);
  });

  it('leaves out examiners, radiologists, reviewers and the author', () => {
    const text = report({
      History: 'Dr. Paul Jones, the prior QME, examined her in 2023. The MRI was read by Dr. Lee. Dr. Lionel Whitcomb, a physiatrist retained by plaintiff\'s counsel, did not treat her. I am not her treating physician.',
      'Records Reviewed': '1. 04/01/2024 — Dana Ruiz, M.D., utilization review: request for surgery not certified.',
    }, { frontMatter: 'examiner: Samuel O. Brandt, M.D.' });
    expect(physicians(text)).toEqual([]);
  });

  it('recognises the same person with or without first name, title or credentials', () => {
    const text = report({ 'Records Reviewed': '1. 03/20/2024 — Alan Smith, M.D. (treating physician): notes.', Discussion: 'I agree with Dr. Smith. Dr. Alan Smith and Alan Smith are the same person.' });
    const analysis = analyseTreating(buildModel(text));
    expect(analysis.physicians).toHaveLength(1);
    expect(analysis.mentions.map((m) => text.slice(m.span.start, m.span.end))).toEqual(['Alan Smith, M.D.', 'treating physician', 'Dr. Smith', 'Dr. Alan Smith', 'Alan Smith'].filter((s) => s !== 'treating physician'));
  });
});

describe('treating-opinion-not-discussed', () => {
  it('flags the opinion recorded in the records list when no opinion section names the physician', () => {
    const text = report({
      'History of Present Illness': 'He began treatment with Dr. Piotr Kowalski, his attending physician, on 03/06/2024. He has seen Dr. Kowalski every month.',
      'Records Reviewed': '1. 03/06/2024 — Piotr Kowalski, D.O., attending physician: initial report. Neck pain; rotation 45°.\n2. 04/29/2024 — Piotr Kowalski, D.O.: progress report. He opined that Mr. Villanueva has a 100% temporary impairment and cannot work.\n3. 06/03/2024 — Piotr Kowalski, D.O.: progress report. Rotation 60°; neurological examination normal.',
      'Work Status': 'He has a mild partial (25%) temporary impairment and can work with restrictions.',
    });
    const diagnostics = found(text, UNDISCUSSED);
    expect(diagnostics.map((d) => text.slice(d.span.start, d.span.end))).toEqual(['He opined that Mr. Villanueva has a 100% temporary impairment and cannot work.']);
    expect(diagnostics[0].severity).toBe('information');
    expect(diagnostics[0].message).toBe("Dr. Kowalski's opinion on impairment is recorded here, but no opinion section (Discussion, Causation, MMI, Work Status, Future Medical Care, Answers) mentions Dr. Kowalski: say whether you agree and why.");
  });

  it('reads an opinion from a records table row', () => {
    const text = report({
      'Records Reviewed': '| Date | Source | Summary |\n|---|---|---|\n| 01/16/2024 | Farid Haddad, M.D. (attending physician) | Medial joint line tenderness. |\n| 02/13/2024 | Farid Haddad, M.D. | Recommends right knee arthroscopy. |',
      'Treatment Recommendations': 'Arthroscopic surgery is not medically necessary at this time.',
    });
    expect(flagged(text, UNDISCUSSED)).toEqual(['Recommends right knee arthroscopy.']);
  });

  it('is quiet once an opinion section names the physician, or the only PTP', () => {
    const base = {
      'History of Present Illness': 'Dr. Maria Lopez, her PTP, recommended an L4-5 fusion on 05/01/2024.',
      'Future Medical Care': 'A fusion is not indicated.',
    };
    expect(flagged(report(base), UNDISCUSSED)).toEqual(['Dr. Maria Lopez, her PTP, recommended an L4-5 fusion on 05/01/2024.']);
    expect(flagged(report({ ...base, 'Future Medical Care': 'I disagree with Dr. Lopez: a fusion is not indicated because the MRI shows no instability.' }), UNDISCUSSED)).toEqual([]);
    expect(flagged(report({ ...base, 'Future Medical Care': 'I agree with the PTP that therapy should continue.' }), UNDISCUSSED)).toEqual([]);
  });

  it('is quiet for visits and findings, and for physicians who do not treat', () => {
    expect(flagged(report({
      'History of Present Illness': 'She came under the care of Dr. Alan Smith on 03/20/2024. Dr. Smith found tenderness and saw her four more times.',
      'Records Reviewed': '1. 04/22/2024 — Paul Jones, M.D., prior QME: report. He opined that she cannot work.',
      Discussion: 'She can work full duty.',
    }), UNDISCUSSED)).toEqual([]);
  });

  it('fires once per physician, on the first opinion, and reads a Treating Physicians section', () => {
    const text = report({
      'Treating Physicians': '- Dr. Maria Lopez, PTP: opined that she is temporarily totally disabled.\n- Dr. Lopez also recommended a fusion on 05/01/2024.',
      Discussion: 'She can work full duty, and a fusion is not indicated.',
    });
    const diagnostics = found(text, UNDISCUSSED);
    expect(diagnostics.map((d) => text.slice(d.span.start, d.span.end))).toEqual(['Dr. Maria Lopez, PTP: opined that she is temporarily totally disabled.']);
    expect(diagnostics[0].related?.map((r) => text.slice(r.span.start, r.span.end))).toEqual(['Dr. Lopez also recommended a fusion on 05/01/2024.']);
  });
});

describe('editor helpers', () => {
  const text = withDiscussion("I agree with Dr. Smith's diagnosis.", { 'Work Status': 'I agree with Dr. Smith that she can return to modified duty.' })
    .replace('he has been her primary treating physician since then.', 'he has been her primary treating physician since then. He recommended a lumbar fusion on 06/30/2024. He was kept on modified duty by Dr. Smith.');

  it('hovers a treating physician with their opinions and where they are discussed', () => {
    const model = buildModel(text);
    const hover = treatingHover(model, text.indexOf('Dr. Smith that she can') + 4);
    expect(hover).toContain('**Dr. Smith**: treating physician');
    expect(hover).toContain(`- line ${lineOf(text, 'He recommended a lumbar fusion')} (treatment): "He recommended a lumbar fusion on 06/30/2024." — not discussed in the opinion sections (Dr. Smith is mentioned at line ${lineOf(text, "I agree with Dr. Smith's")} (Discussion), line ${lineOf(text, 'I agree with Dr. Smith that')} (Work Status))`);
    expect(hover).toContain(`(work status): "He was kept on modified duty by Dr. Smith." — discussed at line ${lineOf(text, 'I agree with Dr. Smith that')} (Work Status)`);
    expect(treatingHover(model, text.indexOf('Straight-leg'))).toBeNull();
  });

  it('offers the treating physicians\' names for completion after "Dr."', () => {
    expect(treatingNames(buildModel(text))).toEqual(['Alan Smith', 'Smith']);
  });
});
