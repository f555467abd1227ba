import { PROFILES, declarationSnippet, type Profile } from '../engine/profiles.js';
import { SECTION_KINDS, SECTION_TITLES, type SectionKind } from '../engine/sections.js';
import { SECTION_SNIPPETS } from '../engine/templates.js';

export interface VsCodeSnippet {
  prefix: string;
  body: string[];
  description: string;
}

/** Shifts every tab stop of `snippet` by `offset`, so sections can be joined into one skeleton. */
function renumber(snippet: string, offset: number): string {
  return snippet.replace(/\$\{(\d+)([:|])/g, (_m, n: string, sep: string) => `\${${Number(n) + offset}${sep}`);
}

function highestTabStop(snippet: string): number {
  return Math.max(0, ...[...snippet.matchAll(/\$\{(\d+)[:|]/g)].map((m) => Number(m[1])));
}

/** The kinds a new report of this profile starts with: required and recommended ones, in the profile's order. */
export function skeletonKinds(profile: Profile): SectionKind[] {
  const wanted = new Set<SectionKind>([
    ...(Object.keys(profile.required) as SectionKind[]), ...(Object.keys(profile.recommended) as SectionKind[]),
    'identification', 'discussion', 'attestation',
  ]);
  return profile.order.filter((k) => wanted.has(k));
}

/** A whole report for the profile in snippet syntax: front matter, title, every section's template. */
export function reportSkeleton(profile: Profile, reportTitle = 'Independent Medical Examination'): string {
  let offset = 0;
  const sections = skeletonKinds(profile).map((kind) => {
    const body = renumber(kind === 'attestation' ? declarationSnippet(profile) : SECTION_SNIPPETS[kind], offset);
    offset = Math.max(offset, highestTabStop(body));
    return `## ${SECTION_TITLES[kind]}\n\n${body}`;
  });
  return `---\nreport: IME\nprofile: ${profile.id}\n---\n\n# ${reportTitle}\n\n${sections.join('\n\n')}\n`;
}

/** Every snippet ime-lint contributes for Markdown: one skeleton per profile, one per section kind. */
export function buildSnippets(): Record<string, VsCodeSnippet> {
  const snippets: Record<string, VsCodeSnippet> = {};
  for (const profile of Object.values(PROFILES)) {
    snippets[`IME report skeleton (${profile.name})`] = {
      prefix: `ime-report-${profile.id}`,
      body: reportSkeleton(profile).split('\n'),
      description: `A complete ${profile.name} report with every required section, in order.`,
    };
  }
  for (const kind of SECTION_KINDS) {
    snippets[`IME section: ${SECTION_TITLES[kind]}`] = {
      prefix: `ime-${kind}`,
      body: `## ${SECTION_TITLES[kind]}\n\n${SECTION_SNIPPETS[kind]}\n`.split('\n'),
      description: `${SECTION_TITLES[kind]} section of an IME report.`,
    };
  }
  snippets['IME records entry'] = {
    prefix: 'ime-record',
    body: [SECTION_SNIPPETS.records.replace(/^1\. /, '${5:1}. ')],
    description: 'One entry of the Records Reviewed list: date, provider, document type and page count.',
  };
  snippets['IME treating-physician discussion'] = {
    prefix: 'ime-treating-discussion',
    body: [SECTION_SNIPPETS.treating],
    description: "Engage a treating physician's opinion: its basis, your view, and the evidence for it.",
  };
  return snippets;
}
