// Synthetic IME reports for the benchmark: the shape of a long medical-legal report (a
// records list of thousands of entries, history, treating opinions, discussion, causation).
// Deterministic: the same size gives the same text.

const PROVIDERS = [
  ['Westside Occupational Health', 'clinic note'], ['Lakeside Imaging', 'MRI of the lumbar spine'],
  ['Body in Motion Physical Therapy', 'physical therapy note'], ['Kaiser Permanente', 'progress note'],
  ['Mercy General Hospital', 'emergency department record'], ['ProWork Rehabilitation', 'functional capacity evaluation'],
  ['Valley Orthopedic Group', 'PR-2 progress report'], ['Coastal Neurology', 'EMG/NCS report'],
  ['Summit Pain Management', 'procedure note'], ['Harbor Surgical Center', 'operative report'],
];
const DOCTORS = ['Chinedu Okafor', 'Alan Smith', 'Maria Lopez', 'Priya Raman', 'Henry Chu', 'Lena Fischer', 'Omar Haddad', 'Grace Kim'];
const FINDINGS = [
  'Lumbar strain; modified duty with no lifting over 20 lb.',
  'Tenderness over the paraspinal muscles; straight-leg raise negative bilaterally.',
  'Range of motion improved; continue home exercise program.',
  'Disc protrusion at L4-5 without nerve root compression.',
  'Reflexes 2+ and symmetric; strength 5/5 in both lower extremities.',
  'Patient reports pain 6/10, worse with sitting; plan to continue therapy.',
  'Recommends epidural steroid injection at L4-5.',
  'Temporarily totally disabled until the next visit.',
];
const HISTORY = [
  'He describes the onset of low back pain while lifting a case of bottled water from a pallet.',
  'She reported the injury to her supervisor the same day and was sent to the occupational clinic.',
  'Physical therapy helped for several weeks, but the pain returned when he resumed full duty.',
  'The examinee denies any prior injury to the low back and any earlier chiropractic care.',
  'She continues to work modified duty and takes ibuprofen 600 mg twice a day.',
  'An MRI was obtained after six weeks because the leg pain persisted.',
];
const DISCUSSION = [
  'The mechanism of injury, a lift with a twist, is typical of a lumbar strain.',
  'The examination today shows no objective neurological deficit, and the straight-leg raise is negative.',
  'The MRI findings are degenerative and are common in asymptomatic adults of his age.',
  'Her subjective complaints exceed the objective findings, but I find no evidence of symptom magnification.',
  'I agree with the physical therapy plan and the home exercise program.',
];

/** A small deterministic PRNG (mulberry32), so every run measures the same text. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function dateOf(dayIndex) {
  const d = new Date(Date.UTC(2021, 0, 4) + dayIndex * 86_400_000);
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}`;
}

/** A report of about `bytes` characters; three fifths of it the records list, as in real files. */
export function generateReport(bytes, seed = 7) {
  const next = random(seed);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const paragraph = (list, n) => Array.from({ length: n }, () => pick(list)).join(' ');
  const treating = DOCTORS.slice(0, 4);
  const head = [
    '---', 'report: IME', 'examinee: Daniel Reyes', 'date-of-injury: 2021-01-04', `treating: [${treating.map((d) => `Dr. ${d}`).join(', ')}]`, '---', '',
    '# Independent Medical Examination', '',
    '**Examinee:** Daniel Reyes  ', '**Date of injury:** 1/4/2021  ', '**Date of examination:** 3/18/2024', '',
    '## Introduction', '',
    'Midstate Mutual Insurance asked me to examine Mr. Reyes and answer questions about his low back. I told him that I would not be treating him and that this report would go to the insurer.', '',
  ];
  const records = ['## Records Reviewed', ''];
  const history = ['## History of Present Illness', ''];
  const opinions = ['## Treating Physician Opinions', ''];
  const discussion = ['## Discussion', ''];
  let size = head.join('\n').length;
  let entry = 0;
  while (size < bytes) {
    const [provider, kind] = pick(PROVIDERS);
    const doctor = pick(DOCTORS);
    const line = `${entry + 1}. ${dateOf(entry)} — ${provider}, Dr. ${doctor}: ${kind}. ${pick(FINDINGS)} (${1 + Math.floor(next() * 12)} pages)`;
    records.push(line);
    size += line.length + 1;
    if (entry % 12 === 11) {
      const text = `On ${dateOf(entry)} he was seen at ${provider}. ${paragraph(HISTORY, 3)}`;
      history.push(text, '');
      size += text.length + 2;
    }
    if (entry % 40 === 39) {
      const who = treating[(entry / 40) % treating.length | 0];
      const text = `### Dr. ${who}\n\nDr. ${who} opined on ${dateOf(entry)} that he cannot return to his usual work. I disagree with Dr. ${who} because the examination shows full strength and the MRI of ${dateOf(entry - 30)} shows no nerve root compression.`;
      opinions.push(text, '');
      size += text.length + 2;
    }
    if (entry % 25 === 24) {
      const text = paragraph(DISCUSSION, 4);
      discussion.push(text, '');
      size += text.length + 2;
    }
    entry++;
  }
  const tail = [
    '', '## Physical Examination', '', 'Height 5 ft 10 in, weight 190 lb. Lumbar flexion 60°, extension 15°. Straight-leg raise negative bilaterally. Reflexes 2+ and symmetric.', '',
    '## Diagnoses', '', '1. Lumbar strain.', '2. Degenerative disc disease at L4-5, pre-existing.', '',
    '## Causation', '',
    'The mechanism of injury and the clinic note of 1/5/2021, which documents acute spasm, are consistent with a strain. Within a reasonable degree of medical probability, the lumbar strain was caused by the lifting incident of 1/4/2021.', '',
    '## Work Status', '', 'He can return to full duty.', '',
  ];
  return [...head, ...history, '', ...records, '', ...opinions, ...discussion, ...tail].join('\n');
}

/** The same report with its records list written as a table (# | Date | Provider | Document), as many examiners write it. */
export function withRecordsTable(report) {
  const rows = report.replace(/^(\d+)\. (\S+) — ([^:\n]+): ([^\n]*)$/gm, (_, n, date, provider, rest) => `| ${n} | ${date} | ${provider} | ${rest.replaceAll('|', '/')} |`);
  return rows.replace('## Records Reviewed\n\n', '## Records Reviewed\n\n| # | Date | Provider | Document |\n|---|---|---|---|\n');
}
