import { analyseCausation } from '../analysis/causation.js';
import { hasKind } from '../engine/model.js';
import { insertSectionEdit, titleSpan } from './skeletons.js';
import { NOT_LEGAL_ADVICE, type Rule } from './types.js';

export const causationMissing: Rule = {
  meta: {
    id: 'causation-missing',
    severity: 'warning',
    description: 'The report states no causation analysis: no Causation section and no causation conclusion anywhere.',
    rationale: `Causation is the question an IME exists to answer. A report without a causation opinion, or with one that does not explain how and why, is not substantial evidence. ${NOT_LEGAL_ADVICE}`,
    source: 'Escobedo v. Marshalls (2005) 70 CCC 604; Granado v. WCAB (1968) 69 Cal.2d 399; FRCP 26(a)(2)(B)(i).',
    fixable: true,
  },
  check({ model, profile }) {
    // A conclusion anywhere counts (Discussion, Answers to Questions, a diagnosis "work-related lumbar strain").
    if (hasKind(model, 'causation') || analyseCausation(model).conclusions.length) return [];
    return [{
      ruleId: 'causation-missing',
      span: titleSpan(model),
      message: 'The report gives no causation opinion: add a Causation section that states whether the condition was caused by the event, and how and why.',
      fix: { title: 'Insert a Causation section with a reasoning skeleton', edits: [insertSectionEdit(model, profile, 'causation')], safe: true },
    }];
  },
};
