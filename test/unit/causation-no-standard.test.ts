import { describe, expect, it } from 'vitest';
import { causationHover } from '../../server/src/analysis/causation.js';
import { buildModel } from '../../server/src/engine/model.js';
import { applyFixes } from '../../server/src/engine/fixes.js';
import { lint } from '../../server/src/engine/lint.js';
import { COMPLETE_SECTIONS, report } from '../helpers/report.js';

const { Causation: _omitted, ...BASE } = COMPLETE_SECTIONS;
const REASONS = 'The mechanism, a lift and twist, fits the injury, and the urgent care note of 03/13/2024 documents acute findings.';
const withConclusion = (sentence: string) => report({ ...BASE, Causation: `${REASONS}\n\n${sentence}` });
const noStandard = (text: string, options = {}) => lint(text, options).diagnostics.filter((d) => d.ruleId === 'causation-no-standard');

describe('causation-no-standard', () => {
  it.each([
    'The lumbar strain was caused by the lifting incident of 03/12/2024.',
    'The right carpal tunnel syndrome arose out of and in the course of her employment.',
    'The meniscus tear is industrial.',
    "Ms. Moreau's cervical strain is causally related to the collision.",
    'The L4-5 disc desiccation is not related to the incident.',
    'The fall on the ice aggravated his pre-existing degenerative joint disease.',
    'Her depression is work-related.',
    'The claimant sustained a lumbar sprain in the lifting incident.',
    'The rotator cuff tear is the result of the overhead lifting at work.',
    'The collision did not cause the C5-6 spondylosis.',
    'In my opinion, the hearing loss is due to occupational noise exposure.',
    'I agree with Dr. Marsh that the strain is industrial.',
    'The repetitive work was a substantial contributing factor in her trigger finger.',
    'The knee condition is non-industrial.',
    'The tear clearly resulted from the fall at work.',
  ])('notes that "%s" states no degree of certainty', (sentence) => {
    const text = withConclusion(sentence);
    const found = noStandard(text);
    expect(found).toHaveLength(1);
    expect(found[0].severity).toBe('information');
    expect(text.slice(found[0].span.start, found[0].span.end)).toBe(sentence);
    expect(found[0].message).toBe('No causation conclusion states the degree of certainty the Generic IME profile expects, such as "within a reasonable degree of medical probability".');
  });

  it.each([
    'Within a reasonable degree of medical probability, the lumbar strain was caused by the lifting incident.',
    'To a reasonable degree of medical certainty, the tear was caused by the fall.',
    'More likely than not, the cervical strain was caused by the collision.',
    'It is more probable than not that the knee tear resulted from the fall at work.',
    'Within reasonable medical probability, her carpal tunnel syndrome arose out of her employment.',
    'The actual events of employment were predominant as to all causes combined, greater than 50%, in causing her depression.',
    'It is medically probable that the tear was caused by the fall.',
    'The tear was, in all medical probability, caused by the fall at work.',
    'It is possible, but not probable, that the fall caused the tear.',
    'In reasonable medical probability, the L4-5 bulge is not related to the incident.',
    'To a reasonable degree of chiropractic certainty, the lumbar sprain resulted from the motor vehicle accident.',
    'The knee tear is industrial. I hold this opinion within a reasonable degree of medical probability.',
    'With reasonable medical probability the shoulder tear is industrial.',
    'The probability is that the fall caused the tear.',
    'The lumbar strain was caused by the lift, to a reasonable degree of medical certainty.',
  ])('accepts "%s"', (sentence) => {
    expect(noStandard(withConclusion(sentence))).toEqual([]);
  });

  it('accepts a statement that all the opinions meet the standard', () => {
    const text = report({ ...BASE, Causation: `${REASONS} The tear was caused by the fall.`, Attestation: 'All opinions in this report are stated to a reasonable degree of medical probability.' });
    expect(noStandard(text)).toEqual([]);
  });

  it('is quiet when there is no conclusion at all', () => {
    expect(noStandard(report(BASE))).toEqual([]);
  });

  it('can be raised to a warning in the config', () => {
    const [found] = noStandard(withConclusion('The meniscus tear is industrial.'), { config: { rules: { 'causation-no-standard': 'warning' } } });
    expect(found.severity).toBe('warning');
  });

  it('offers to add the standard phrase after the conclusion as a placeholder to confirm', () => {
    const text = withConclusion('The lumbar strain was caused by the lifting incident of 03/12/2024.');
    const [found] = noStandard(text);
    expect(found.fix?.safe).toBe(false);
    expect(applyFixes(text, [found.fix!]).text).toContain('The lumbar strain was caused by the lifting incident of 03/12/2024. [[I hold this opinion within a reasonable degree of medical probability.]]\n');
    expect(found.fix?.snippet?.newText).toBe(' ${1:I hold this opinion within a reasonable degree of medical probability.}');
  });

  it('adds the phrase at the end of the line, leaving the text of the line as it was', () => {
    const text = withConclusion('The meniscus tear is industrial. She can work full duty.');
    const fixed = applyFixes(text, [noStandard(text)[0].fix!]).text;
    expect(fixed).toContain('The meniscus tear is industrial. She can work full duty. [[I hold this opinion within a reasonable degree of medical probability.]]');
  });
});

describe('causation hover', () => {
  it('shows what the analyser read for a conclusion', () => {
    const sentence = 'Within a reasonable degree of medical probability, the lumbar strain was caused by the lifting incident of 03/12/2024.';
    const text = withConclusion(sentence);
    const hover = causationHover(buildModel(text), text.indexOf('lumbar strain was'));
    expect(hover).toContain('**Polarity:** asserts a causal link ("caused by")');
    expect(hover).toContain('**Condition:** "the lumbar strain"');
    expect(hover).toContain('**Event or exposure:** "the lifting incident of 03/12/2024"');
    expect(hover).toContain('**Standard of certainty:** "reasonable degree of medical probability"');
    expect(hover).toContain('**Hedges:** none');
    expect(hover).toMatch(/\*\*Reasons found:\*\* reason connector "[^"]+" and evidence reference "[^"]+" in the Causation section/);
  });

  it('shows a denial, its hedges and the missing reasons', () => {
    const text = report({ ...BASE, Causation: 'The knee condition may not be related to the fall at work.' });
    const hover = causationHover(buildModel(text), text.indexOf('knee condition'));
    expect(hover).toContain('**Polarity:** denies a causal link');
    expect(hover).toContain('**Standard of certainty:** not stated in this sentence');
    expect(hover).toContain('**Hedges:** "may" (speculative)');
    expect(hover).toContain('**Reasons found:** none in its paragraph or the Causation section');
  });

  it('has nothing to say outside a conclusion', () => {
    const text = withConclusion('The tear was caused by the fall.');
    expect(causationHover(buildModel(text), text.indexOf('lifted a keg'))).toBeNull();
  });
});
