import type { List, ListItem, Nodes, Table, TableRow } from 'mdast';
import type { TextLike } from '../engine/edited-text.js';
import { listOfObjects, sameItems, shifted, shiftSpan, TextMemo } from '../engine/memo.js';
import { type Block, type ReportModel, type Section, type Sentence, blocksWithin, inKind, spanOf } from '../engine/model.js';
import { allMatches, firstStartingAt, moveSpan, type Span, SpanSet, spansOverlap } from '../engine/text.js';
import { type FoundDate, datesOverlap, dayNumber, findDates } from './dates.js';
import { type PersonName, findNames, sameName } from './names.js';
import { analyseRecordPages, pagesOfItem } from './record-pages.js';
import { holdsList, itemBlocks, type RecordsSection, recordsSections } from './records-sections.js';

/**
 * The Records Reviewed list and the body's references to records (RULES.md `record-unlisted`):
 * entries parsed from numbered and bulleted lists, GFM tables, paragraphs per record and
 * `[^r12]` footnotes; references found as document nouns tied to a date, a provider or a
 * facility, and as citation keys; each reference matched to the entries that list it.
 */

/** What kind of document a noun names; references and entries agree when their families do. */
export type RecordFamily =
  | 'mri' | 'ct' | 'x-ray' | 'ultrasound' | 'bone-scan' | 'emg' | 'labs' | 'fce' | 'deposition' | 'ime'
  | 'claim' | 'injury-report' | 'job-description' | 'surveillance' | 'letter' | 'utilization-review'
  | 'authorization-request' | 'clinical' | 'generic';

export interface DocumentNoun {
  span: Span;
  family: RecordFamily;
}

/** Who wrote or produced a record: a person ("Dr. Chu") or a facility ("Kaiser Permanente"). */
export interface Provider {
  span: Span;
  text: string;
  name?: PersonName;
}

export type ContainerKind = 'table' | 'numbered' | 'bulleted' | 'paragraph' | 'footnote';

/** A list, table or run of paragraphs that holds records entries. */
export interface RecordsContainer {
  kind: ContainerKind;
  entries: RecordEntry[];
  node: List | Table | null;
  /** Table columns by role, from the header row. */
  columns?: Partial<Record<ColumnRole, number>>;
  /**
   * The last lint's container of the same list when an edit changed some of its entries but not
   * how many there are: the quick fixes carry over what they derived from it where the changed
   * entries give the same (only the last one: it holds no predecessor of its own).
   */
  replaces?: RecordsContainer;
}

export type ColumnRole = 'key' | 'date' | 'provider' | 'type' | 'pages' | 'summary';

export interface RecordEntry {
  /** The item's first paragraph, the table row, the paragraph or footnote. */
  span: Span;
  /** The whole list item (for insertions next to it); equals `span` elsewhere. */
  itemSpan: Span;
  blocks: Block[];
  /** What identifies the record (date, author, document type), without the summary. */
  head: string;
  dates: FoundDate[];
  providers: Provider[];
  families: Set<RecordFamily>;
  /** Citation keys the entry carries, normalised ("r12", or "12" for a numbered item). */
  keys: string[];
  /** The span of the item's number (list marker digits or number cell), for renumbering. */
  numberSpan?: Span;
  number?: number;
  pages: number | null;
  container: RecordsContainer;
}

export interface RecordReference {
  /** The document noun with the date(s) and provider(s) tied to it. */
  span: Span;
  noun: DocumentNoun;
  /** The document as the body names it ("MRI of the right shoulder"). */
  phrase: string;
  dates: FoundDate[];
  providers: Provider[];
  sentence: Sentence;
}

export interface CitationReference {
  span: Span;
  /** Each cited key as written ("R12"), normalised ("r12") and by number. */
  keys: { label: string; prefix: string; number: number }[];
}

/** A record the body refers to that no entry lists: the first mention, and the later ones. */
export interface UnlistedRecord {
  reference: RecordReference;
  /** For a reference to several dates, the ones no entry covers. */
  dates: FoundDate[];
  later: RecordReference[];
}

export interface RecordsAnalysis {
  /** The outermost Records Reviewed sections. */
  sections: Section[];
  entries: RecordEntry[];
  containers: RecordsContainer[];
  references: RecordReference[];
  citations: CitationReference[];
  /** Entries each reference or citation resolves to. */
  matches: Map<RecordReference | CitationReference, RecordEntry[]>;
  unlisted: UnlistedRecord[];
  /** Keys that no entry carries. */
  unknownKeys: { span: Span; label: string }[];
}

// ---------------------------------------------------------------------------------------
// Vocabulary

interface NounPattern {
  family: RecordFamily;
  re: RegExp;
  /** Also an everyday word or a verb ("notes", "report"): counts only after a determiner, possessive or modifier. */
  ambiguous?: boolean;
}

const S = String.raw;
const NOUN_PATTERNS: NounPattern[] = [
  { family: 'ime', re: new RegExp(S`\b(?:(?:[Pp]rior|[Pp]revious|[Ee]arlier|[Ss]upplemental|[Dd]efense|[Pp]laintiff['’]?s?|[Aa]pplicant['’]?s?|[Pp]anel)\s+)?(?:IME|QME|AME|PQME)s?(?:\s+(?:[Rr]eports?|[Ee]valuations?|[Ee]xaminations?))|\b(?:[Pp]rior|[Pp]revious|[Ee]arlier|[Ss]upplemental)\s+(?:IME|QME|AME)s?\b|\b(?:[Ii]ndependent|[Qq]ualified|[Aa]greed)\s+[Mm]edical\s+(?:[Ee]xamination|[Ee]valuation)s?(?:\s+[Rr]eports?)?`, 'g') },
  { family: 'fce', re: new RegExp(S`\b[Ff]unctional\s+[Cc]apacity\s+(?:[Ee]valuation|[Aa]ssessment|[Ee]xam(?:ination)?)s?\b|\bFCEs?\b`, 'g') },
  { family: 'deposition', re: /\bdepositions?(?:\s+(?:testimony|transcripts?))?\b/gi },
  { family: 'emg', re: new RegExp(S`\b(?:EMG(?:\s*/\s*NC[SV])?|NC[SV](?:\s*/\s*EMG)?)s?\b|\b(?:nerve\s+conduction|electrodiagnostic)\s+(?:stud(?:y|ies)|velocit(?:y|ies)|tests?|testing)\b|\belectromyograms?\b`, 'g') },
  { family: 'mri', re: /\bMRIs?(?:\s+scans?)?\b|\bMR\s+arthrograms?\b|\bmagnetic\s+resonance\s+imaging\b/g },
  // "CT 06/01/2022 – 02/15/2024" is a cumulative trauma, not a scan.
  { family: 'ct', re: /\bCT\s+(?:scans?|myelograms?|angiograms?)\b|\bCT(?=\s+of\b)|\bCAT\s+scans?\b|\bcomputed\s+tomography(?:\s+scans?)?\b/g },
  { family: 'x-ray', re: /\bx-?\s?rays?\b|\bradiographs?\b|\bplain\s+films?\b/gi },
  { family: 'ultrasound', re: /\bultrasounds?\b|\bsonograms?\b/gi },
  { family: 'bone-scan', re: /\bbone\s+scans?\b/gi },
  { family: 'labs', re: /\blab(?:oratory)?\s+(?:results|reports?|tests?|studies|work)\b|\bblood\s+(?:tests?|work)\b|\blabs\b/gi },
  { family: 'clinical', re: new RegExp(S`\b[Dd]octor['’]?s\s+[Ff]irst\s+[Rr]eports?(?:\s+of\s+[Oo]ccupational\s+[Ii]njury(?:\s+or\s+[Ii]llness)?)?|\bDFR\b|\bPR-?[1-4]s?\b|\bC-4(?:\.\d)?(?=[\s,.;:)]|$)`, 'g') },
  { family: 'claim', re: new RegExp(S`\b[Cc]laim\s+[Ff]orms?\b|\bDWC-?1\b|\bC-3(?=[\s,.;:)]|$)|\b[Ee]mployee['’]?s\s+[Cc]laim(?:\s+[Ff]orm)?\b|\b[Cc]laim\s+for\s+(?:[Ww]orkers['’]?\s+)?[Cc]ompensation(?:\s+[Bb]enefits)?\b`, 'g') },
  { family: 'injury-report', re: new RegExp(S`\b(?:[Ee]mployer['’]?s\s+)?(?:[Ff]irst\s+)?[Rr]eports?\s+of\s+(?:[Oo]ccupational\s+)?[Ii]njury\b|\bC-2F?(?=[\s,.;:)]|$)|\b(?:[Ii]ncident|[Aa]ccident)\s+[Rr]eports?\b`, 'g') },
  { family: 'job-description', re: /\bjob\s+(?:descriptions?|analys[ie]s)\b/gi },
  { family: 'surveillance', re: /\bsurveillance(?:\s+(?:videos?|footage|reports?|recordings?))?\b|\bsub\s+rosa(?:\s+(?:videos?|footage|reports?))?\b/gi },
  { family: 'utilization-review', re: /\butilization\s+review\s+(?:determinations?|decisions?|denials?|reports?|letters?)\b|\bUR\s+(?:determinations?|denials?|decisions?)\b/g },
  { family: 'authorization-request', re: /\b[Rr]equests?\s+for\s+[Aa]uthori[sz]ation\b|\bRFAs?\b/g },
  { family: 'clinical', re: new RegExp(S`\b(?:(?:operative|op|surgical|procedure|discharge|progress|office|clinic|chart|visit|treatment|daily|follow-up|consultation|nursing|triage|therapy|PT|physical\s+therapy|chiropractic|urgent\s+care|emergency\s+(?:department|room)|ER|ED|hospital|admission|psychotherapy|psychiatric|psychological|medical|encounter)\s+(?:notes?|records?|reports?|charts?|summar(?:y|ies)))\b|\bconsultations?(?:\s+(?:notes?|reports?))?\b|\b(?:(?:initial|follow-up|psychological|psychiatric|neuropsychological|orthopa?edic|neurologic(?:al)?|medical|performance)\s+)?evaluations?\b|\bhistory\s+and\s+physical\b|\bH&P\b`, 'gi') },
  { family: 'letter', re: /\bletters?\b|\bcorrespondence\b/gi, ambiguous: true },
  { family: 'generic', re: /\brecords?\b|\breports?\b|\bnotes?\b|\bdocuments?\b|\bdocumentation\b|\bcharts?\b/gi, ambiguous: true },
];
const GENERIC_FAMILIES: ReadonlySet<RecordFamily> = new Set(['generic', 'letter']);

/** Words that end a facility's name ("Lakeside Imaging", "St. Brendan's Hospital"). */
const FACILITY_WORD = S`(?:Hospital|Medical\s+Cent(?:er|re)|Health\s+Cent(?:er|re)|Cent(?:er|re)|Clinic|Imaging|Radiology|Urgent\s+Care|Physical\s+Therapy|Hand\s+Therapy|Therapy|Rehab(?:ilitation)?|Occupational\s+(?:Health|Medicine)|Medical\s+Group|Medical\s+Associates|Associates|Health(?:care)?|Orthopa?edics|Neurodiagnostics|Diagnostics|Open\s+MRI|Chiropractic|Laborator(?:y|ies)|Labs|Medicine|Physicians|Partners)`;
const CAP_WORD = S`(?:St\.|[A-Z][\w'’&.-]*)`;
const FACILITY = new RegExp(S`\b(?:${CAP_WORD}\s+(?:(?:of|in|and|for|the)\s+)?){1,5}${FACILITY_WORD}\b|\bKaiser(?:\s+Permanente)?\b|\bConcentra\b|\bSutter(?:\s+Health)?\b|\bLabCorp\b`, 'g');
/** Capitalised words that open a sentence rather than a facility's name. */
const NOT_FACILITY_START = new Set(['The', 'A', 'An', 'At', 'In', 'On', 'She', 'He', 'They', 'Her', 'His', 'Their', 'This', 'That', 'Then', 'After', 'Before', 'When', 'From', 'By', 'Of', 'And', 'Both', 'Since', 'Dr.', 'Mr.', 'Ms.', 'Mrs.', 'I', 'We', 'It']);
/** Facility words that tell nothing about which facility it is. */
const GENERIC_FACILITY_WORDS = new Set([
  'hospital', 'medical', 'center', 'centre', 'health', 'clinic', 'imaging', 'radiology', 'urgent', 'care', 'physical', 'therapy',
  'hand', 'rehab', 'rehabilitation', 'occupational', 'medicine', 'group', 'associates', 'healthcare', 'orthopedics', 'orthopaedics',
  'neurodiagnostics', 'diagnostics', 'open', 'mri', 'chiropractic', 'laboratory', 'laboratories', 'labs', 'physicians', 'partners',
  'of', 'in', 'and', 'for', 'the', 'st', 'saint', 'inc', 'llc', 'pc', 'co',
]);

const DETERMINER = /^(?:the|a|an|her|his|their|its|these|those|all|both|each|two|three|several|any)$/i;
/** The examiner's own report and examination are not records. */
const OWN_REPORT = /\b(?:this|the\s+present|the\s+current|my|our)\s+(?:[\w-]+\s+){0,2}$/i;
const DATE_OF = /\bdate\s+of\s+(?:the\s+)?$/i;
/** How far back (characters) the lead-in patterns above need to look. */
const LOOKBEHIND = 80;

/** Words that end the phrase a noun heads: a verb, a clause or an event whose date is not the record's. */
const BREAKER = new Set([
  'is', 'are', 'was', 'were', 'be', 'been', 'being', 'has', 'have', 'had', 'shows', 'show', 'showed', 'reveals', 'revealed',
  'demonstrates', 'demonstrated', 'states', 'stated', 'says', 'said', 'recommends', 'recommended', 'indicates', 'indicated',
  'suggests', 'suggested', 'found', 'finds', 'noted', 'documented', 'confirms', 'confirmed', 'describes', 'described',
  'and', 'but', 'or', 'nor', 'which', 'that', 'who', 'whom', 'whose', 'where', 'when', 'while', 'because', 'since', 'after', 'before',
  'following', 'prior', 'until', 'although', 'though', 'if', 'unless', 'as', 'than', 'for', 'about', 'regarding',
  'he', 'she', 'they', 'we', 'i', 'it', 'you', 'this', 'these', 'those',
  'injury', 'accident', 'incident', 'collision', 'fall', 'trauma', 'surgery', 'operation', 'procedure', 'arthroscopy',
  'injection', 'repair', 'release', 'onset', 'exam', 'examination', 'admission', 'discharge', 'event',
]);
/** Participles that keep a noun's phrase going ("MRI performed at ... on ..."). */
const PARTICIPLES = new Set(['dated', 'performed', 'done', 'taken', 'obtained', 'completed', 'conducted', 'prepared', 'authored', 'written', 'signed', 'issued', 'interpreted', 'read', 'dictated', 'generated', 'transcribed', 'recorded', 'produced']);
const DATE_LINK = new Set(['of', 'on', 'from', 'in', 'between', 'through', 'to', 'dated', ...PARTICIPLES]);
const PROVIDER_LINK = new Set(['of', 'by', 'from', 'at', ...PARTICIPLES]);
const MAX_GLUE_WORDS = 9;
/** A sentence that says a record was not seen or not yet received. */
const NOT_REVIEWED = /\bnot\s+(?:been\s+|yet\s+)?(?:provided|available|received|reviewed|produced|sent)\b|\bunavailable\b|\b(?:was|were|been|have|has|I)\s+requested\b|\bpending\b|\bawait(?:ing|ed)?\b/i;
const EXAM_DATE_LABEL = /\b(?:date\s+of\s+(?:the\s+)?(?:examination|exam|evaluation|report|service|interview)|(?:examination|exam|evaluation|report)\s+date)\b|^\W*(?:signed|executed|dated)\b/i;
const EXAMINED_ON = /\bI\s+(?:personally\s+)?(?:examined|saw|evaluated|interviewed|met)\b/;

const TOTAL_LABEL = /^\W*(?:grand\s+)?total\b/i;
const CITATION = /\[\^?(R\d+(?:\s*(?:[-–,;]|and)\s*R?\d+)*)(?:\s*,\s*(?:pp?\.|pages?)\s*[\d–-]+)?\]|\((?:Recs?\.?|Records?|R)\s*#?\s*(\d+(?:\s*(?:[-–,;]|and)\s*\d+)*)(?:\s*,\s*(?:pp?\.|pages?)\s*[\d–-]+)?\)/gi;
const ENTRY_KEY = /^\W{0,3}(?:\[\^?)?(R)-?(\d+)\b\]?/i;

// ---------------------------------------------------------------------------------------
// Shared readers

interface Anchor {
  span: Span;
  kind: 'date' | 'provider';
  date?: FoundDate;
  provider?: Provider;
}

/**
 * Document nouns in `text` (offsets absolute to `base`), the longest reading at each place. Like
 * the providers and dates, not memoised by text: the readings that ask are kept by mdast node.
 */
export function findDocumentNouns(text: string, base = 0): DocumentNoun[] {
  const nouns = readDocumentNouns(text);
  for (const noun of nouns) moveSpan(noun.span, base);
  return nouns;
}

/** Document nouns in `text`, offsets relative to its start. */
function readDocumentNouns(text: string): DocumentNoun[] {
  const found: (DocumentNoun & { ambiguous: boolean })[] = [];
  for (const pattern of NOUN_PATTERNS) {
    for (const m of allMatches(pattern.re, text)) {
      found.push({ span: { start: m.index, end: m.index + m[0].length }, family: pattern.family, ambiguous: !!pattern.ambiguous });
    }
  }
  found.sort((a, b) => a.span.start - b.span.start || (b.span.end - b.span.start) - (a.span.end - a.span.start));
  const out: DocumentNoun[] = [];
  let reach = -1;
  for (const noun of found) {
    if (noun.span.start < reach) continue;
    if (noun.ambiguous && !readsAsNoun(text, noun.span.start, noun.span.end)) continue;
    out.push({ span: noun.span, family: noun.family });
    reach = noun.span.end;
  }
  return out;
}

/** "notes", "records", "report" are also verbs ("she reports", "the note records"). */
function readsAsNoun(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 40), start);
  if (/[:—–]\s*$/.test(before)) return true; // "Body in Motion Physical Therapy: notes"
  const previous = /([\w'’.&-]+)[\s,]*$/.exec(before)?.[1] ?? '';
  if (/^(?:that|to)\b/i.test(text.slice(end).trimStart())) return false;
  if (!previous) return false;
  if (DETERMINER.test(previous) || /['’]s?$/.test(previous)) return true;
  if (/^(?:he|she|they|it|i|we|who|which|that|also|and|or)$/i.test(previous)) return false;
  if (/^[A-Z]/.test(previous)) return true; // "Kaiser records", "Riverbend Medical Group notes"
  return /^[a-z][\w-]*$/.test(previous) && !BREAKER.has(previous.toLowerCase()) && !/ed$/.test(previous);
}

/** Facilities named in `text` ("Lakeside Imaging", "Kaiser"), offsets absolute to `base`. */
export function findFacilities(text: string, base = 0): Provider[] {
  const out: Provider[] = [];
  for (const m of allMatches(FACILITY, text)) {
    let raw = m[0];
    let start = m.index;
    const first = /^\S+/.exec(raw)![0];
    if (NOT_FACILITY_START.has(first)) {
      const rest = raw.slice(first.length).replace(/^\s+/, '');
      start += raw.length - rest.length;
      raw = rest;
    }
    if (!distinctiveWords(raw).length) continue; // "Urgent Care", "Physical Therapy": no particular facility
    out.push({ span: { start: base + start, end: base + start + raw.length }, text: raw });
  }
  return out;
}

function findProviders(text: string, base: number): Provider[] {
  const providers = readProviders(text);
  for (const p of providers) {
    moveSpan(p.span, base);
    // A name is the names memo's, shared: each provider gets a copy of its own.
    if (p.name) p.name = { ...p.name };
  }
  return providers;
}

/** Names and facilities in `text`, offsets relative to its start. */
function readProviders(text: string): Provider[] {
  const names = findNames(text).map((n) => ({ span: { start: n.start, end: n.end }, text: text.slice(n.start, n.end), name: n.name }));
  const facilities = findFacilities(text).filter((f) => !names.some((n) => spansOverlap(n.span, f.span)));
  return [...names, ...facilities].sort((a, b) => a.span.start - b.span.start);
}

function distinctiveWords(text: string): string[] {
  return text.toLowerCase().replace(/['’]s\b/g, '').split(/[^a-z0-9]+/).filter((w) => w && !GENERIC_FACILITY_WORDS.has(w));
}

function words(text: string): string[] {
  return [...new Set(text.toLowerCase().replace(/['’]s\b/g, '').split(/[^a-z0-9]+/).filter(Boolean))];
}

// A reference without a date may match any entry: the words providerAgrees reads of each text are kept.
const wordsByText = new TextMemo<readonly string[]>();
const distinctiveWordsByText = new TextMemo<readonly string[]>();

function wordsOf(text: string): readonly string[] {
  return wordsByText.get(text, words);
}

// ---------------------------------------------------------------------------------------
// The records list

function cellText(block: Block, cell: Span): string {
  return block.text.slice(cell.start - block.span.start, cell.end - block.span.start).trim();
}

function columnRole(header: string): ColumnRole | null {
  const h = header.toLowerCase().replace(/[^a-z#. ]/g, '').trim();
  if (/^(?:pages?|pp\.?|pgs?\.?|page count|no\.? of pages|number of pages|# pages)$/.test(h)) return 'pages';
  if (/^(?:key|ref\.?|reference|id|#|no\.?|number|item|exhibit|tab|rec\.?|record no\.?)$/.test(h)) return 'key';
  if (/\bdates?\b/.test(h)) return 'date';
  if (/\b(?:provider|source|author|facility|from|physician|doctor|clinician|prepared by|by)\b/.test(h)) return 'provider';
  if (/\b(?:document|record|type|description|item|title|study|report)\b/.test(h)) return 'type';
  if (/\b(?:summary|findings|comments?|content|remarks|notes|details|relevant|opinions?|significance)\b/.test(h)) return 'summary';
  return null;
}

function familiesIn(text: string): Set<RecordFamily> {
  return new Set(findDocumentNouns(text).map((n) => n.family));
}

/** What an entry says of its record, read from its text. */
type EntryFacts = Pick<RecordEntry, 'head' | 'dates' | 'providers' | 'families'>;

/** The head's dates (else any block's), document families (else the whole entry's) and providers; `context` is the group heading's words. */
function readFacts(blocks: Block[], span: Span, head: string, headStart: number, dates: FoundDate[] | null, context = ''): EntryFacts {
  let own = dates ?? findDates(head, headStart);
  if (!own.length) own = blocks.flatMap((b) => findDates(b.text, b.span.start));
  let families = familiesIn(head);
  if (!families.size) families = familiesIn(blocks.map((b) => b.text).join('\n'));
  const providers = [...findProviders(head, headStart), ...findProviders(context, 0).map((p) => ({ ...p, span: { ...span } }))];
  return { head: context ? `${context} ${head}` : head, dates: own, providers, families };
}

/** An item's entry: its facts, its keys and its number (in a numbered list). */
interface ItemEntry extends EntryFacts, Pick<RecordEntry, 'keys' | 'number' | 'numberSpan'> {}

/** What a list item reads as, with offsets as they were when the item started at `start`. */
interface ItemReading {
  start: number;
  /** The group heading's words (a table row's: the table's columns) and the list's kind come from outside the item: the reading holds while they stay. */
  context: string;
  numbered: boolean;
  /** Null for a "Total: ..." line, which is not an entry. */
  entry: ItemEntry | null;
  /** The records entry made from it, kept for the next lint: see `EntryReader.keptEntry`. */
  made: RecordEntry | null;
}

/**
 * Readings by list item: the incremental parser keeps the mdast of unchanged chunks (their
 * positions moved), so after an edit a long list's items are only moved, not read again.
 * Keyed weakly, they go with their nodes.
 */
const itemReadings = new WeakMap<ListItem, ItemReading>();
/** Table rows' readings, by row, as items' are (`context` is then the table's columns). */
const rowReadings = new WeakMap<TableRow, ItemReading>();

/**
 * Moves the reading to `start`, in place: its spans are its own (read afresh for this item), and
 * the entries of the last lint that share them are not read after the next one.
 */
function moveReading(reading: ItemReading, start: number): void {
  const { entry } = reading;
  const delta = start - reading.start;
  reading.start = start;
  if (!entry) return;
  // Indexed: every entry after an edit is moved, before V8 has optimized the edit's path.
  const { dates, providers } = entry;
  for (let i = 0; i < dates.length; i++) moveSpan(dates[i].span, delta);
  for (let i = 0; i < providers.length; i++) moveSpan(providers[i].span, delta);
  if (entry.numberSpan) moveSpan(entry.numberSpan, delta);
}

/**
 * The group item that holds an item. A function of its own: a closure over the item's span in
 * the per-item callback would make a context at every item, groups or not.
 */
function groupOf(parents: ListItem[], itemSpan: Span): ListItem | undefined {
  return parents.find((p) => spanOf(p).start <= itemSpan.start && itemSpan.end <= spanOf(p).end);
}

/** The reading kept from an earlier lint, moved to `start`, while what it was read with outside its node is the same; else null. */
function stillHolds(known: ItemReading | undefined, start: number, context: string, numbered: boolean): ItemReading | null {
  if (!known || known.context !== context || known.numbered !== numbered) return null;
  if (known.start !== start) moveReading(known, start);
  return known;
}

/** A citation key as entries keep it ("R12" -> "r12"), from an `ENTRY_KEY` match. */
function keyOf(match: RegExpExecArray): string {
  return `${match[1].toLowerCase()}${Number(match[2])}`;
}

/** The container of entries not yet given one: `keptContainer` gives every list and table entry its own. */
const NO_CONTAINER: RecordsContainer = Object.freeze({ kind: 'bulleted', entries: [], node: null }) as RecordsContainer;

/**
 * The container of a list's or table's entries: the one of the last lint while it holds the
 * same entries in the same order (a list or table joined from chunks is a new node at every
 * reading, so it is found by its first entry), else a new one. Fixes keep what they derive from
 * a list with its container.
 */
function keptContainer(kind: 'numbered' | 'bulleted' | 'table', node: List | Table, entries: RecordEntry[], columns?: RecordsContainer['columns']): RecordsContainer {
  // The first entry's, or the last's where an edit made the first new.
  const found = entries[0]?.container !== NO_CONTAINER ? entries[0]?.container : entries[entries.length - 1]?.container;
  const kept = found && found !== NO_CONTAINER && found.kind === kind ? found : undefined;
  if (kept && sameItems(kept.entries, entries)) {
    kept.node = node;
    return kept;
  }
  const container: RecordsContainer = columns ? { kind, entries, node, columns } : { kind, entries, node };
  if (kept && kept.entries.length === entries.length && JSON.stringify(kept.columns) === JSON.stringify(columns)) {
    kept.replaces = undefined;
    container.replaces = kept;
  }
  for (const entry of entries) entry.container = container;
  return container;
}

/** A table row's entry facts; null for a row that states a total. */
function readRow(row: Block, columns: Partial<Record<ColumnRole, number>>): ItemEntry | null {
  const cells = row.cells!;
  if (cells.some((cell) => TOTAL_LABEL.test(cellText(row, cell)))) return null;
  const head = cells.filter((_, i) => i !== columns.summary).map((c) => cellText(row, c)).join(' | ');
  const dateCell = columns.date !== undefined ? cells[columns.date] : undefined;
  const dates = dateCell ? findDates(row.text.slice(dateCell.start - row.span.start, dateCell.end - row.span.start), dateCell.start) : [];
  // Spans of its own: the model moves the row's in place at the next edit, and the reading is moved by `moveReading`.
  const facts = readFacts([row], { start: row.span.start, end: row.span.end }, head, row.span.start, dates);
  const entry: ItemEntry = { head: facts.head, dates: facts.dates, providers: facts.providers, families: facts.families, keys: [] };
  const keyCell = columns.key !== undefined ? cells[columns.key] : undefined;
  if (!keyCell) return entry;
  const keyText = cellText(row, keyCell);
  const explicit = ENTRY_KEY.exec(keyText);
  if (explicit) entry.keys.push(keyOf(explicit));
  else if (/^\d+\.?$/.test(keyText)) {
    entry.number = parseInt(keyText, 10);
    entry.keys.push(String(entry.number));
    const at = row.text.indexOf(String(entry.number), keyCell.start - row.span.start);
    entry.numberSpan = { start: row.span.start + at, end: row.span.start + at + String(entry.number).length };
  }
  return entry;
}

class EntryReader {
  readonly containers: RecordsContainer[] = [];
  readonly entries = listOfObjects<RecordEntry>();
  /** Page counts by the offset their entry starts at, for entries other than list items; made when first asked. */
  private pagesByStart: Map<number, number | null> | null = null;

  /** `[^r12]: ...` definitions: entries wherever they sit. */
  private readonly footnotes: { node: Nodes & { identifier: string }; span: Span }[] = [];

  constructor(private readonly model: ReportModel) {
    // Definitions are blocks: only containers of blocks can hold one, so prose is not walked; none without their "[^".
    const visit = (node: Nodes) => {
      if (node.type === 'footnoteDefinition' && /^r\d+$/i.test(node.identifier)) this.footnotes.push({ node, span: spanOf(node) });
      else if (node.type === 'root' || node.type === 'list' || node.type === 'listItem' || node.type === 'blockquote') for (const child of node.children as Nodes[]) visit(child);
    };
    if (model.source.includes('[^')) visit(model.root);
  }

  read(sections: readonly RecordsSection[]): void {
    const inFootnote = (b: Block) => this.footnotes.some((f) => b.span.start >= f.span.start && b.span.end <= f.span.end);
    for (const { blocks, items } of sections) {
      if (!this.footnotes.length) {
        this.readSection(blocks, items);
        continue;
      }
      const outside = blocks.filter((b) => !inFootnote(b));
      this.readSection(outside, itemBlocks(outside), items);
    }
    this.readFootnotes();
  }

  /**
   * Reads the section's entries from its blocks and `items`, the blocks of each list item among
   * them. An item's page count is read from all its blocks (`whole`), as the page-count rules
   * read it: the item keeps the count whichever asks first (`pagesOfItem`).
   */
  private readSection(blocks: Block[], items: Map<ListItem, Block[]>, whole = items): void {
    const tables = new Map<Table, Block[]>();
    const loose: Block[] = [];
    for (const block of blocks) {
      if (block.type === 'tableRow' && block.table) {
        const rows = tables.get(block.table);
        if (rows) rows.push(block);
        else tables.set(block.table, [block]);
      } else if (!block.list && (block.type === 'paragraph' || block.type === 'heading')) {
        loose.push(block);
      }
    }
    /** Items that hold a nested list: they name a group of records. */
    const parents: ListItem[] = [];
    items.forEach((_, item) => {
      if (holdsList(item)) parents.push(item);
    });
    for (const [table, rows] of tables) this.readTable(table, rows);
    /** Each list's entries, in the order of its first item. */
    const lists = new Map<List, RecordEntry[]>();
    // A list's items stand together: its entries are looked up only when the list changes.
    let lastList: List | null = null;
    let lastEntries = listOfObjects<RecordEntry>();
    // forEach: a Map's for-of makes an array per item, and a records list has thousands.
    items.forEach((blocksOfItem, item) => {
      if (parents.length && parents.includes(item)) return;
      const { list } = blocksOfItem[0].list!;
      const group = parents.length ? groupOf(parents, spanOf(item)) : undefined;
      const context = group ? items.get(group)?.[0]?.sentences[0]?.text ?? '' : '';
      const reading = this.readingOf(item, item.position?.start.offset ?? 0, blocksOfItem, context, !!list.ordered);
      if (!reading.entry) return;
      if (list !== lastList) {
        lastList = list;
        lastEntries = lists.get(list) ?? listOfObjects();
        lists.set(list, lastEntries);
      }
      // An entry made from this reading counted the pages of this very item (a changed item is a new node).
      const pages = reading.made ? reading.made.pages : pagesOfItem(item, whole === items ? blocksOfItem : whole.get(item) ?? blocksOfItem);
      lastEntries.push(this.keptEntry(reading.entry, reading, item, blocksOfItem, pages));
    });
    lists.forEach((entries, list) => this.containers.push(keptContainer(list.ordered ? 'numbered' : 'bulleted', list, entries)));
    if (!tables.size && !items.size) this.readParagraphs(loose);
  }

  /**
   * The entry of a list item or table row read as `entry`: the one made from the same reading
   * at an earlier lint, placed where its blocks are now (entries are valid until the next lint,
   * as the model is), else a new one. `item` is the list item (its span is the entry's item
   * span), or null for a table row. `keptContainer` gives it its container.
   */
  private keptEntry(entry: ItemEntry, reading: ItemReading, item: ListItem | null, blocks: Block[], pages: number | null): RecordEntry {
    const span = blocks[0].span;
    let made = reading.made;
    if (made) {
      // In place, as the model's spans are moved: what it keeps is the last lint's until this one.
      made.span = span;
      if (item) {
        made.itemSpan.start = item.position?.start.offset ?? 0;
        made.itemSpan.end = item.position?.end.offset ?? 0;
      } else {
        made.itemSpan = span;
      }
      if (!sameItems(made.blocks, blocks)) made.blocks = blocks;
      made.pages = pages;
    } else {
      const { head, dates, providers, families, keys, number, numberSpan } = entry;
      const itemSpan = item ? spanOf(item) : span;
      made = reading.made = { span, itemSpan, blocks, head, dates, providers, families, keys, number, numberSpan, pages, container: NO_CONTAINER };
    }
    this.entries.push(made);
    return made;
  }

  /** The item's reading, kept from an earlier lint while the item is unchanged. */
  private readingOf(item: ListItem, start: number, blocks: Block[], context: string, numbered: boolean): ItemReading {
    const known = stillHolds(itemReadings.get(item), start, context, numbered);
    if (known) return known;
    const reading = { start, context, numbered, entry: this.readItem(start, blocks, context, numbered), made: null };
    itemReadings.set(item, reading);
    return reading;
  }

  private readItem(start: number, blocks: Block[], context: string, numbered: boolean): ItemEntry | null {
    if (TOTAL_LABEL.test(blocks.map((b) => b.text).join('\n'))) return null;
    const first = blocks[0];
    const headSentence = first.sentences[0];
    const head = headSentence?.text ?? first.text;
    // The model moves its spans in place at the next edit: the reading keeps a copy.
    const span = { start: first.span.start, end: first.span.end };
    const { dates, providers, families, head: entryHead } = readFacts(blocks, span, head, headSentence?.span.start ?? first.span.start, null, context);
    // Not a spread of the facts: V8 gave each entry made by one a shape of its own.
    const entry: ItemEntry = { head: entryHead, dates, providers, families, keys: [] };
    const marker = /^(\d{1,4})[.)]/.exec(this.model.source.slice(start, start + 6));
    if (marker && numbered) {
      entry.number = Number(marker[1]);
      entry.numberSpan = { start, end: start + marker[1].length };
      entry.keys.push(String(entry.number));
    }
    const key = ENTRY_KEY.exec(head);
    if (key) entry.keys.push(keyOf(key));
    return entry;
  }

  private readTable(table: Table, rows: Block[]): void {
    const header = rows.find((r) => r.header);
    const columns: Partial<Record<ColumnRole, number>> = {};
    header?.cells?.forEach((cell, i) => {
      const role = columnRole(cellText(header, cell));
      if (role && columns[role] === undefined) columns[role] = i;
    });
    // A table without a date or document column is not a records list (e.g. a test-results table).
    if (columns.date === undefined && columns.type === undefined && columns.provider === undefined) return;
    const layout = JSON.stringify(columns);
    const entries: RecordEntry[] = [];
    for (const row of rows) {
      if (row.header || !row.cells) continue;
      const reading = this.rowReadingOf(row, layout, columns);
      if (reading.entry) entries.push(this.keptEntry(reading.entry, reading, null, [row], this.pagesAt(row.span.start)));
    }
    this.containers.push(keptContainer('table', table, entries, columns));
  }

  /** The row's reading, kept from an earlier lint while the row and the table's columns are unchanged (as `readingOf` for items). */
  private rowReadingOf(row: Block, layout: string, columns: Partial<Record<ColumnRole, number>>): ItemReading {
    const known = stillHolds(rowReadings.get(row.node as TableRow), row.span.start, layout, false);
    if (known) return known;
    const reading: ItemReading = { start: row.span.start, context: layout, numbered: false, entry: readRow(row, columns), made: null };
    rowReadings.set(row.node as TableRow, reading);
    return reading;
  }

  private readParagraphs(blocks: Block[]): void {
    const container: RecordsContainer = { kind: 'paragraph', entries: [], node: null };
    for (const block of blocks) {
      if (block.type === 'heading' && block.section?.kinds.includes('records') && block.span.start === block.section.heading.span.start) continue;
      const first = block.sentences[0];
      if (!first || /:\s*$/.test(block.text.trimEnd())) continue; // "I reviewed the following records:"
      const dates = findDates(first.text, first.span.start);
      // Paragraph per record: only paragraphs that name a dated document (prose about the review is not an entry).
      if (!dates.length || !findDocumentNouns(block.text).length && !findProviders(first.text, 0).length) continue;
      container.entries.push(this.makeEntry(container, [block], block.span, readFacts([block], block.span, first.text, first.span.start, dates)));
    }
    if (container.entries.length) this.containers.push(container);
  }

  /** `[^r12]: 01/09/2024 St. Brendan's Hospital, ER record` */
  private readFootnotes(): void {
    const container: RecordsContainer = { kind: 'footnote', entries: [], node: null };
    for (const { node, span } of this.footnotes) {
      const blocks = blocksWithin(this.model, span);
      if (!blocks.length) continue;
      const entry = this.makeEntry(container, blocks, span, readFacts(blocks, span, blocks[0].text, blocks[0].span.start, null));
      entry.keys.push(node.identifier.toLowerCase());
      container.entries.push(entry);
    }
    if (container.entries.length) this.containers.push(container);
  }

  /** The page count of the entry (a table row) that starts at `start`, as the page-count analysis read it. */
  private pagesAt(start: number): number | null {
    if (!this.pagesByStart) {
      const byStart = (this.pagesByStart = new Map());
      for (const { span, pages } of analyseRecordPages(this.model).entries) if (!byStart.has(span.start)) byStart.set(span.start, pages);
    }
    return this.pagesByStart.get(start) ?? null;
  }

  private makeEntry(container: RecordsContainer, blocks: Block[], span: Span, facts: EntryFacts): RecordEntry {
    // Every entry gets the same shape as a list item's, numbered or not (a table row's number is set after).
    const entry: RecordEntry = {
      span, itemSpan: span, blocks, head: facts.head, dates: facts.dates, providers: facts.providers, families: facts.families,
      keys: [], number: undefined, numberSpan: undefined, pages: this.pagesAt(span.start), container,
    };
    this.entries.push(entry);
    return entry;
  }
}

// ---------------------------------------------------------------------------------------
// References in the body

function bodyBlocks(model: ReportModel, entries: RecordEntry[]): Block[] {
  // Only footnote entries sit outside the records sections, which are left out as a whole.
  const footnoteBlocks = new Set<Block>();
  for (const entry of entries) if (entry.container.kind === 'footnote') for (const block of entry.blocks) footnoteBlocks.add(block);
  return model.blocks.filter((b) => !inKind(b, 'records') && !footnoteBlocks.has(b) && !(b.type === 'heading' && model.title && b.span.start === model.title.span.start));
}

/**
 * What a block says for reading references, by its node (as `itemReadings` are kept): the
 * incremental parser keeps the nodes of unchanged chunks, and a node's block text with them.
 */
const ownDaysByNode = new WeakMap<Nodes, readonly FoundDate[]>();
const bodyReadings = new WeakMap<Nodes, BodyReading>();
const NO_DATES: readonly FoundDate[] = Object.freeze([]);

/** Days of the examination and the report: a record "of" those days is this report, not a record. */
function ownDays(model: ReportModel): FoundDate[] {
  const out: FoundDate[] = [];
  for (const key of ['exam-date', 'report-date']) {
    const value = model.frontMatter?.data[key];
    const text = value instanceof Date ? value.toISOString().slice(0, 10) : typeof value === 'string' ? value : '';
    out.push(...findDates(text));
  }
  for (const block of model.blocks) {
    let days = ownDaysByNode.get(block.node);
    if (!days) ownDaysByNode.set(block.node, (days = readOwnDays(block)));
    if (days.length) out.push(...days);
  }
  return out;
}

/** The days a block gives as the examination's ("Date of examination: 3/18/2024", "I examined her on 3/18/2024"). */
function readOwnDays(block: Block): readonly FoundDate[] {
  const out: FoundDate[] = [];
  for (const sentence of block.sentences) {
    const label = EXAM_DATE_LABEL.exec(sentence.text);
    if (label) {
      const after = findDates(sentence.text.slice(label.index), 0)[0];
      if (after && !after.end) out.push(after);
    } else if (EXAMINED_ON.test(sentence.text)) {
      const first = findDates(sentence.text)[0];
      if (first && !first.end) out.push(first);
    }
  }
  return out.length ? out : NO_DATES;
}

function sameDay(a: FoundDate, b: FoundDate): boolean {
  return !a.end && !b.end && a.start.year === b.start.year && a.start.month === b.start.month && a.start.day !== undefined && a.start.day === b.start.day;
}

/** The words between two points of a sentence, if they keep one noun phrase going. */
function glueHolds(glue: string, link: ReadonlySet<string>, nouns: DocumentNoun[], from: number, to: number): boolean {
  if (/[;!?]/.test(glue) || /\.\s/.test(glue)) return false;
  const between = nouns[firstStartingAt(nouns, from)];
  if (between && between.span.end <= to) return false;
  const tokens = glue.toLowerCase().match(/[a-z][\w'’-]*/g) ?? [];
  if (tokens.length > MAX_GLUE_WORDS) return false;
  for (const t of tokens) {
    if (BREAKER.has(t)) return false;
    if (/ed$/.test(t) && !PARTICIPLES.has(t)) return false;
  }
  if (!tokens.length) return link === DATE_LINK ? /^[\s,(–—-]*$/.test(glue) : /^\s*\(?\s*$/.test(glue);
  // "MRI of the knee on", "MRI, right shoulder, 6/2/2023", "X-rays (Westside Occupational Health)"
  return (link.has(tokens[tokens.length - 1]) && /[\s(]$/.test(glue)) || (link === DATE_LINK ? /[,(]\s*$/ : /\(\s*$/).test(glue);
}

/** A document noun and the dates and providers tied to it, offsets in its sentence. */
interface Candidate {
  noun: DocumentNoun;
  tied: Anchor[];
}

/** A body block's citation keys (offsets in its text) and each sentence's candidates for references; shared, so read-only. */
interface BodyReading {
  citations: readonly CitationReference[];
  /** Empty when no sentence has one. */
  candidates: readonly (readonly Candidate[])[];
}

function bodyReadingOf(block: Block): BodyReading {
  let reading = bodyReadings.get(block.node);
  if (!reading) {
    const candidates = block.sentences.map((s) => (NOT_REVIEWED.test(s.text) ? [] : readCandidates(s.text)));
    reading = { citations: readCitationKeys(block.text), candidates: candidates.some((c) => c.length) ? candidates : [] };
    bodyReadings.set(block.node, reading);
  }
  return reading;
}

/** The sentence's document nouns that have dates or providers tied to them, offsets in the sentence. */
function readCandidates(text: string): Candidate[] {
  const providers = findProviders(text, 0);
  // Nouns inside a provider's name ("CoreMotion Physical Therapy", "Astoria Open MRI") are not documents.
  const chars = providers.length ? text.split('') : null; // UTF-16 units, as spans count them
  for (const p of providers) for (let i = p.span.start; i < p.span.end; i++) chars![i] = i === p.span.start ? 'X' : 'x';
  const nouns = findDocumentNouns(chars ? chars.join('') : text);
  if (!nouns.length) return [];
  // Span sets keep these overlap tests logarithmic: a pasted sentence can hold thousands of each.
  const providerSpans = new SpanSet(providers);
  const nounSpans = new SpanSet(nouns);
  const dates = findDates(text).filter((d) => !providerSpans.overlaps(d.span));
  const anchors: Anchor[] = [
    ...dates.map((d) => ({ span: d.span, kind: 'date' as const, date: d })),
    ...providers.map((p) => ({ span: p.span, kind: 'provider' as const, provider: p })),
  ].filter((a) => !nounSpans.overlaps(a.span)).sort((a, b) => a.span.start - b.span.start);
  const out: Candidate[] = [];
  for (const noun of nouns) {
    // The lead-in patterns look a few words back; a bounded window keeps long sentences linear.
    const before = text.slice(Math.max(0, noun.span.start - LOOKBEHIND), noun.span.start);
    if (OWN_REPORT.test(before) || DATE_OF.test(before)) continue;
    const tied = [...tiedBefore(text, noun, anchors, nouns), ...tiedAfter(text, noun, anchors, nouns)];
    if (tied.length) out.push({ noun, tied });
  }
  return out;
}

/** "MRI of the right shoulder performed at Lakeside Imaging on 6/2/2023", "progress notes of Dr. Lopez dated 2/1/23, 3/1/23 and 4/5/23" */
function tiedAfter(text: string, noun: DocumentNoun, anchors: Anchor[], nouns: DocumentNoun[]): Anchor[] {
  const out: Anchor[] = [];
  let at = noun.span.end;
  for (let i = firstStartingAt(anchors, at); i < anchors.length; i++) {
    const anchor = anchors[i];
    if (anchor.span.start < at) continue;
    const glue = text.slice(at, anchor.span.start);
    const previous = out[out.length - 1];
    const listed = previous?.kind === 'date' && anchor.kind === 'date' && /^\s*(?:,|,?\s*and|,?\s*or)\s*$/.test(glue);
    const link = anchor.kind === 'date' ? DATE_LINK : PROVIDER_LINK;
    if (!listed && !glueHolds(glue, link, nouns, at, anchor.span.start)) break;
    out.push(anchor);
    at = anchor.span.end;
  }
  return out;
}

/** "Dr. Chu's operative report", "Kaiser physical therapy notes", "the 6/2/2023 MRI", "On 3/5/2024, an MRI" */
function tiedBefore(text: string, noun: DocumentNoun, anchors: Anchor[], nouns: DocumentNoun[]): Anchor[] {
  const out: Anchor[] = [];
  let at = noun.span.start;
  for (let i = firstStartingAt(anchors, at) - 1; i >= 0; i--) {
    const anchor = anchors[i];
    if (anchor.span.end > at) continue;
    const gap = text.slice(anchor.span.end, at);
    const between = nouns[firstStartingAt(nouns, anchor.span.end)];
    if (between && between.span.end <= at) break;
    const tokens = gap.replace(/^['’]s?/, '').toLowerCase().match(/[a-z][\w'’-]*/g) ?? [];
    const modifiers = tokens.filter((t) => !DETERMINER.test(t));
    if (/[;:.!?()]/.test(gap.replace(/^['’]s?/, '')) || modifiers.length > 3 || tokens.some((t) => BREAKER.has(t) || (/ed$/.test(t) && !PARTICIPLES.has(t)))) break;
    if (anchor.kind === 'provider') {
      // The provider directly names whose document it is ("Dr. Chu's operative report", "Kaiser notes").
      if (/,/.test(gap) || tokens.some((t) => DETERMINER.test(t))) break;
    } else {
      // "the 6/2/2023 MRI", "On 3/5/2024, an MRI of the knee"
      const lead = text.slice(Math.max(0, anchor.span.start - LOOKBEHIND), anchor.span.start);
      if (!/\b(?:the|a|an|her|his|their|its)\s+$/i.test(lead) && !/(?:^|[;,]\s*)[Oo]n\s+$/.test(lead)) break;
    }
    out.unshift(anchor);
    at = anchor.span.start;
  }
  return out;
}

/** The citation keys a text writes ("[R3]", "[^r3]", "(Rec. 3-5)"), at offsets in the text. */
function readCitationKeys(text: string): CitationReference[] {
  const out: CitationReference[] = [];
  for (const m of text.matchAll(CITATION)) {
    const inner = m[1] ?? m[2];
    const prefix = m[1] ? 'r' : '';
    const keys: CitationReference['keys'] = [];
    const parts = [...inner.matchAll(/(R?)(\d+)|([-–])/gi)];
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      if (p[3] && keys.length && parts[i + 1]?.[2]) {
        const to = Number(parts[i + 1][2]);
        for (let n = keys[keys.length - 1].number + 1; n < to && n - keys[keys.length - 1].number < 100; n++) keys.push({ label: `${prefix.toUpperCase()}${n}`, prefix, number: n });
      } else if (p[2]) {
        keys.push({ label: `${prefix.toUpperCase()}${Number(p[2])}`, prefix, number: Number(p[2]) });
      }
    }
    out.push({ span: { start: m.index, end: m.index + m[0].length }, keys });
  }
  return out;
}

class ReferenceReader {
  readonly references: RecordReference[] = [];
  readonly citations: CitationReference[] = [];
  private readonly own: FoundDate[];

  constructor(private readonly model: ReportModel) {
    this.own = ownDays(model);
  }

  read(blocks: Block[]): void {
    for (const block of blocks) {
      const { citations, candidates } = bodyReadingOf(block);
      for (const c of citations) this.citations.push({ span: shiftSpan(c.span, block.span.start), keys: c.keys });
      for (let i = 0; i < candidates.length; i++) if (candidates[i].length) this.readSentence(block.sentences[i], candidates[i]);
    }
  }

  /** The sentence's references: its candidates tied to a provider or to a day other than the examination's. */
  private readSentence(sentence: Sentence, candidates: readonly Candidate[]): void {
    const base = sentence.span.start;
    for (const { noun: ownNoun, tied } of candidates) {
      const tiedDates = tied.filter((a) => a.date && !this.own.some((o) => sameDay(o, a.date!))).map((a) => ({ ...a.date!, span: shiftSpan(a.span, base) }));
      const tiedProviders = tied.filter((a) => a.provider).map((a) => ({ ...a.provider!, span: shiftSpan(a.span, base) }));
      if (!tiedDates.length && !tiedProviders.length) continue;
      const start = base + Math.min(ownNoun.span.start, ...tied.map((a) => a.span.start));
      const end = base + Math.max(ownNoun.span.end, ...tied.map((a) => a.span.end));
      const noun = shifted(ownNoun, base);
      this.references.push({
        span: { start, end: end + (this.model.source.charAt(end) === ')' && this.model.source.slice(start, end).includes('(') ? 1 : 0) },
        noun, phrase: nounPhrase(this.model.source, noun), dates: tiedDates, providers: tiedProviders, sentence,
      });
    }
  }
}

/** The document as the body words it, with the body part that follows ("MRI of the right shoulder"). */
function nounPhrase(text: TextLike, noun: DocumentNoun): string {
  const own = text.slice(noun.span.start, noun.span.end);
  const before = /((?:\b(?:lumbar|cervical|thoracic|right|left|bilateral|repeat|initial|follow-up|urgent\s+care|knee|shoulder|hip|wrist|hand|ankle|spine|brain|chest)\s+){1,3})$/i.exec(text.slice(Math.max(0, noun.span.start - 40), noun.span.start))?.[1] ?? '';
  const after = /^\s+of\s+the\s+((?:right|left|bilateral|lumbar|cervical|thoracic)\s+)?[a-z]+(?:\s+spine)?/i.exec(text.slice(noun.span.end, noun.span.end + 40))?.[0] ?? '';
  return `${before}${own}${after}`.replace(/\s+/g, ' ').trim();
}

// ---------------------------------------------------------------------------------------
// Matching

function providerAgrees(a: Provider[], { head: entryHead, providers: entryProviders }: Listing): boolean {
  if (!a.length) return false;
  const headWords = wordsOf(entryHead);
  return a.some((p) => {
    if (p.name) {
      if (entryProviders.some((e) => e.name && sameName(e.name, p.name!))) return true;
      return headWords.includes(p.name.surname.toLowerCase()) && !entryProviders.some((e) => e.name && e.name.surname.toLowerCase() === p.name!.surname.toLowerCase() && !sameName(e.name, p.name!));
    }
    const own = distinctiveWordsByText.get(p.text, distinctiveWords);
    if (own.length) return own.every((w) => headWords.includes(w));
    return entryHead.toLowerCase().includes(p.text.toLowerCase());
  });
}

function familiesAgree(noun: RecordFamily, entry: Set<RecordFamily>): boolean {
  if (!entry.size || GENERIC_FAMILIES.has(noun) || entry.has(noun)) return true;
  for (const family of entry) if (!GENERIC_FAMILIES.has(family)) return false;
  return true;
}

interface Listing {
  dates: FoundDate[];
  providers: Provider[];
  head: string;
  families: Set<RecordFamily>;
}

/** Entries that an index takes in place when they changed, rather than indexing the list again. */
const MAX_REPLACED_ENTRIES = 32;

/** Ranges longer than this are not indexed by day: they are few, and compared with every reference. */
const MAX_INDEXED_DAYS = 400;

function isLongRange(d: FoundDate): boolean {
  // A single day, as most entries give, is no range: no day numbers to count.
  return (d.end !== undefined || d.start.day === undefined) && dayNumber(d.end ?? d.start, 'last') - dayNumber(d.start, 'first') > MAX_INDEXED_DAYS;
}

/**
 * The entries a reference could match: by its dates, those whose dates cover one of its days,
 * and those without dates or with long ranges; without dates, those whose head or providers
 * hold a word it asks for. A long list then costs each reference a handful of comparisons
 * instead of one per entry.
 */
class EntryIndex {
  private readonly byDay = new Map<number, number[]>();
  /** Entries every dated reference is compared with. */
  private readonly always: number[] = [];
  /** Entries by the words of their heads and their providers' surnames; read when an undated reference first asks. */
  private byWord: Map<string, number[]> | null = null;

  constructor(public entries: RecordEntry[]) {
    entries.forEach((entry, index) => this.add(entry, index));
  }

  /**
   * Indexes `entries` instead, when they differ from the indexed ones in a few places only (an
   * edit inside an item gives it a new entry), and tells whether it did.
   */
  replace(entries: RecordEntry[]): boolean {
    const old = this.entries;
    if (old.length !== entries.length) return false;
    const changed: number[] = [];
    for (let i = 0; i < entries.length; i++) if (old[i] !== entries[i] && changed.push(i) > MAX_REPLACED_ENTRIES) return false;
    for (const i of changed) {
      this.remove(old[i], i);
      this.add(entries[i], i);
    }
    if (changed.length) this.byWord = null;
    this.entries = entries;
    return true;
  }

  private add(entry: RecordEntry, index: number): void {
    if (isAlwaysCompared(entry)) this.always.push(index);
    else this.forEachDay(entry, (day) => addIndex(this.byDay, day, index));
  }

  private remove(entry: RecordEntry, index: number): void {
    const without = (list: number[]) => {
      const at = list.indexOf(index);
      if (at >= 0) list.splice(at, 1);
    };
    if (isAlwaysCompared(entry)) without(this.always);
    else this.forEachDay(entry, (day) => without(this.byDay.get(day) ?? []));
  }

  private forEachDay(entry: RecordEntry, visit: (day: number) => void): void {
    for (const d of entry.dates) for (let day = dayNumber(d.start, 'first'), last = dayNumber(d.end ?? d.start, 'last'); day <= last; day++) visit(day);
  }

  /** Entries in list order that may match a reference with these dates, or without dates, with these providers. */
  candidates(dates: FoundDate[], providers: Provider[]): RecordEntry[] {
    if (!dates.length) return this.byProviders(providers);
    const found = new Set(this.always);
    for (const d of dates) {
      if (isLongRange(d)) return this.entries;
      for (let day = dayNumber(d.start, 'first'), last = dayNumber(d.end ?? d.start, 'last'); day <= last; day++) for (const index of this.byDay.get(day) ?? []) found.add(index);
    }
    return this.inOrder(found);
  }

  /** Undated, a reference matches by a provider (providerAgrees): an entry holds its surname, or its first distinctive word. */
  private byProviders(providers: Provider[]): RecordEntry[] {
    const found = new Set<number>();
    for (const p of providers) {
      const word = p.name ? p.name.surname.toLowerCase() : distinctiveWordsByText.get(p.text, distinctiveWords)[0];
      if (word === undefined) return this.entries;
      for (const index of this.wordIndex().get(word) ?? []) found.add(index);
    }
    return this.inOrder(found);
  }

  private wordIndex(): Map<string, number[]> {
    if (!this.byWord) {
      const byWord = (this.byWord = new Map());
      this.entries.forEach((entry, index) => {
        for (const word of wordsOf(entry.head)) addIndex(byWord, word, index);
        for (const p of entry.providers) if (p.name) addIndex(byWord, p.name.surname.toLowerCase(), index);
      });
    }
    return this.byWord;
  }

  private inOrder(indexes: Set<number>): RecordEntry[] {
    return [...indexes].sort((a, b) => a - b).map((index) => this.entries[index]);
  }
}

/**
 * Indexes by their first entry: the index of the last lint serves again, taking in the few
 * entries that changed (entries are kept from one lint to the next with their list items, and
 * an entry's dates, head and providers do not change while it is kept).
 */
const entryIndexes = new WeakMap<RecordEntry, EntryIndex>();

function entryIndexOf(entries: RecordEntry[]): EntryIndex {
  if (!entries.length) return new EntryIndex(entries);
  const kept = entryIndexes.get(entries[0]);
  if (kept?.replace(entries)) return kept;
  const index = new EntryIndex(entries);
  entryIndexes.set(entries[0], index);
  return index;
}

/** Entries without dates, or with a long range, are compared with every dated reference. */
function isAlwaysCompared(entry: RecordEntry): boolean {
  return !entry.dates.length || entry.dates.some(isLongRange);
}

/** Adds an entry's index under `key` once (an entry's days are added one after another). */
function addIndex<K>(map: Map<K, number[]>, key: K, index: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [index]);
  else if (list[list.length - 1] !== index) list.push(index);
}

/** RULES.md: dates agree and (type or provider agrees); without a date, provider and type agree. The dates go first: they rule most listings out. */
function referenceMatches(reference: RecordReference, dates: FoundDate[], listing: Listing): boolean {
  if (!dates.length || !listing.dates.length) return providerAgrees(reference.providers, listing) && familiesAgree(reference.noun.family, listing.families);
  for (const d of dates) if (!overlapsAny(d, listing.dates)) return false;
  return familiesAgree(reference.noun.family, listing.families) || providerAgrees(reference.providers, listing);
}

function overlapsAny(date: FoundDate, dates: FoundDate[]): boolean {
  for (const d of dates) if (datesOverlap(date, d)) return true;
  return false;
}

function asListing(reference: RecordReference): Listing {
  return {
    dates: reference.dates, providers: reference.providers,
    head: `${reference.phrase} ${reference.providers.map((p) => p.text).join(' ')}`, families: new Set([reference.noun.family]),
  };
}

/** The citation key written right after a reference ("MRI of 02/02/2024 [R5]"). */
function citationOf(reference: RecordReference, citations: CitationReference[]): CitationReference | undefined {
  // Citations are in text order and apart: when the first one from the reference on is too far, so are the rest.
  const c = citations[firstStartingAt(citations, reference.span.start)];
  return c && c.span.end <= reference.sentence.span.end && c.span.start - reference.span.end < 60 ? c : undefined;
}

/** Dates a reference names one by one ("2/1/23, 3/1/23 and 4/5/23") are separate records; a range is one. */
function recordDates(reference: RecordReference): FoundDate[][] {
  return reference.dates.length ? reference.dates.map((d) => [d]) : [[]];
}

function citationMatches(citation: CitationReference, entries: RecordEntry[]): { found: RecordEntry[]; unknown: string[] } {
  const found = new Set<RecordEntry>();
  const unknown: string[] = [];
  const lettered = citation.keys.some((k) => k.prefix) && entries.some((e) => e.keys.some((k) => /^[a-z]/.test(k)));
  for (const key of citation.keys) {
    const wanted = key.prefix && lettered ? [`${key.prefix}${key.number}`] : [`r${key.number}`, String(key.number)];
    const hits = entries.filter((e) => e.keys.some((k) => wanted.includes(k)));
    if (hits.length) for (const hit of hits) found.add(hit);
    else unknown.push(key.label || String(key.number));
  }
  return { found: [...found], unknown };
}

// ---------------------------------------------------------------------------------------

/** Parses the records list and the body's references, and matches them. Memoised on the model. */
export function analyseRecords(model: ReportModel): RecordsAnalysis {
  const cached = model.cache.get('records') as RecordsAnalysis | undefined;
  if (cached) return cached;
  const records = recordsSections(model);
  const sections = records.map((r) => r.section);
  const entryReader = new EntryReader(model);
  entryReader.read(records);
  const entries = entryReader.entries;
  const referenceReader = new ReferenceReader(model);
  referenceReader.read(bodyBlocks(model, entries));
  const { references, citations } = referenceReader;

  const matches = new Map<RecordReference | CitationReference, RecordEntry[]>();
  const unknownKeys: RecordsAnalysis['unknownKeys'] = [];
  const citedSpans: Span[] = [];
  if (entries.length || sections.length) {
    for (const citation of citations) {
      const { found, unknown } = citationMatches(citation, entries);
      matches.set(citation, found);
      citedSpans.push(citation.span);
      for (const label of unknown) unknownKeys.push({ span: citation.span, label });
    }
  }

  const unlisted: UnlistedRecord[] = [];
  /** Each unlisted record as a listing, for matching later mentions of it. */
  const listings: { record: UnlistedRecord; listing: Listing }[] = [];
  const index = entryIndexOf(entries);
  for (const reference of references) {
    // A reference that carries a citation key is resolved by the key alone (corpus judgment 4).
    const keyed = citationOf(reference, citations);
    if (keyed) {
      matches.set(reference, matches.get(keyed) ?? []);
      continue;
    }
    const missing: FoundDate[] = [];
    // A set: a reference naming many dates may match many entries for each (in the order first matched).
    const matched = new Set<RecordEntry>();
    for (const dates of recordDates(reference)) {
      const hits = index.candidates(dates, reference.providers).filter((e) => referenceMatches(reference, dates, e));
      if (hits.length) for (const hit of hits) matched.add(hit);
      else missing.push(...dates);
    }
    const found = [...matched];
    matches.set(reference, found);
    const whollyUnlisted = !found.length;
    if (!sections.length || (!whollyUnlisted && !missing.length)) continue;
    const earlier = listings.find((u) => referenceMatches(reference, reference.dates, u.listing));
    if (earlier) {
      earlier.record.later.push(reference);
      continue;
    }
    const record: UnlistedRecord = { reference, dates: whollyUnlisted ? reference.dates : missing, later: [] };
    unlisted.push(record);
    listings.push({ record, listing: asListing({ ...reference, dates: record.dates.length ? record.dates : reference.dates }) });
  }

  const result: RecordsAnalysis = { sections, entries, containers: entryReader.containers, references, citations, matches, unlisted, unknownKeys };
  model.cache.set('records', result);
  return result;
}

/** The distinct records the body refers to, first mention of each, for listing them when no list exists. */
export function distinctReferences(model: ReportModel): RecordReference[] {
  const { references, citations } = analyseRecords(model);
  const out: RecordReference[] = [];
  for (const reference of references) {
    if (citationOf(reference, citations)) continue;
    if (out.some((o) => referenceMatches(reference, reference.dates, asListing(o)) || referenceMatches(o, o.dates, asListing(reference)))) continue;
    out.push(reference);
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Navigation (the LSP's go-to-definition and find-references)

function contains(span: Span, offset: number): boolean {
  return span.start <= offset && offset <= span.end;
}

/** From a citation key or a record reference at `offset` to the entry that lists it. */
export function recordDefinition(model: ReportModel, offset: number): Span | null {
  const analysis = analyseRecords(model);
  const at = [...analysis.citations, ...analysis.references].find((r) => contains(r.span, offset));
  const entry = at ? analysis.matches.get(at)?.[0] : undefined;
  return entry ? entry.span : null;
}

/** From the records entry at `offset` to every place the body cites it. */
export function recordReferences(model: ReportModel, offset: number): Span[] {
  const analysis = analyseRecords(model);
  const entry = analysis.entries.find((e) => contains(e.itemSpan, offset));
  if (!entry) return [];
  const out: Span[] = [];
  for (const [reference, entries] of analysis.matches) if (entries.includes(entry)) out.push(reference.span);
  return out.sort((a, b) => a.start - b.start).filter((s, i, all) => i === 0 || s.start !== all[i - 1].start);
}
