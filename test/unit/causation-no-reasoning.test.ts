import { describe, expect, it } from 'vitest';
import { applyFixes } from '../../server/src/engine/fixes.js';
import { lint } from '../../server/src/engine/lint.js';
import { COMPLETE_SECTIONS, report } from '../helpers/report.js';

const { Causation: _omitted, ...BASE } = COMPLETE_SECTIONS;
const bare = (text: string) => lint(text).diagnostics.filter((d) => d.ruleId === 'causation-no-reasoning');
/** A report whose Causation section is exactly `causation`. */
const withCausation = (causation: string, extra: Record<string, string> = {}) => report({ ...BASE, ...extra, Causation: causation });

describe('causation-no-reasoning', () => {
  it.each([
    "Within a reasonable degree of medical probability, Mr. Monroe's lumbar strain is causally related to the lifting incident at work.",
    'The right shoulder rotator cuff tear is industrial.',
    'Her bilateral carpal tunnel syndrome arose out of and in the course of her employment.',
    'In my opinion the cervical strain was caused by the motor vehicle accident of 06/02/2023.',
    "The claimant's major depressive disorder is work-related.",
    'The right knee condition is not related to the fall at work.',
    'The low back condition is non-industrial.',
    'The accident of 01/09/2024 aggravated his pre-existing degenerative joint disease of the right knee.',
    "More likely than not, the plaintiff's neck pain is the result of the rear-end collision.",
    'The medial meniscus tear is secondary to the work injury of 3/5/2024.',
    "Ms. Reyes's left wrist fracture resulted from the fall at work.",
    'The industrial injury of 4/17/2023 is a substantial contributing factor in the need for surgery.',
    'His bilateral hearing loss is due to occupational noise exposure.',
    'The psychiatric injury was predominantly caused by actual events of employment.',
    'To a reasonable degree of medical certainty, the lumbar disc herniation at L4-5 was caused by the lifting incident of October 2, 2023.',
    'The left shoulder condition is occupationally related.',
  ])('flags the bare conclusion "%s" when it is the whole section', (sentence) => {
    const text = withCausation(sentence);
    const found = bare(text);
    expect(found).toHaveLength(1);
    expect(text.slice(found[0].span.start, found[0].span.end)).toBe(sentence);
    expect(found[0].message).toBe('This causation conclusion gives no reasons: nothing in the Causation section explains how or why (mechanism, timing, other causes, records or findings relied on).');
  });

  it.each([
    'The lumbar strain is causally related to the lifting incident because the mechanism, a lift with a twist, typically strains the paraspinal muscles.',
    'Based on the MRI of 2/2/2024 showing an acute tear with bone bruising, the tear was caused by the fall.',
    'The tear was caused by the fall; the MRI of 3/18/2024 shows a vertical tear without degeneration.',
    'The strain is consistent with the mechanism of injury she described.',
    'The tear is not related to the incident, as the MRI shows chronic degeneration.',
    'Given the immediate onset of pain, the strain was caused by the lift.',
    'In light of the normal EMG/NCS, the left-hand symptoms are non-industrial.',
    'The L4-5 desiccation was not caused by this incident, since desiccation takes years to develop.',
    'The Waddell signs were 0/5 and strength was 5/5 throughout; the lumbar strain is industrial.',
    'I agree with Dr. Marsh that the lumbar strain was caused by the keg lift; her notes document acute spasm the next day.',
    'Her symptoms began within hours of the collision, and the emergency department documented spasm the next morning. The cervical strain was caused by the collision.',
    'The strain is industrial.\n\nThe mechanism, a lift and twist, is typical of a lumbar strain, and he had no prior back complaints.',
    'Within reasonable medical probability, the carpal tunnel syndrome arose out of her employment. I reach this opinion because her job requires forceful, repetitive gripping.',
    'The psychiatric injury is industrial. The MMPI-3 was valid, and the stressors at work preceded the onset of her symptoms.',
    'The rotator cuff tear is degenerative and not related to the lifting, for the following reasons: her age, the tendinosis on MRI and the absence of an acute event.',
    'The knee tear was caused by the pivoting injury, which explains the immediate swelling.',
  ])('accepts "%s"', (causation) => {
    expect(bare(withCausation(causation))).toEqual([]);
  });

  it('accepts a summary whose reasons are in earlier paragraphs of the section', () => {
    const text = withCausation([
      'The mechanism he describes, lifting a keg and turning, is a typical way to strain the lumbar muscles. The onset was immediate.',
      'He had no low back treatment in the seven years before the incident.',
      'In summary, within a reasonable degree of medical probability, the lumbar strain was caused by the lifting incident of 03/12/2024.',
    ].join('\n\n'));
    expect(bare(text)).toEqual([]);
  });

  it('accepts a bare answer when the Causation section gives the reasons', () => {
    const text = report({
      ...COMPLETE_SECTIONS,
      'Answers to Questions': '1. Lumbar strain.\n2. Yes. The lumbar strain is causally related to the incident of 03/12/2024 (see Causation).',
    });
    expect(bare(text)).toEqual([]);
  });

  it('accepts a one-line Causation section when the Discussion explains the same conclusion', () => {
    const text = report({
      ...BASE,
      Discussion: 'The lumbar strain was caused by the keg lift, because the mechanism fits and the urgent care note documents acute spasm.',
      Causation: 'Within a reasonable degree of medical probability, the lumbar strain is causally related to the lifting incident at work.',
    });
    expect(bare(text)).toEqual([]);
  });

  it('flags a bare one-line Causation section when the Discussion gives no causation reasons', () => {
    const sentence = 'Within a reasonable degree of medical probability, the lumbar strain is causally related to the lifting incident at work.';
    const text = report({ ...BASE, Discussion: 'He has near-full lumbar motion and a normal neurological examination.', Causation: sentence });
    expect(bare(text).map((d) => text.slice(d.span.start, d.span.end))).toEqual([sentence]);
  });

  it('offers a reasoning skeleton after the conclusion, without applying it on its own', () => {
    const sentence = 'The right shoulder rotator cuff tear is industrial.';
    const text = withCausation(sentence);
    const [found] = bare(text);
    expect(found.fix?.safe).toBe(false);
    const fixed = applyFixes(text, [found.fix!]).text;
    expect(fixed).toContain(`${sentence}\n\n**Mechanism:** [[how the event could produce the condition]]\n\n**Temporal relationship:** [[onset of symptoms relative to the event]]`);
    expect(fixed).toContain('**Alternative and pre-existing causes:**');
    expect(fixed).toContain('**Records relied on:**');
    expect(fixed).not.toContain('**Conclusion:**');
    expect(found.fix?.snippet?.newText).toContain('${1:how the event could produce the condition}');
  });
});
