import { describe, expect, it } from 'vitest';
import { fixAll, lint } from '../../server/src/engine/lint.js';
import { COMPLETE_SECTIONS, report } from '../helpers/report.js';

const { Causation: _omitted, ...BASE } = COMPLETE_SECTIONS;
const missing = (text: string) => lint(text).diagnostics.filter((d) => d.ruleId === 'causation-missing');

describe('causation-missing', () => {
  it.each<[string, Record<string, string>]>([
    ['a restated question', { 'Questions Posed': "1. Is the claimant's cervical condition causally related to the accident of 03/04/2024?" }],
    ["the examinee's own account", { 'History of Present Illness': 'She attributes her neck pain to the collision and says it was caused by the seat belt.' }],
    ["a treating physician's opinion in the records", { 'Records Reviewed': '1. 04/29/2024 — Dr. Kowalski: opined that the neck pain was caused by the accident.' }],
    ["a treating physician's opinion reported in the Discussion", { Discussion: 'Dr. Lopez believes the meniscus tear is work-related.' }],
    ['time off work "due to" the injury', { 'Work Status': 'She has been off work due to the industrial injury since 3/4/2024.' }],
    ['"the industrial injury" as a label', { 'Maximum Medical Improvement': 'She reached maximum medical improvement for the industrial injury on 9/10/2024.' }],
    ['a deferral', { Discussion: 'Causation will be addressed once I receive the prior records from Kaiser.' }],
    ['an open question', { Discussion: 'I cannot determine whether the tear is related to the fall without the prior MRI.' }],
    ['a symptom aggravated by activity', { 'Current Complaints': 'Her knee pain is aggravated by kneeling, squatting and climbing stairs at work.' }],
    ['a medical generality', { Discussion: 'Meniscal tears are commonly caused by twisting injuries in younger patients.' }],
    ['treatment "related to" the injury', { 'Future Medical Care': 'Treatment related to the work injury should include six visits of physical therapy.' }],
    ['a conditional', { Discussion: 'If the history is accurate, the tear would be related to the fall.' }],
    ['findings "consistent with" a diagnosis', { Discussion: 'The MRI findings are consistent with an acute tear of the medial meniscus.' }],
    ["the carrier's position", { Discussion: 'The carrier disputes that the injury arose out of employment.' }],
    ['what the claim form says', { Discussion: 'The claim form states that the injury arose out of and in the course of employment.' }],
    ['the question framed in the Discussion', { Discussion: 'The question is whether her depression is industrial.' }],
    ['a request', { Discussion: 'The defense attorney asked me to address whether the knee injury is work-related.' }],
    ['a known risk factor', { Discussion: 'Diabetes is a recognised risk factor for carpal tunnel syndrome.' }],
  ])('fires when the only causal words are %s', (_label, extra) => {
    const text = report({ ...BASE, ...extra });
    const found = missing(text);
    expect(found).toHaveLength(1);
    expect(text.slice(found[0].span.start, found[0].span.end)).toBe('# Independent Medical Examination');
    expect(found[0].message).toMatch(/^The report gives no causation opinion/);
  });

  it.each<[string, Record<string, string>]>([
    ['a conclusion in the Discussion', { Discussion: 'Within reasonable medical probability the lumbar strain was caused by the lifting incident of 03/12/2024.' }],
    ['a "Yes" answering a causation question', { 'Answers to Questions': '2. Is the condition causally related to the accident? Yes.' }],
    ['a labelled diagnosis', { Diagnoses: '1. Lumbar strain, work-related.' }],
    ['a work-related diagnosis', { Diagnoses: '1. Work-related lumbar strain.' }],
    ['agreement with the treating physician', { Discussion: "I agree with Dr. Marsh that the lumbar strain is industrial, as her notes document spasm." }],
    ['disagreement with the treating physician', { Discussion: 'I disagree with Dr. Lopez that the tear was caused by the fall.' }],
    ['a denial', { Summary: 'The knee condition is not work-related.' }],
    ['an aggravation', { Opinions: 'The fall on 3/5/2024 aggravated her pre-existing osteoarthritis of the knee.' }],
    ['a diagnosis "secondary to" the accident', { Assessment: '1. Cervical strain secondary to the motor vehicle accident of 3/4/2024.' }],
    ['AOE/COE in words', { Opinions: 'Her carpal tunnel syndrome arose out of and in the course of her employment.' }],
    ['a labelled AOE/COE answer', { Conclusions: 'AOE/COE: Yes.' }],
    ['an active denial', { Discussion: 'The collision did not cause the C5-6 spondylosis.' }],
    ['a finding against in probability terms', { Discussion: 'It is possible, but not probable, that the fall caused the tear.' }],
    ['a speculative conclusion', { Discussion: 'The tear could have been caused by the fall.' }],
    ['an injury "sustained in" the event', { Discussion: 'Ms. Moreau sustained a cervical strain in the collision.' }],
    ['a "No" answer with its finding', { 'Answers to Questions': '2. No. The shoulder condition is degenerative and not related to the work incident.' }],
    ['a Causation section', { Causation: 'TBD' }],
  ])('is quiet with %s', (_label, extra) => {
    expect(missing(report({ ...BASE, ...extra }))).toEqual([]);
  });

  it('inserts a Causation section with the reasoning skeleton at its place', () => {
    const text = report({ ...BASE, Discussion: 'He has near-full lumbar motion.', 'Work Status': 'Full duty.' });
    const fixed = fixAll(text);
    expect(fixed.applied).toContain('Insert a Causation section with a reasoning skeleton');
    const headings = fixed.text.match(/^## .*/gm);
    expect(headings?.indexOf('## Causation')).toBe(headings!.indexOf('## Discussion') + 1);
    for (const part of ['**Mechanism:**', '**Temporal relationship:**', '**Alternative and pre-existing causes:**', '**Records relied on:**']) expect(fixed.text).toContain(part);
    expect(fixed.result.diagnostics.map((d) => d.ruleId)).not.toContain('causation-missing');
  });
});
