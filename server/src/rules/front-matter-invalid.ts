import type { Rule } from './types.js';

export const frontMatterInvalid: Rule = {
  meta: {
    id: 'front-matter-invalid',
    severity: 'warning',
    description: 'The YAML front matter cannot be read, so its keys (profile, dates, treating physicians) are ignored.',
    rationale: 'ime-lint reads the profile, the dates of injury, examination and report, and the treating physicians from the front matter. When the YAML is broken none of them is used, and checks that depend on them run on defaults.',
    source: 'INTERFACES.md front matter keys; YAML 1.2.',
    fixable: false,
  },
  check({ model }) {
    const fm = model.frontMatter;
    if (!fm?.error) return [];
    const firstLine = { start: fm.span.start, end: model.lines.lineEnd(model.lines.positionAt(fm.span.start).line) };
    return [{ ruleId: 'front-matter-invalid', span: firstLine, message: `The front matter is not valid YAML (${fm.error}); its keys are ignored until it is fixed.` }];
  },
};
