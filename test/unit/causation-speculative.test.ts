import { describe, expect, it } from 'vitest';
import { lint } from '../../server/src/engine/lint.js';
import { COMPLETE_SECTIONS, lineOf, report } from '../helpers/report.js';

const { Causation: _omitted, ...BASE } = COMPLETE_SECTIONS;
const REASONS = 'The mechanism, a lift and twist, fits the injury, and the urgent care note of 03/13/2024 documents acute findings.';

/** A complete report whose Causation section holds the reasons and then `sentence`. */
const withConclusion = (sentence: string) => report({ ...BASE, Causation: `${REASONS}\n\n${sentence}` });
const speculative = (text: string) => lint(text).diagnostics.filter((d) => d.ruleId === 'causation-speculative');

describe('causation-speculative', () => {
  it.each([
    ['The partial-thickness supraspinatus tear could have been caused by the lifting incident of 4/17/2023.', 'could have'],
    ['Based on the history and the MRI findings, the right knee medial meniscus tear may be causally related to the work accident of January 9, 2024.', 'may'],
    ['It is possible that the fall at work caused the lateral meniscus tear.', 'possible'],
    ['The L5-S1 disc herniation is possibly related to the lifting incident.', 'possibly'],
    ['A work-related aggravation of the pre-existing arthritis cannot be ruled out.', 'cannot be ruled out'],
    ['I cannot rule out that the motor vehicle accident contributed to her cervical symptoms.', 'cannot rule out'],
    ['The cumulative trauma at work might have contributed to the development of her carpal tunnel syndrome.', 'might have'],
    ['Her depressive disorder could be related to the stressors at work.', 'could'],
    ['Conceivably, the fall on the ice aggravated his pre-existing degenerative joint disease.', 'Conceivably'],
    ['The shoulder impingement may have been aggravated by the overhead work she performed for the employer.', 'may have'],
    ['There is a possibility that the herniation at L5-S1 resulted from the lifting incident.', 'possibility'],
    ['Potentially, the repetitive gripping required by her job is a contributing factor in her trigger finger.', 'Potentially'],
    ["The claimant's low back pain could well be due to the industrial injury of March 3, 2023.", 'could well'],
    ['Perhaps the neck strain is related to the rear-end collision.', 'Perhaps'],
    ['In my opinion the work exposure to solvents may have caused her hand dermatitis.', 'may have'],
    ['Within a reasonable degree of medical probability, the tear might be related to the twisting injury at work.', 'might'],
    ['The hearing loss may not be related to the occupational noise exposure.', 'may'],
    ['An industrial contribution cannot be excluded, and the tear was possibly caused by the transfer of the patient.', 'possibly'],
  ])('flags the hedge in "%s"', (sentence, hedge) => {
    const text = withConclusion(sentence);
    const found = speculative(text);
    expect(found).toHaveLength(1);
    expect(text.slice(found[0].span.start, found[0].span.end)).toBe(hedge);
    expect(found[0].message).toContain(`"${hedge}" makes this causation conclusion speculative`);
    expect(found[0].severity).toBe('warning');
  });

  it.each([
    'More likely than not, the cervical strain was caused by the collision of 2023-06-02, and she may still notice brief stiffness after a long day at work.',
    'It is not possible that the collision caused the C5-6 disc osteophyte complex.',
    'It is possible, but not probable, that the fall caused the meniscal tear.',
    'It is possible but unlikely that the lifting incident caused the disc herniation.',
    'There is no possibility that the lifting incident caused the spondylolisthesis, which is developmental.',
    'The type II acromion is not related to the incident, because acromial shape is established by early adulthood.',
    'Within a reasonable degree of medical probability, the tear was caused by the fall; she may need surgery in the future.',
    'The carpal tunnel syndrome arose out of and in the course of her employment, which may explain why the symptoms began on the packing line.',
    'Although it is possible that the fall contributed, it is more likely than not that the tear is degenerative.',
    'The tear could not have been caused by the lifting incident, because it was present on the MRI six months earlier.',
    'The fall could only have produced the fracture seen on the X-rays of 2/2/2024.',
    'The lumbar strain is causally related to the lifting incident of May 3, 2024.',
    'Whether the fall may have contributed to the tear is a question I cannot answer without the prior records.',
    'Dr. Lopez wrote that the tear may have been caused by the fall.',
    'If the MRI shows an acute tear, the tear could be related to the fall.',
    'Meniscal tears may be caused by twisting injuries or by degeneration.',
    'The examinee is concerned that her symptoms may have been caused by the fall.',
    'The lumbar strain was caused by the lifting incident, and it may take several more months to resolve.',
    "Within reasonable medical probability, the depression was predominantly caused by actual events of employment, while her mother's illness may account for the rest.",
    'I cannot possibly attribute the tear to anything other than the fall, given the MRI of 3/18/2024.',
    'Although she may still have pain on kneeling, the meniscus tear was caused by the fall at work.',
    'The cervical strain was caused by the collision and she may still notice stiffness on long drives.',
    "Dr. Smith's opinion that the tear may be related to the fall is not supported by the MRI.",
  ])('does not flag "%s"', (sentence) => {
    expect(speculative(withConclusion(sentence))).toEqual([]);
  });

  it('flags a hedged "Yes" answering a causation question', () => {
    const text = report({ ...COMPLETE_SECTIONS, 'Answers to Questions': '2. Is the knee condition causally related to the fall at work? Yes, possibly.' });
    const found = speculative(text);
    expect(found.map((d) => text.slice(d.span.start, d.span.end))).toEqual(['possibly']);
  });

  it('ignores hedges in the history, the records and the questions posed', () => {
    const text = report({
      'Questions Posed': '1. Could the knee condition have been caused by the fall?',
      'History of Present Illness': 'She believes her knee pain may have been caused by the fall at work on 2/2/2024.',
      ...BASE,
      'Records Reviewed': '1. 02/05/2024 — Dr. Lopez: the tear may be related to the fall.',
      Causation: COMPLETE_SECTIONS.Causation,
    });
    expect(speculative(text)).toEqual([]);
  });

  it('puts the diagnostic on the line of the speculative words', () => {
    const sentence = 'Given the sudden onset, the tear\ncould have been caused by the lifting incident.';
    const text = withConclusion(sentence);
    const [found] = speculative(text);
    expect(text.slice(0, found.span.start).split('\n').length).toBe(lineOf(text, 'could have'));
  });
});
