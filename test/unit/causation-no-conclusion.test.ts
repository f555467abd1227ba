import { describe, expect, it } from 'vitest';
import { lint } from '../../server/src/engine/lint.js';
import { COMPLETE_SECTIONS, report } from '../helpers/report.js';

const { Causation: _omitted, ...BASE } = COMPLETE_SECTIONS;
const noConclusion = (text: string) => lint(text).diagnostics.filter((d) => d.ruleId === 'causation-no-conclusion');

describe('causation-no-conclusion', () => {
  it.each([
    'Mr. Delaney stepped down from his truck onto ice, and his right foot slipped and twisted while the knee was bent. He had immediate medial knee pain.',
    "Is the claimant's cervical condition causally related to the accident of 03/04/2024?",
    'The parties ask whether the injury arose out of and in the course of employment.',
    'The parties ask two questions. Did Ms. Kessler sustain a psychiatric injury arising out of and in the course of her employment? If so, were the actual events of employment predominant as to all causes combined?',
    'TBD. I will complete this section after I receive the personnel file.',
    'Causation is deferred pending receipt of the prior records from Kaiser.',
    'I cannot determine whether the tear is related to the fall until I review the 2019 MRI.',
    'Dr. Lopez opined that the tear was caused by the fall.',
    'She attributes her symptoms to the repetitive lifting at work.',
    'Complex tears of this kind are commonly caused by twisting injuries and are also seen as degenerative tears.',
    'The mechanism of injury was a slip on ice with a twisting force to the right knee.',
    'Causation will be addressed in a supplemental report once the job description arrives.',
    'Whether the shoulder condition is industrial depends on the job description, which I have not received.',
    'If the prior records confirm no earlier knee complaints, the tear would be work-related.',
    "The defense attorney's letter asks me to address apportionment and causation.",
    'Her pain is aggravated by lifting, bending and prolonged sitting.',
    'The employer contends that the injury did not arise out of employment.',
  ])('fires on a Causation section holding only "%s"', (body) => {
    const text = report({ ...BASE, Causation: body });
    const found = noConclusion(text);
    expect(found).toHaveLength(1);
    expect(text.slice(found[0].span.start, found[0].span.end)).toBe('## Causation');
    expect(found[0].message).toMatch(/^The Causation section (?:restates the question without answering it|is marked as unfinished|recites facts without a finding): state whether the condition was, or was not, caused by the event, and why\.$/);
    expect(lint(text).diagnostics.map((d) => d.ruleId)).not.toContain('causation-missing');
  });

  it('says what the section holds instead of a conclusion', () => {
    const message = (body: string) => noConclusion(report({ ...BASE, Causation: body }))[0].message;
    expect(message('Is the knee condition causally related to the fall?')).toContain('restates the question without answering it');
    expect(message('TBD pending the prior records.')).toContain('is marked as unfinished');
    expect(message('She slipped on ice and twisted the knee.')).toContain('recites facts without a finding');
  });

  it.each([
    'Within a reasonable degree of medical probability, the lumbar strain is causally related to the lifting incident at work.',
    'The right knee condition is not related to the fall, because the MRI shows only chronic degeneration.',
    'The tear could have been caused by the fall.',
    'AOE/COE: Yes.',
    'Is the condition causally related to the accident? Yes, because the mechanism and the timing fit.',
    'Within reasonable medical probability, the depression arose out of her employment; the actual events of employment were predominant as to all causes combined.',
    'I agree with Dr. Farah that the depression is industrial, for the reasons she gives.',
    'The collision did not cause the C5-6 spondylosis: the same osteophytes appear on the X-rays of 2019.',
    'It is possible, but not probable, that the fall caused the tear.',
    'The fall at home in 2019, not the work incident, caused the rotator cuff tear.',
    'The lifting incident of 03/12/2024 aggravated his pre-existing lumbar spondylosis.',
    'Her carpal tunnel syndrome is work-related.',
    'The cumulative trauma at work was a substantial contributing factor in her right carpal tunnel syndrome.',
    'Ms. Moreau sustained a cervical strain in the collision.',
    'The lumbar strain resulted from the keg lift.',
    'The fall did not cause, aggravate or accelerate the arthritis of the knee.',
    'The mechanism of injury is consistent with the diagnosed lumbar strain.',
  ])('is quiet when the section concludes: "%s"', (body) => {
    expect(noConclusion(report({ ...BASE, Causation: body }))).toEqual([]);
  });

  it('is quiet for a conclusion in a subsection of the Causation section', () => {
    const text = report({ ...BASE, Causation: 'For each body part:\n\n### Right knee\n\nThe meniscus tear was caused by the fall, because the MRI shows an acute tear.' });
    expect(noConclusion(text)).toEqual([]);
  });

  it('is quiet for a Causation section that points to the conclusion given elsewhere', () => {
    const text = report({
      ...BASE,
      Discussion: 'The lumbar strain was caused by the keg lift, because the mechanism fits and the urgent care note documents spasm.',
      Causation: 'See Discussion above.',
    });
    expect(noConclusion(text)).toEqual([]);
  });

  it('leaves an empty or placeholder-only section to the structure rules', () => {
    expect(noConclusion(report({ ...BASE, Causation: 'TBD' }))).toEqual([]);
    expect(noConclusion(report({ ...BASE, Causation: '[[conclusion]]' }))).toEqual([]);
  });
});
