import { lint, type LintOptions } from '../../server/src/engine/lint.js';
import { JURISDICTION_RULES } from '../../server/src/engine/profiles.js';

/** Findings a profile adds: its jurisdiction rules, missing sections and the causation standard. */
const PROFILE_RULES = new Set<string>([...JURISDICTION_RULES, 'section-missing', 'records-section-missing', 'causation-no-standard']);

export function profileFindings(text: string, options: LintOptions = {}) {
  return lint(text, options).diagnostics.filter((d) => PROFILE_RULES.has(d.ruleId));
}

/** Replaces `from` (which must occur) in `text`. */
export function edit(text: string, from: string, to = ''): string {
  if (!text.includes(from)) throw new Error(`not in the report: ${from}`);
  return text.replace(from, to);
}

/** A California panel QME report that meets every requirement of the california-wc profile. */
export const CALIFORNIA_REPORT = `---
report: QME
profile: california-wc
---

# Panel Qualified Medical Evaluation

## Introduction

I examined Ms. Rivera on 01/14/2025 at 2150 Tulare Street, Suite 310, Fresno, CA 93721. I personally took the history, performed the examination and reviewed the records. No one else performed services in connection with this report other than its clerical preparation. The face-to-face time met the time guidelines for this evaluation.

## History of Injury

Ms. Rivera packs cartons eight hours a day and noticed numbness of the right hand in June 2022.

## Records Reviewed

1. 02/20/2024 — Martin Reyes, M.D.: Doctor's First Report. 5 pp.
2. 03/12/2024 — Central Valley Neurodiagnostics: EMG/NCS. 6 pp.
3. 11/14/2024 — Deposition of the applicant, transcript. 64 pp.

**Record Review Verification.** I reviewed 75 pages of records. I declare under penalty of perjury that this is the total number of pages I reviewed.

## Past Medical History

No prior injury of the hands. Type 2 diabetes from 2019.

## Physical Examination

Tinel sign positive at the right wrist. Two-point discrimination 5 mm.

## Diagnoses

1. Right carpal tunnel syndrome.

## Causation

Within reasonable medical probability, the right carpal tunnel syndrome arose out of and in the course of employment, because the job requires forceful repetitive gripping and the EMG/NCS of 03/12/2024 shows median neuropathy at the wrist.

## Permanent and Stationary

She has been permanent and stationary from 12/17/2024, because her findings have not changed in three months.

## Permanent Impairment

Under the AMA Guides, 5th edition, I assign 3% whole person impairment (Table 16-10).

## Apportionment

85% of the permanent disability is caused by the cumulative trauma and 15% by diabetes, because diabetes is an independent risk factor and only the working hand is affected.

## Work Restrictions

No permanent work restrictions.

## Future Medical Care

- Hand therapy for flare-ups.

## Declaration

I declare under penalty of perjury that the information contained in this report and its attachments, if any, is true and correct to the best of my knowledge and belief, except as to information that I have indicated I received from others, and as to that information, I declare under penalty of perjury that the information accurately describes the information provided to me and, except as noted herein, that I believe it to be true.

I have not violated Labor Code section 139.3, and the contents of this report and bill are true and correct to the best of my knowledge. This statement is made under penalty of perjury.

Executed on 02/03/2025 at Fresno, Fresno County, California.

Meera Iyengar, M.D.
`;

/** A New York IME that meets the new-york-wc profile. */
export const NEW_YORK_REPORT = `---
report: IME
profile: new-york-wc
---

# Independent Medical Examination

## History of Injury

On January 9, 2024 Mr. Delaney slipped on ice stepping down from his truck and twisted his right knee.

## Records Reviewed

| Key | Date | Source | Document |
|---|---|---|---|
| [R1] | 01/09/2024 | St. Brendan's Hospital | Emergency department record |
| [R2] | 02/02/2024 | Astoria Open MRI | MRI, right knee |

## Physical Examination

McMurray test positive medially. Range of motion 0–120°.

## Diagnosis

1. Tear of the medial meniscus of the right knee.

## Causation

Within a reasonable degree of medical probability, the meniscus tear was caused by the fall of January 9, 2024, because the knee twisted while bent and the MRI of 02/02/2024 [R2] shows an acute tear.

## Schedule Loss of Use

Under the New York Guidelines for Determining Impairment (2018), the right leg has a 10% schedule loss of use.

## Certification

I have no treating relationship with the claimant. Every record I reviewed is listed above.
`;

/** A federal Rule 35 report by a retained examiner, with every Rule 26(a)(2)(B) disclosure. */
export const FEDERAL_REPORT = `---
report: IME
profile: federal-rule-35
---

# Independent Medical Examination (Fed. R. Civ. P. 35)

## Identifying Information

I was retained by counsel for the defendant and examined Ms. Moreau on 2024-06-18.

## History of Present Illness

On 2023-06-02 her stopped car was struck from behind; neck pain began that evening.

## Records Reviewed

| Date | Source | Record |
|---|---|---|
| June 3, 2023 | Willamette Valley Medical Center | Emergency department record |

## Physical Examination

Cervical motion full. Strength 5/5 and reflexes 2+ and symmetric.

## Diagnoses

1. Cervical strain, resolved.

## Causation

More likely than not, the cervical strain was caused by the collision, because the symptoms began the same evening and the emergency record of June 3, 2023 documents paraspinal tenderness.

## Qualifications and Compensation

I am board certified in orthopaedic surgery. My curriculum vitae, listing my publications of the past ten years, is Exhibit A. The cases in which I have testified at trial or by deposition in the past four years are listed in Exhibit B. My compensation is $650 per hour for review, examination and report.
`;
