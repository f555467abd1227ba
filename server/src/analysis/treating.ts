import { listOfObjects, TextMemo } from '../engine/memo.js';
import type { Block, ReportModel, Section, Sentence } from '../engine/model.js';
import { blocksWithin, inKind, sectionsAt, spanOf } from '../engine/model.js';
import type { SectionKind } from '../engine/sections.js';
import { allMatches, firstStartingAt, type Span, spansOverlap } from '../engine/text.js';
import { hasReasoning } from './evidence.js';
import { type FoundName, findNames, parseName, sameName, type PersonName } from './names.js';

/**
 * Treating physicians (RULES.md "Treating physician"), their opinions as the report records
 * them, and the examiner's disagreements with those opinions, with whether the discussion
 * around each disagreement engages the physician's reasoning.
 */

export type OpinionTopic = 'causation' | 'treatment' | 'work status' | 'maximum medical improvement' | 'impairment' | 'diagnosis';

/** A person the report names (or a treating role it refers to without a name). */
export interface Physician {
  /** Null for a role named only by its title ("the PTP"). */
  name: PersonName | null;
  /** How messages name them: "Dr. Smith", or the role ("the PTP"). */
  display: string;
  treating: boolean;
  /** Role keys: ptp, attending, pcp, surgeon, orthopedist, psychiatrist... */
  roles: Set<string>;
}

export interface Mention {
  readonly physician: Physician;
  /** Where it stands in the text last analysed. */
  readonly span: Span;
  readonly sentence: Sentence;
  readonly via: 'name' | 'role';
}

/**
 * A sentence's reference to a person as a mention. Its span is read off the sentence's, which the
 * model moves with its block: a records list names its authors thousands of times, and an edit
 * before them then moves nothing here. Few read a mention's span (hover).
 */
class SentenceMention implements Mention {
  readonly physician: Physician;
  readonly via: 'name' | 'role';

  constructor(readonly sentence: Sentence, private readonly reference: Reference) {
    this.physician = reference.physician;
    this.via = reference.via;
  }

  get span(): Span {
    const base = this.sentence.span.start;
    return { start: base + this.reference.start, end: base + this.reference.end };
  }
}

export interface TreatingOpinion {
  physician: Physician;
  sentence: Sentence;
  topic: OpinionTopic | null;
  /** Recorded outside the opinion sections (records list, history, a Treating Physicians list). */
  recorded: boolean;
}

export interface TreatingDisagreement {
  physician: Physician;
  sentence: Sentence;
  implicit: boolean;
  topic: OpinionTopic | null;
  /** The discussion unit's prose blocks. */
  unit: Block[];
  connector: boolean;
  evidence: boolean;
}

export interface TreatingAnalysis {
  /** Treating physicians only, in order of first identification. */
  physicians: Physician[];
  /** Mentions of treating physicians, in document order. */
  mentions: Mention[];
  opinions: TreatingOpinion[];
  disagreements: TreatingDisagreement[];
}

/** Sections where the examiner gives opinions (RULES.md `treating-opinion-not-discussed`). */
export const OPINION_KINDS: readonly SectionKind[] = [
  'discussion', 'causation', 'treating', 'mmi', 'work-status', 'future-care', 'answers', 'impairment', 'apportionment', 'diagnoses',
];
const RECORDING_KINDS: readonly SectionKind[] = ['records', 'history', 'past-history'];
const SKIPPED_KINDS: readonly SectionKind[] = ['referral', 'attestation'];

// ---------------------------------------------------------------------------------------
// Vocabulary

const DOCTOR_NOUN = String.raw`(?:physicians?|doctors?|surgeons?|providers?|clinicians?|practitioners?|specialists?|psychiatrists?|psychologists?|orthopa?edists?|physiatrists?|neurologists?|neurosurgeons?|chiropractors?|podiatrists?|rheumatologists?|internists?)`;
/** Titles that by themselves make their holder a treating physician. */
const TREATING_TITLE = String.raw`(?:(?:[Pp]rimary\s+)?[Tt]reating\s+(?:[a-z]+\s+){0,2}?${DOCTOR_NOUN}|PTPs?|[Aa]ttending\s+(?:physician|doctor|provider|surgeon|orthopa?edist)s?|[Pp]rimary\s+care\s+(?:physician|doctor|provider)s?|PCPs?|[Ff]amily\s+(?:doctor|physician)s?|[Oo]perating\s+surgeons?)`;
/** "her orthopedist", "his family doctor": a doctor the examinee has, named by specialty. */
const OWN_DOCTOR = String.raw`(?:own\s+)?(?:regular\s+)?(?:(?:orthopa?edic|spine|hand|foot|knee|shoulder)\s+surgeon|surgeon|doctor|physician|orthopa?edist|psychiatrist|psychologist|neurologist|neurosurgeon|physiatrist|chiropractor|podiatrist|rheumatologist|internist|pain\s+(?:management\s+)?(?:physician|specialist|doctor))s?`;
const POSSESSOR = String.raw`(?:[Hh]er|[Hh]is|[Tt]heir|(?:[Tt]he\s+)?(?:claimant|applicant|examinee|patient|plaintiff|employee|worker)['’]s)`;

/** A role phrase that refers to a treating physician ("the PTP", "her treating orthopedist", "his family doctor"). */
const ROLE_REFERENCE = new RegExp(
  String.raw`\b(?:(?:[Tt]he|${POSSESSOR})\s+(?:own\s+)?${TREATING_TITLE}|${POSSESSOR}\s+${OWN_DOCTOR}|PTPs?|PCPs?)(?![\w-])`,
  'g',
);
/** A phrase that gives the name next to it a treating role. */
const TREATING_ROLE = new RegExp(String.raw`\b(?:${TREATING_TITLE}|${POSSESSOR}\s+${OWN_DOCTOR})(?![\w-])`, 'g');
/** Phrases after which the name that follows is the treating physician. */
const CARE_OF = /\b(?:under\s+the\s+care\s+of|came\s+under\s+the\s+care\s+of|began\s+(?:treatment|treating|care)\s+with|(?:was|is|been|being)\s+treated\s+by|(?:continued|transferred)\s+(?:(?:her|his|their)\s+)?(?:care|treatment)\s+(?:with|to)|treats\s+with)\s*$/i;
const OPERATED = /\b(?:performed|did)\s+(?:(?:an?|the|her|his|their)\s+)?(?:[\w-]+\s+){0,6}?(?:surgery|release|repair|arthroscopy|fusion|decompression|laminectomy|discectomy|meniscectomy|replacement|arthroplasty|reconstruction|operation|fixation|ORIF|\w+ectomy|\w+plasty)\b|\boperated\s+on\b/i;
/** Roles that make a named person someone other than a treating physician. */
const OTHER_ROLE = /\b(?:(?:prior|previous|defen[cs]e|plaintiff['’]s|applicant['’]s|panel|agreed|carrier['’]s|insurer['’]s)\s+)?(?:IMEs?|QMEs?|AMEs?|PQMEs?|independent\s+medical\s+(?:examiner|evaluator)s?|(?:qualified|agreed)\s+medical\s+evaluators?|medical\s+evaluators?|evaluators?|examiners?)\b|\bretained\b|\bexpert\s+(?:witness|physician)\b|\b(?:neuro)?radiologists?\b|\b(?:utilization|peer)\s+review(?:er)?\b|\bUR\s+(?:physician|reviewer|doctor)\b|\breviewers?\b|\battorneys?\b|\badjusters?\b|\b(?:did|has|had|have)\s+not\s+treat(?:ed)?\b|\bnever\s+treated\b|\bno\s+treat(?:ment|ing\s+relationship)\b|\b(?:read|interpreted)\s+by\b|\bexamined\s+(?:her|him|them)\s+once\b/gi;

const ROLE_KEYS: [string, RegExp][] = [
  ['ptp', /\bPTP|primary\s+treating/i],
  ['attending', /\battending/i],
  ['pcp', /\bPCP|primary\s+care|family\s+(?:doctor|physician|medicine|practice)|general\s+practi/i],
  ['surgeon', /surgeon|surgery|operat|performed/i],
  ['orthopedist', /orthop/i],
  ['psychiatrist', /psychiatr/i],
  ['psychologist', /psycholog/i],
  ['physiatrist', /physiatr|physical\s+medicine/i],
  ['neurologist', /neurolog/i],
  ['chiropractor', /chiropract/i],
  ['pain', /\bpain\s+(?:management|medicine|specialist|physician)/i],
];

const OBJECT = String.raw`(?:her|him|them|the\s+(?:claimant|applicant|patient|examinee|employee|worker)|(?:Mr|Ms|Mrs|Miss|Mx)\.?\s+[A-Z][\w'’-]+)`;
/** Verbs that state an opinion whoever their subject is. */
const OPINION_VERB = new RegExp(String.raw`^(?:opined|opines|believes|believed|concluded|concludes|considers|considered|recommended|recommends|proposed|proposes|suggested|suggests|advised|advises|diagnosed|diagnoses|deemed|deems|declared|declares|rated|rates|assigned|assigns|requested\s+(?:authorization|approval|surgery|an?\s|the\s)|requests\s+(?:authorization|approval|surgery|an?\s|the\s)|certified|certifies|(?:placed|places|released|releases|kept|keeps|took|takes|restricted|restricts|limited|limits|find|found|finds|consider|considered|declared)\s+${OBJECT}\s+(?:at|on|off|to|from|as|fit|unfit|unable|able|permanent|totally|temporarily|disabled|not)\b)`, 'i');
/** Verbs that state an opinion only when what follows is one ("stated that she cannot work"). */
const REPORTING_VERB = /^(?:felt|feels|thinks|thought|stated|states|wrote|writes|indicated|indicates|reported|reports|noted|notes|found|finds|determined|determines|documented|documents|recorded|records|explained|explains)\b/i;
/** What a pronoun subject may do for the sentence to be read as a physician's opinion: patients believe and request too. */
const PRONOUN_VERB = new RegExp(String.raw`^(?:opined|opines|recommended|recommends|diagnosed|diagnoses|rated|rates|requested\s+(?:authorization|approval)|(?:placed|released|kept|took|restricted|limited|declared)\s+${OBJECT}\s+(?:at|on|off|to|from|as|permanent|totally|temporarily|disabled)\b)`, 'i');
/** Adverbs, auxiliaries and dates that may stand between a subject and its verb. */
const SUBJECT_GAP = /^(?:\s*,[^,.;]{1,60},)?\s*[,:]?\s*(?:(?:has|have|had|also|then|later|again|subsequently|repeatedly|initially|ultimately|further|consistently|since|now|still|specifically|clearly|recently|previously|most\s+recently|continues\s+to|continued\s+to|on\s+\d{1,2}\/\d{1,2}\/\d{2,4}|on\s+[A-Z][a-z]+\s+\d{1,2},?\s+\d{4}|in\s+\d{4})[\s,]+)*/;
const POSSESSIVE_OPINION = /^['’]s?\s+(?:[\w-]+\s+){0,3}?(?:opinions?|recommendations?|diagnos[ie]s|conclusions?|impressions?|assessments?|ratings?|restrictions?|release|requests?|plan|view|position|determination|work\s+status|proposal)\b/i;
const POSSESSIVE_DOCUMENT = /^['’]s?\s+[^.;]{0,60}?\b(?:recommends|recommended|opines|opined|states|stated|diagnosed|diagnoses|concludes|concluded|places|placed|releases|released|requests|requested|finds|found|documents|documented|records|recorded|notes|noted|indicates|indicated)\b/i;
const PASSIVE_BY = /\b(?:was|were|been|is|are|being)\s+(?:\w+\s+)?(?:recommended|requested|diagnosed|kept|taken|placed|released|restricted|rated|declared|deemed|found|certified|limited|proposed|advised)\b[^.;]{0,80}\bby\s*$/i;
const ACCORDING_TO = /\b(?:according\s+to|per|in\s+the\s+(?:opinion|view)\s+of)\s*$/i;
/** A records entry's summary that states its author's opinion without naming them. */
const ENTRY_OPINION = /\b(?:recommend(?:s|ed|ation)?|request(?:s|ed)?\s+(?:for\s+)?authorization|RFA|opin(?:es|ed|ion)|diagnos(?:is|es|ed)|impression|assessment|temporary\s+(?:total|partial)\s+disability|TTD|TPD|(?:modified|light|full|regular|restricted|sedentary)[- ]duty|off\s+work|return\s+to\s+work|work\s+restrictions?|maximum\s+medical\s+improvement|MMI|permanent\s+and\s+stationary|P&S|impairment\s+rating|\d+\s?%\s+(?:whole|WPI|impairment|temporary|permanent)|(?:whole\s+person|permanent|temporary)\s+impairment|causally\s+related|work-related|cannot\s+work|unable\s+to\s+work)\b/i;
/** "M.D." alone: what YAML leaves of `[Alan Smith, M.D.]`. */
const PRONOUN = /\b(?:he|she|they)\b/gi;
const CREDENTIAL_ONLY = /^\s*(?:[A-Z]\.?){1,4}(?:-C)?\s*$/;
const WEIGHING = /\b(?:agree|disagree|concur|differ|dispute|accept|reject|persuad\w*|find|opinion)\b/i;
const FIRST_PERSON = /\b(?:I|[Mm]y|[Ww]e|[Oo]ur)\b/;

const TOPICS: [OpinionTopic, RegExp][] = [
  ['maximum medical improvement', /\b(?:maximum\s+medical\s+improvement|MMI|permanent\s+and\s+stationary|P&S|plateau(?:ed)?)\b/gi],
  ['impairment', /\b(?:impairment|whole\s+person|WPI|permanent\s+(?:partial\s+)?disability|schedule\s+loss|\d+\s?%\s+(?:of\s+the\s+)?(?:whole|body|upper|lower|loss))\b/gi],
  ['work status', /\b(?:(?:modified|light|full|regular|restricted|usual|sedentary)[- ]duty|off\s+(?:of\s+)?work|return(?:ed|ing|s)?\s+to\s+(?:[\w-]+\s+){0,4}?(?:work|duty|job|position|employment)|(?:cannot|can\s*not|unable\s+to|not\s+able\s+to|able\s+to)\s+(?:return\s+to\s+)?work|temporar(?:y|ily)\s+(?:total(?:ly)?|partial(?:ly)?)\s+disab\w*|TTD|TPD|work\s+(?:status|restrictions?|capacity)|restrict(?:ion|ions|ed)|released\s+(?:her|him|them)\s+to|disabled|in\s+any\s+capacity|lifting\s+(?:limit|restriction)s?)\b/gi],
  ['causation', /\b(?:caused|causes|cause\s+of|causally|causation|related\s+to\s+(?:the|her|his|this|work)|result\s+of|due\s+to\s+(?:the|her|his)|industrial|work-related|arising\s+out\s+of|AOE|aggravat(?:ed|ion))\b/gi],
  ['treatment', /\b(?:surgery|surgical|operation|arthroscop\w*|fusion|release|repair|replacement|arthroplasty|decompression|laminectomy|discectomy|meniscectomy|injections?|epidural|therapy|treatment|medications?|procedure|\w+ectomy|\w+plasty|\w+otomy)\b/gi],
  ['diagnosis', /\b(?:diagnos\w*|impression)\b/gi],
];

// Disagreement: the examiner's own voice, aimed at someone.
const MODAL = String.raw`(?:(?:must|would|therefore|thus|also|again|respectfully|strongly|still|however|frankly)\s*,?\s+)*`;
const PERSONAL_MARKERS: RegExp[] = [
  new RegExp(String.raw`\b(?:I|we)\s+${MODAL}(?:disagree|differ|dissent)\b`, 'gi'),
  new RegExp(String.raw`\b(?:I|we)\s+${MODAL}(?:do|did|can|could|would|will|am|are)\s*(?:not|n['’]t)\s+(?:(?:fully|entirely|completely|necessarily|really|be\s+able\s+to)\s+)?(?:agree|concur|endorse|support|accept|adopt|share)\b`, 'gi'),
  new RegExp(String.raw`\b(?:I|we)\s+${MODAL}cannot\s+(?:(?:fully|entirely)\s+)?(?:agree|concur|endorse|support|accept|adopt|share)\b`, 'gi'),
  /\b(?:I|we)\s+(?:am|are)\s+(?:unable|not\s+able)\s+to\s+(?:agree|concur|endorse|support|accept|adopt)\b/gi,
  /\b(?:I|we)\s+(?:am|are)\s+not\s+(?:in\s+agreement|persuaded|convinced)\b/gi,
  new RegExp(String.raw`\b(?:I|we)\s+${MODAL}(?:reject|dispute|take\s+issue\s+with)\b`, 'gi'),
  /\b(?:I|we)\s+(?:find|see)\s+no\s+(?:[\w-]+\s+)?(?:basis|support|justification|evidence|indication)\s+for\b/gi,
  /\b(?:I|we|my|our)\b[^.;]{0,40}?\bdisagreement\s+with\b/gi,
];
/** Markers without a first-person subject: they need the physician named in the sentence. */
const NAMED_MARKERS: { re: RegExp; target: 'after' | 'before' | 'any' }[] = [
  { re: /\bcontrary\s+to\b/gi, target: 'after' },
  { re: /\bunlike\b/gi, target: 'after' },
  { re: /\b(?:is|are|was|were)\s+not\s+(?:[\w-]+\s+)?(?:supported|persuasive|convincing|substantiated|well[- ]founded|borne\s+out|justified|warranted)\b/gi, target: 'before' },
  { re: /\b(?:is|are|was|were)\s+not\s+(?:medically\s+)?(?:necessary|indicated|reasonable|appropriate)\b/gi, target: 'any' },
];
const PARTIAL_AGREEMENT = /\b(?:I|we)\s+(?:\w+\s+)?(?:agree|concur)\b[^;]{0,160}?\bbut\s+not\s+(?:with\s+)?/gi;
const NEGATED_BEFORE = /\b(?:not|n['’]t|no|no\s+(?:reason|basis|grounds?|need)\s+to|never|nothing\s+to|cannot|hardly)\s+(?:\w+\s+){0,2}$/i;
const AGREEMENT = /\b(?:agree|concur)s?\b/i;
const NOT_TREATING_OBJECT = /^\s*(?:with\s+)?(?:the\s+|a\s+)?(?:claimant|applicant|patient|examinee|plaintiff|defendant|employer|adjuster|carrier|insurer|utilization\s+review|UR\b|(?:prior\s+|previous\s+|defen[cs]e\s+|plaintiff['’]s\s+|applicant['’]s\s+|panel\s+|agreed\s+)?(?:IME|QME|AME|examiner|evaluator)|radiologist|(?:Mr|Ms|Mrs|Miss|Mx)\.?\s|(?:her|his|their)\s+(?:own\s+)?(?:account|report\s+of\s+pain|complaints?|statement|testimony|belief))/i;
const OPINION_ANAPHORA = /\b(?:this|that|these|those|his|her|their|the\s+(?:above|proposed|requested|recommended|stated|treating))\s+(?:[\w-]+\s+){0,2}?(?:opinions?|recommendations?|conclusions?|diagnos[ie]s|restrictions?|ratings?|requests?|plan|assessments?|view|release|determination|surgery|procedure|position|proposal)\b/i;
const CONTRAST_START = /^(?:[^.;]{0,30}?\b)?(?:however|but|nevertheless|nonetheless|in\s+contrast|on\s+the\s+other\s+hand|that\s+said|conversely|yet)\b/i;
const CONTRAST_INSIDE = /[,;]\s*(?:but|however|yet|whereas)\b|\.\s*$/i;
const JUDGMENT = /\b(?:I|we)\s+(?:(?:would|do|did|also|still|instead)\s+)?(?:find|found|believe|conclude|opine|consider|think|feel\s+that|see\s+no|do\s+not\s+(?:find|believe|think|see|consider))\b|\bin\s+my\s+(?:medical\s+)?(?:opinion|view|judgment|assessment)\b|\bmy\s+(?:opinion|conclusion|view)\s+is\b/i;

// ---------------------------------------------------------------------------------------

interface PersonState {
  physician: Physician;
  fixed: boolean;
  examiner: boolean;
  treatingSigns: number;
  otherSigns: number;
}

/** A name in a sentence, at offsets within the sentence (they hold wherever the sentence moves). */
interface NameHit {
  state: PersonState;
  start: number;
  end: number;
}

/** A reference to a person in a sentence, at offsets within the sentence. */
interface Reference {
  physician: Physician;
  start: number;
  end: number;
  via: 'name' | 'role';
}

interface SentenceInfo {
  readonly sentence: Sentence;
  readonly facts: SentenceFacts;
  index: number;
  /** In a section whose sentences state no one's opinion (referral, attestation). */
  skipped: boolean;
  /** `NONE` until the sentence has one: most sentences name nobody. */
  names: NameHit[];
  /** Every person reference (treating or not), in order; `NONE` until there is one. */
  refs: Reference[];
  /** Set when the sentence states someone's opinion. */
  opinionOf?: Physician;
  topic: OpinionTopic | null;
  readonly voiced: boolean;
  /** It holds a disagreement marker or a judgment of the examiner's own (kept here: asked of every sentence at every lint). */
  readonly mayDisagree: boolean;
  /** The analysis that last read the sentence; null for a sentence new in this version. */
  run: TreatingRun | null;
  /** How many infos up to this one the last analysis read in the same order (see `readInfos`). */
  steady: number;
  /**
   * The mention of each of `refs` (treating or not) and the opinion, as the last analysis gave
   * them: kept while the references and the opinion stand (a mention's span is read off its
   * sentence), so an edit does not make thousands of them anew (see `readOpinions`).
   */
  mentions: Mention[];
  /** The references `mentions` were made from (a sentence's references are a new list whenever they are read again). */
  mentionsFrom: Reference[];
  opinion: TreatingOpinion | null;
}

/**
 * Each block's sentence infos, kept from one lint to the next with the block (the incremental
 * engine keeps the blocks of unchanged chunks): a long report has tens of thousands of
 * sentences, and making their infos anew for every lint is most of what an edit would cost.
 * Kept by block, not by sentence: a lookup per block, not per sentence.
 */
const infosOfBlock = new WeakMap<Block, SentenceInfo[]>();

/** Whether a sentence not yet analysed may name a person or refer to one (under the run's full names): its words alone tell. */
function mayHoldPeople(info: SentenceInfo, run: TreatingRun): boolean {
  return info.facts.names.length > 0 || info.facts.roleReferences.length > 0 || (run.fullNames?.(info.sentence.text).length ?? 0) > 0;
}

/** The block's sentence infos, made when the block is new; the names and references the last analysis found stay until the registry is settled again. */
function infosOf(block: Block): SentenceInfo[] {
  let infos = infosOfBlock.get(block);
  if (!infos) {
    infos = block.sentences.map((sentence) => {
      const facts = sentenceFacts(sentence.text);
      // Every field set here, so all infos share one shape.
      const mayDisagree = facts.markers || facts.judges;
      return {
        sentence, facts, index: 0, skipped: false, names: NONE, refs: NONE, opinionOf: undefined, topic: null, voiced: facts.voiced, mayDisagree,
        run: null, steady: 0, mentions: NONE, mentionsFrom: NONE, opinion: null,
      };
    });
    infosOfBlock.set(block, infos);
  }
  return infos;
}

/** "her treating physician, Dr. Lopez": a name right after a role phrase is the reference already. */
function namedRightAfter(names: readonly { start: number }[], end: number): boolean {
  return names.some((n) => n.start >= end && n.start - end <= 3);
}

/**
 * Whether a sentence new since `previous` settles the registry as the text it stands in place
 * of did: both give the same `peopleSignature`. Not in a Treating Physicians list, where the
 * words after a name give its holder roles too (an edit does not take a sentence from one
 * section to another without a heading changing, which `unchangedRun` has ruled out).
 */
function settlesAlike(before: string | undefined, info: SentenceInfo, previous: TreatingRun): boolean {
  if (before === undefined || info.run !== null) return false;
  const block = info.sentence.block;
  if (inTreatingList(block)) return false;
  return peopleSignature(before, previous.fullNames) === peopleSignature(info.sentence.text, previous.fullNames);
}

/**
 * What settling the registry reads from a sentence: its names in order (with the full names of
 * people the run knows), the role signs they get, and the role phrases that refer to someone.
 */
function peopleSignature(text: string, fullNames: TreatingRun['fullNames']): string {
  const facts = sentenceFacts(text);
  const hits = fullNames?.(text) ?? NONE;
  const names = [
    ...facts.names.map((n) => ({ start: n.start, end: n.end, who: n.name as PersonName | number })),
    ...hits.map((h) => ({ start: h.start, end: h.end, who: h.person as PersonName | number })),
  ].sort((a, b) => a.start - b.start);
  const signs = hits.length ? readRoleSigns(text, names) : facts.roleSigns;
  const phrases = facts.roleReferences.filter((m) => !namedRightAfter(names, m.index + m[0].length)).map((m) => m[0]);
  return JSON.stringify([facts.names.map((n) => n.name), names.map((n) => n.who), signs, phrases]);
}

/** In a Treating Physicians section (not a records list within one), where a name makes its holder a treating physician. */
function inTreatingList(block: Block): boolean {
  return inKind(block, 'treating') && !inKind(block, 'records');
}

/** How many sentences back a pronoun's referent is looked for. */
const PRONOUN_REACH = 4;

/** In a section whose sentences state no one's opinion (not a closure in `readInfos`' loop: see `holdsMarker`). */
function inSkippedKind(block: Block): boolean {
  return SKIPPED_KINDS.some((k) => inKind(block, k));
}

/** The shared empty list a sentence starts with (frozen: a sentence with names gets a list of its own). */
const NONE: never[] = Object.freeze([]) as never[];

/** Analyses the report once and memoises the result in `model.cache`. */
export function analyseTreating(model: ReportModel, configured?: readonly string[]): TreatingAnalysis {
  const key = `treating:${JSON.stringify(configured ?? [])}`;
  const cached = model.cache.get(key) as TreatingAnalysis | undefined;
  if (cached) return cached;
  const fallback = configured === undefined ? [...model.cache.keys()].find((k) => k.startsWith('treating:')) : undefined;
  if (fallback) return model.cache.get(fallback) as TreatingAnalysis;
  const analysis = new TreatingAnalyser(model, configured ?? []).run();
  model.cache.set(key, analysis);
  return analysis;
}

/** Who the report's people are: what the names and role phrases of all its sentences settle together. */
interface Registry {
  people: PersonState[];
  anonymous: Map<string, Physician>;
  /** The person each name (by `nameKey`) was found to be. */
  personOfName: Map<string, PersonState>;
  /** People by lower-case surname, in order of first identification: only they can be the same name. */
  peopleBySurname: Map<string, PersonState[]>;
  /** What each role phrase refers to, once who is treating is settled. */
  roleReferents: Map<string, Physician[]>;
}

/**
 * What an analysis leaves its sentences for the next lint of the document: the registry it
 * settled and what it was settled from. (No model: a run must not keep an old version alive.)
 */
interface TreatingRun {
  registry: Registry;
  /** The front matter's and config's people and the sections' kinds. */
  seeds: string;
  /** The texts of the sentences that hold a name or a reference, in order, and how many sentences are headings. */
  relevant: string[];
  headings: number;
  /** The full-name finder it used, if any person had a given name. */
  fullNames: ((text: string) => readonly FullNameHit[]) | null;
}

class TreatingAnalyser {
  private readonly infos = listOfObjects<SentenceInfo>();
  private registry: Registry = { people: [], anonymous: new Map(), personOfName: new Map(), peopleBySurname: new Map(), roleReferents: new Map() };
  private fullNames: TreatingRun['fullNames'] = null;
  /** The infos of each heading's sentences, by where the heading starts. */
  private readonly headingInfos = new Map<number, SentenceInfo[]>();
  /** The run that last analysed the sentences, while those read so far leave its registry standing (see `unchangedRun`). */
  private standing: TreatingRun | null = null;
  private fallen = false;
  /** How many of the standing run's relevant texts the sentences read so far gave again, in order. */
  private matched = 0;
  /** The sentences new since the last analysis, in order: all that `adopt` reads. */
  private readonly fresh = listOfObjects<SentenceInfo>();
  /** Whether the registry is the last analysis's (see `unchangedRun`). */
  private adopted = false;
  /** How many sentences are headings, and whether one of them is new (see `unchangedRun`). */
  private headings = 0;
  private newHeading = false;

  constructor(private readonly model: ReportModel, private readonly configured: readonly string[]) {}

  run(): TreatingAnalysis {
    this.readInfos();
    const seeds = this.seeds();
    const previous = this.unchangedRun(seeds);
    if (previous) this.adopt(previous);
    else this.settleRegistry();
    const { people, anonymous } = this.registry;
    const physicians = [...people.map((p) => p.physician), ...anonymous.values()].filter((p) => p.treating);
    return { physicians, ...this.readOpinions(seeds) };
  }

  /**
   * Every sentence's info in order, and for each how many infos up to it were analysed last
   * time and stood in the same order then (see `readOpinions`). The same pass weighs whether
   * the last run's registry still stands (`weigh`) and gathers the new sentences: a long report
   * has tens of thousands of sentences, and each pass over them is paid at every keystroke.
   */
  private readInfos(): void {
    const { blocks } = this.model;
    // Locals rather than fields in the loop: it runs over every sentence at every keystroke,
    // before V8 has optimized it after a report is opened.
    const all = this.infos;
    const { fresh } = this;
    // Whether a section's sentences are skipped, asked once per run of blocks in one section.
    let section: Section | null | undefined;
    let skipped = false;
    let lastIndex = -1;
    let steady = 0;
    for (let b = 0; b < blocks.length; b++) {
      const block = blocks[b];
      if (block.section !== section) {
        section = block.section;
        skipped = inSkippedKind(block);
      }
      const first = all.length;
      const infos = infosOf(block);
      for (let i = 0; i < infos.length; i++) {
        const info = infos[i];
        // A sentence now in another kind of section is read as a new one.
        if (info.skipped !== skipped) {
          info.run = null;
          info.names = NONE;
          info.refs = NONE;
        }
        const { run } = info;
        steady = run === null ? 0 : steady > 0 && info.index === lastIndex + 1 ? steady + 1 : 1;
        lastIndex = info.index;
        info.steady = steady;
        info.index = all.length;
        info.skipped = skipped;
        all.push(info);
        if (run === null) {
          fresh.push(info);
          if (this.standing) this.weigh(info);
        } else if (!this.standing) {
          // The first sentence the last run read names that run: the new ones before it are weighed against it now.
          this.standing = run;
          for (let f = 0; f < fresh.length; f++) this.weigh(fresh[f]);
          this.weigh(info);
        } else if (run !== this.standing || info.names.length || info.refs.length) {
          // A sentence the standing run read, naming no one, leaves it standing: no call for it.
          this.weigh(info);
        }
      }
      if (block.type === 'heading') {
        this.headingInfos.set(block.span.start, all.slice(first));
        this.headings += infos.length;
        if (infos.some((info) => info.run === null)) this.newHeading = true;
      }
    }
  }

  /**
   * One pass in document order: each sentence's opinion, then what it gives the analysis. What
   * a sentence's opinion and disagreement depend on besides its own words (references, and the
   * opinions of sentences before it) is known by the time it is reached. The pass also marks
   * the sentences as analysed by this run, for the next lint to reuse.
   */
  private readOpinions(seeds: string): Omit<TreatingAnalysis, 'physicians'> {
    const run: TreatingRun = { registry: this.registry, seeds, relevant: listOfObjects(), headings: this.headings, fullNames: this.fullNames };
    const mentions = listOfObjects<Mention>();
    const opinions = listOfObjects<TreatingOpinion>();
    const disagreements = listOfObjects<TreatingDisagreement>();
    const { infos, adopted } = this;
    // The calls are made only for the sentences that need them: this loop runs over every
    // sentence at every keystroke, before V8 has optimized it after a report is opened.
    for (let i = 0; i < infos.length; i++) {
      const info = infos[i];
      // The sentence's opinion is the one the last analysis found when the registry it was found
      // by holds (`adopt`: the same headings, so the same sections), and the sentence and those
      // its pronouns may refer back to were analysed then, in the same order. (The other
      // sentences of its records entry were too: a list item is parsed as a whole, so its blocks
      // are all new or all kept.)
      if (!adopted || info.steady <= PRONOUN_REACH) this.findOpinion(info);
      info.run = run;
      const { refs } = info;
      if (info.names.length || refs.length) run.relevant.push(info.sentence.text);
      if (refs.length) this.addMentions(info, mentions);
      if (info.opinionOf?.treating && !info.voiced) opinions.push(this.opinionOf(info));
      if (!info.mayDisagree) continue;
      const disagreement = this.disagreementIn(info);
      if (disagreement) disagreements.push(disagreement);
    }
    return { mentions, opinions, disagreements };
  }

  /** Adds the mentions of treating physicians in the sentence: those of the last analysis while its references are the same. */
  private addMentions(info: SentenceInfo, out: Mention[]): void {
    const { refs } = info;
    if (info.mentionsFrom !== refs) {
      info.mentions = refs.map((reference) => new SentenceMention(info.sentence, reference));
      info.mentionsFrom = refs;
    }
    // By index: most sentences have no references, and an iterator for each is garbage.
    const { mentions } = info;
    for (let r = 0; r < mentions.length; r++) if (mentions[r].physician.treating) out.push(mentions[r]);
  }

  /** The sentence's opinion: the last analysis's while it says the same. */
  private opinionOf(info: SentenceInfo): TreatingOpinion {
    const { opinion, sentence } = info;
    const physician = info.opinionOf!;
    const recorded = isRecording(sentence.block);
    if (opinion?.physician === physician && opinion.topic === info.topic && opinion.recorded === recorded) return opinion;
    return (info.opinion = { physician, sentence, topic: info.topic, recorded });
  }

  /** Finds who every name and role phrase is, and who is treating, from all the sentences. */
  private settleRegistry(): void {
    this.forEachInfo((info) => {
      info.names = NONE;
      info.refs = NONE;
    });
    this.seedFromFrontMatter();
    this.forEachInfo((info) => this.collectNames(info));
    this.collectFullNames();
    this.forEachInfo((info) => this.assignRoles(info));
    this.treatingSectionEntries();
    for (const p of this.registry.people) p.physician.treating = p.fixed || (!p.examiner && p.treatingSigns > 0 && p.otherSigns === 0);
    this.forEachInfo((info) => this.collectReferences(info));
  }

  /** What the registry is settled from besides the sentences: the front matter's and config's people, and the sections' kinds. */
  private seeds(): string {
    const data = this.model.frontMatter?.data ?? {};
    return JSON.stringify([asStrings(data.treating), asStrings(data.examiner), this.configured, this.model.sections.map((s) => s.kinds)]);
  }

  /**
   * The run that last analysed this document's sentences, when its registry still holds: the
   * seeds are the same, no heading came or went, and the sentences that hold a name or a
   * reference have the same texts in the same order (an edit elsewhere in their chunk gives
   * them new sentence objects, not new words), or a new text that settles the registry alike
   * (an edit inside a records entry that names its author). The registry is settled from
   * exactly those sentences, in order, so it comes out the same; the kept names and references
   * of every other sentence stand too.
   */
  private unchangedRun(seeds: string): TreatingRun | null {
    const previous = this.standing;
    if (!previous || this.fallen || previous.seeds !== seeds || this.newHeading || this.headings !== previous.headings) return null;
    return this.matched === previous.relevant.length ? previous : null;
  }

  /** Weighs the next sentence in order against the standing run (see `unchangedRun`). */
  private weigh(info: SentenceInfo): void {
    const previous = this.standing;
    if (!previous || this.fallen) return;
    if (info.run && info.run !== previous) {
      this.fallen = true;
      return;
    }
    const holds = info.run ? info.names.length > 0 || info.refs.length > 0 : mayHoldPeople(info, previous);
    if (!holds) return;
    const before = previous.relevant[this.matched++];
    if (before !== info.sentence.text && !settlesAlike(before, info, previous)) this.fallen = true;
  }

  /** Takes the previous run's registry, and reads the names and references of the sentences new since then by it. */
  private adopt(previous: TreatingRun): void {
    this.adopted = true;
    this.registry = previous.registry;
    this.fullNames = previous.fullNames;
    const withGiven = this.peopleWithGivenNames();
    for (let i = 0; i < this.fresh.length; i++) {
      const info = this.fresh[i];
      this.collectNames(info);
      this.addFullNames(info, withGiven);
      this.collectReferences(info);
    }
  }

  /** Visits every sentence's info in order, by index: a for-of loop over tens of thousands of them allocates an iterator result for each. */
  private forEachInfo(visit: (info: SentenceInfo) => void): void {
    const { infos } = this;
    for (let i = 0; i < infos.length; i++) visit(infos[i]);
  }

  // --- who is who ------------------------------------------------------------------------

  private person(name: PersonName): PersonState {
    // Exact: given names are only ever added to a known person, which never makes an earlier person match.
    const key = nameKey(name);
    let state = this.registry.personOfName.get(key);
    if (!state) this.registry.personOfName.set(key, (state = this.newOrKnownPerson(name)));
    else this.addGivenName(state, name);
    return state;
  }

  private newOrKnownPerson(name: PersonName): PersonState {
    const surname = name.surname.toLowerCase();
    const { people, peopleBySurname } = this.registry;
    const namesakes = peopleBySurname.get(surname);
    const found = namesakes?.find((p) => sameName(p.physician.name!, name));
    if (found) {
      this.addGivenName(found, name);
      return found;
    }
    const state: PersonState = {
      physician: { name, display: name.display, treating: false, roles: new Set() },
      fixed: false, examiner: false, treatingSigns: 0, otherSigns: 0,
    };
    people.push(state);
    if (namesakes) namesakes.push(state);
    else peopleBySurname.set(surname, [state]);
    return state;
  }

  private addGivenName(state: PersonState, name: PersonName): void {
    const known = state.physician.name!;
    if (!known.given && name.given) state.physician.name = { ...known, given: name.given };
  }

  private seedFromFrontMatter(): void {
    const data = this.model.frontMatter?.data ?? {};
    const listed = [...asStrings(data.treating), ...this.configured];
    for (const raw of listed) {
      const name = CREDENTIAL_ONLY.test(raw) ? null : parseName(raw);
      if (!name) continue;
      const state = this.person(name);
      state.fixed = true;
      addRoles(state.physician, raw);
    }
    for (const raw of asStrings(data.examiner)) {
      const name = parseName(raw);
      if (name) this.person(name).examiner = true;
    }
  }

  private collectNames(info: SentenceInfo): void {
    const found = info.facts.names;
    if (!found.length) return;
    info.names = found.map((f) => ({ state: this.person(f.name), start: f.start, end: f.end }));
  }

  /** "Alan Smith" without title or credentials, once the person is known by that full name. */
  private collectFullNames(): void {
    const withGiven = this.peopleWithGivenNames();
    if (!withGiven.length) return;
    this.fullNames = fullNameFinder(withGiven.map((p) => p.physician.name!));
    this.forEachInfo((info) => this.addFullNames(info, withGiven));
  }

  private peopleWithGivenNames(): PersonState[] {
    return this.registry.people.filter((p) => p.physician.name?.given && p.physician.name.given.length > 1);
  }

  /** Adds the full names the finder finds in the sentence (the finder's people are `peopleWithGivenNames`). */
  private addFullNames(info: SentenceInfo, withGiven: PersonState[]): void {
    const hits = this.fullNames?.(info.sentence.text) ?? [];
    if (!hits.length) return;
    info.names = [...info.names, ...hits.map((h) => ({ state: withGiven[h.person], start: h.start, end: h.end }))].sort((a, b) => a.start - b.start);
  }

  /** Gives the names in a sentence the roles that the words around them state. */
  private assignRoles(info: SentenceInfo): void {
    if (!info.names.length) return;
    const text = info.sentence.text;

    // A sentence's names are those of its text unless full names of known people were added.
    const signs = info.names.length === info.facts.names.length ? info.facts.roleSigns : readRoleSigns(text, info.names);
    for (const sign of signs) {
      const { state } = info.names[sign.name];
      if (sign.treating) state.treatingSigns++;
      else state.otherSigns++;
      for (const role of sign.roles) state.physician.roles.add(role);
    }
  }

  /** Names listed in a Treating Physicians section are treating physicians. */
  private treatingSectionEntries(): void {
    this.forEachInfo((info) => {
      const block = info.sentence.block;
      if (!info.names.length || !inTreatingList(block)) return;
      for (const name of info.names) {
        name.state.treatingSigns++;
        addRoles(name.state.physician, specialtyAfter(info.sentence.text, name.end));
      }
    });
  }

  private collectReferences(info: SentenceInfo): void {
    const roles = info.facts.roleReferences;
    if (!info.names.length && !roles.length) return;
    const refs: Reference[] = info.names.map((n) => ({ physician: n.state.physician, start: n.start, end: n.end, via: 'name' }));
    for (const m of roles) {
      const start = m.index;
      const end = m.index + m[0].length;
      if (namedRightAfter(info.names, end)) continue;
      for (const physician of this.resolveRole(m[0])) refs.push({ physician, start, end, via: 'role' });
    }
    info.refs = refs.sort((a, b) => a.start - b.start);
  }

  /** The treating physician(s) a role phrase refers to; an unnamed one when it fits no one named, or several. */
  private resolveRole(phrase: string): Physician[] {
    let physicians = this.registry.roleReferents.get(phrase);
    if (!physicians) this.registry.roleReferents.set(phrase, (physicians = this.readRole(phrase)));
    return physicians;
  }

  private readRole(phrase: string): Physician[] {
    const named = this.registry.people.filter((p) => p.physician.treating).map((p) => p.physician);
    const keys = roleKeys(phrase);
    const plural = /s$/.test(phrase.trim()) && !/\b(?:PTP|PCP)$/.test(phrase.trim());
    if (plural && named.length) return named;
    const byRole = keys.length ? named.filter((p) => keys.every((k) => p.roles.has(k))) : [];
    if (byRole.length === 1) return byRole;
    const generic = keys.every((k) => k === 'ptp' || k === 'attending' || k === 'pcp');
    if (!byRole.length && generic && named.length === 1) return named;
    return [this.unnamed(phrase)];
  }

  private unnamed(phrase: string): Physician {
    const title = phrase.replace(/^\s*(?:the|her|his|their|[\w]+['’]s)\s+(?:own\s+)?/i, '').replace(/\s+/g, ' ').trim();
    const singular = /^(?:PTP|PCP)s$/i.test(title) ? title.slice(0, -1) : title;
    const display = /^(?:PTP|PCP)$/i.test(singular) ? `the ${singular.toUpperCase()}` : `the ${singular.toLowerCase()}`;
    let physician = this.registry.anonymous.get(display);
    if (!physician) {
      physician = { name: null, display, treating: true, roles: new Set(roleKeys(phrase)) };
      this.registry.anonymous.set(display, physician);
    }
    return physician;
  }

  // --- opinions --------------------------------------------------------------------------

  private findOpinion(info: SentenceInfo): void {
    info.opinionOf = undefined;
    info.topic = null;
    const block = info.sentence.block;
    if (block.type === 'heading' || info.skipped || info.facts.question) return;
    const agent = this.opinionAgent(info) ?? this.entryAuthor(info);
    if (!agent) return;
    info.opinionOf = agent.physician;
    info.topic = agent.topic;
  }

  private opinionAgent(info: SentenceInfo): { physician: Physician; topic: OpinionTopic | null } | null {
    const { refs } = info;
    const { pronouns } = info.facts;
    // References and pronouns in the order they stand (a reference first at the same place); the
    // first whose words state an opinion holds it. A pronoun's referent is looked for only then.
    for (let r = 0, p = 0; r < refs.length || p < pronouns.length;) {
      const ref = refs[r];
      const pronoun = pronouns[p];
      if (ref && (!pronoun || ref.start <= pronoun.index)) {
        r++;
        const verdict = info.facts.verdict(ref.start, ref.end, false);
        if (verdict) return { physician: ref.physician, topic: verdict.topic };
      } else {
        p++;
        const verdict = info.facts.verdict(pronoun.index, pronoun.index + pronoun[0].length, true);
        const physician = verdict && this.pronounReferent(info, pronoun.index);
        if (verdict && physician) return { physician, topic: verdict.topic };
      }
    }
    return null;
  }

  /** He/she: the person last named before it in the same block, or at the end of the previous one. */
  private pronounReferent(info: SentenceInfo, offset: number): Physician | null {
    const here = info.refs.filter((r) => r.start < offset);
    if (here.length) return here[here.length - 1].physician;
    for (let i = info.index - 1; i >= 0 && i >= info.index - PRONOUN_REACH; i--) {
      const prev = this.infos[i];
      if (prev.sentence.block.type === 'heading') return null;
      if (prev.refs.length) return prev.refs[prev.refs.length - 1].physician;
      if (prev.sentence.block !== info.sentence.block && prev.sentence.block.list?.item !== info.sentence.block.list?.item) return null;
    }
    return null;
  }

  /** In a records entry, an unattributed summary sentence states the opinion of the entry's author. */
  private entryAuthor(info: SentenceInfo): { physician: Physician; topic: OpinionTopic | null } | null {
    const block = info.sentence.block;
    if (info.voiced || info.refs.length) return null; // a sentence naming someone states that person's words, or nobody's
    if (!info.facts.entryOpinion || !(inKind(block, 'records') || (inKind(block, 'treating') && block.list))) return null;
    const author = this.entrySentences(info).flatMap((i) => i.refs)[0];
    if (!author) return null;
    return { physician: author.physician, topic: info.facts.topic ?? verbTopic(info.sentence.text) };
  }

  /**
   * The infos of the records entry the sentence is in: those of its list item (found around it,
   * as infos are in text order and an item's sentences lie within its span), or of its block.
   */
  private entrySentences(info: SentenceInfo): SentenceInfo[] {
    const { block } = info.sentence;
    if (!block.list) {
      const first = info.index - block.sentences.indexOf(info.sentence);
      return this.infos.slice(first, first + block.sentences.length);
    }
    const { item } = block.list;
    const span = spanOf(item);
    let first = info.index;
    while (first > 0 && this.infos[first - 1].sentence.span.start >= span.start) first--;
    const out: SentenceInfo[] = [];
    for (let i = first; i < this.infos.length && this.infos[i].sentence.span.start < span.end; i++) {
      if (this.infos[i].sentence.block.list?.item === item) out.push(this.infos[i]);
    }
    return out;
  }

  /** The block's index in the model: found by its start, or by a search where blocks share it. */
  private blockIndex(block: Block): number {
    const { blocks } = this.model;
    const found = firstStartingAt(blocks, block.span.start);
    return blocks[found] === block ? found : blocks.indexOf(block);
  }

  // --- disagreements ---------------------------------------------------------------------

  /** The disagreement the sentence states with a treating physician, if it states one (asked only of a sentence that `mayDisagree`). */
  private disagreementIn(info: SentenceInfo): TreatingDisagreement | null {
    const { facts } = info;
    const block = info.sentence.block;
    if (block.type === 'heading' || info.skipped || facts.question || inKind(block, 'records')) return null;
    const explicit = this.explicitTarget(info);
    const target = explicit ?? this.implicitTarget(info);
    if (!target?.treating) return null;
    const unit = this.unitOf(info.sentence);
    const unitSentences = unit.flatMap((b) => b.sentences);
    return {
      physician: target,
      sentence: info.sentence,
      implicit: !explicit,
      topic: facts.topic ?? this.lastOpinionTopic(info, target),
      unit,
      connector: unitSentences.some((s) => sentenceFacts(s.text).reasons.connector),
      evidence: unitSentences.some((s) => sentenceFacts(s.text).reasons.evidence),
    };
  }

  /** The person an explicit disagreement marker in the sentence is aimed at (treating or not), or null. */
  private explicitTarget(info: SentenceInfo): Physician | null {
    if (!info.facts.markers) return null;
    const text = info.facts.masked;
    const { refs } = info;
    const after = (at: number) => refs.find((r) => r.start >= at && r.start - at <= 60 && !/;/.test(text.slice(at, r.start)));
    const before = (at: number) => [...refs].reverse().find((r) => r.end <= at);

    for (const re of PERSONAL_MARKERS) {
      for (const m of matchAll(re, text)) {
        const end = m.index + m[0].length;
        const verb = m[0].search(/\b(?:disagree|differ|dissent|reject|dispute|take\s+issue|disagreement)\b/i);
        if (verb >= 0 && NEGATED_BEFORE.test(text.slice(0, m.index + verb))) continue;
        const object = text.slice(end);
        if (NOT_TREATING_OBJECT.test(object)) return null;
        const target = after(end);
        if (target) return target.physician;
        // "I disagree with the FCE results": aimed at something other than a person or their opinion.
        if (/^\s*with\b/i.test(object) && !OPINION_ANAPHORA.test(object.slice(0, 60))) return null;
        const earlier = before(m.index);
        if (earlier) return earlier.physician;
        return this.anaphoraTarget(info, text);
      }
    }
    for (const { re, target: side } of NAMED_MARKERS) {
      for (const m of matchAll(re, text)) {
        const end = m.index + m[0].length;
        if (side === 'after' && NOT_TREATING_OBJECT.test(text.slice(end))) return null;
        if (/unlike/i.test(m[0]) && !/\b(?:I|my)\b/.test(text)) continue;
        if (AGREEMENT.test(text) && !/\bnot\s+(?:\w+\s+)?(?:agree|concur)/i.test(text)) continue;
        const target = side === 'after' ? after(end) : side === 'before' ? before(m.index) : (before(m.index) ?? after(end));
        if (target) return target.physician;
        if (side === 'before' && OPINION_ANAPHORA.test(text.slice(0, m.index))) return this.anaphoraTarget(info, text);
      }
    }
    for (const m of matchAll(PARTIAL_AGREEMENT, text)) {
      const target = after(m.index + m[0].length) ?? before(m.index + m[0].length);
      if (target) return target.physician;
    }
    return null;
  }

  /** "I disagree with that recommendation" / "I do not agree.": whose opinion came just before. */
  private anaphoraTarget(info: SentenceInfo, text: string): Physician | null {
    const block = info.sentence.block;
    const reach = OPINION_ANAPHORA.test(text) ? 6 : 1;
    let seen = 0;
    for (let i = info.index - 1; i >= 0 && seen < reach; i--) {
      const prev = this.infos[i];
      if (prev.sentence.block.type === 'heading') break;
      if (prev.sentence.block !== block && !this.adjacent(prev.sentence.block, block)) break;
      seen++;
      if (prev.opinionOf) return prev.opinionOf;
    }
    const heading = this.headingPhysician(block);
    return heading && !OPINION_ANAPHORA.test(text) ? heading : null;
  }

  /** A treating physician's opinion, then "However, I find ..." in the same or the next sentence. */
  private implicitTarget(info: SentenceInfo): Physician | null {
    if (!info.facts.judges) return null;
    const text = info.facts.masked;
    const topic = topicOf(text);
    const compatible = (other: OpinionTopic | null) => !topic || !other || other === topic;
    if (info.opinionOf?.treating) {
      const contrast = CONTRAST_INSIDE.exec(text);
      const judgment = JUDGMENT.exec(text);
      if (contrast && judgment && contrast.index < judgment.index && contrast[0] !== '.') return info.opinionOf;
    }
    if (!CONTRAST_START.test(text)) return null;
    const prev = this.infos[info.index - 1];
    if (!prev || prev.sentence.block.type === 'heading' || !prev.opinionOf?.treating || prev.voiced) return null;
    if (prev.sentence.block !== info.sentence.block && !this.adjacent(prev.sentence.block, info.sentence.block)) return null;
    return compatible(prev.topic) ? prev.opinionOf : null;
  }

  private lastOpinionTopic(info: SentenceInfo, physician: Physician): OpinionTopic | null {
    for (let i = info.index - 1; i >= 0; i--) {
      const prev = this.infos[i];
      if (prev.opinionOf === physician && prev.topic) return prev.topic;
    }
    return null;
  }

  /** The only treating physician a section heading above the block names, if there is one. */
  private headingPhysician(block: Block): Physician | null {
    for (const section of sectionsAt(block)) {
      if (section === this.model.sections[0] && section.heading.depth === 1) break;
      const named = this.headingRefs(section);
      if (!named.length) continue;
      const distinct = new Set(named);
      if (distinct.size === 1 && named[0].treating) return named[0];
      return null;
    }
    return null;
  }

  private headingRefs(section: Section): Physician[] {
    return (this.headingInfos.get(section.heading.span.start) ?? []).flatMap((info) => info.refs.map((r) => r.physician));
  }

  /** True when `b` comes shortly after `a` with no heading between. */
  private adjacent(a: Block, b: Block): boolean {
    const i = this.blockIndex(a);
    const j = this.blockIndex(b);
    return j > i && j - i <= 3 && this.model.blocks.slice(i + 1, j).every((x) => x.type !== 'heading');
  }

  /** The prose blocks inside `span` (not a heading, nor one starting where it ends). */
  private proseWithin(span: Span): Block[] {
    return blocksWithin(this.model, span).filter((b) => b.type !== 'heading' && b.span.start < span.end);
  }

  /** RULES.md "Discussion unit": the paragraph, the one after it, and a subsection about the physician. */
  private unitOf(sentence: Sentence): Block[] {
    const block = sentence.block;
    const spans: Span[] = [paragraphSpan(block)];
    const next = nextParagraphSpan(this.model.blocks[firstStartingAt(this.model.blocks, spans[0].end)], block);
    if (next) spans.push(next);
    for (const section of sectionsAt(block)) {
      if (section.heading.depth === 1 && section === this.model.sections[0]) break;
      const named = new Set(this.headingRefs(section));
      if (!named.size) continue;
      if (named.size === 1 && [...named][0].treating) spans.push(section.span);
      break;
    }
    const unit = new Set(spans.flatMap((span) => this.proseWithin(span)));
    return [...unit].sort((a, b) => a.span.start - b.span.start);
  }
}

// ---------------------------------------------------------------------------------------
// Helpers

const nameKeys = new WeakMap<PersonName, string>();

/** Names with the same key are the same name to `sameName`; parsed names are shared by lints, so each key is made once. */
function nameKey(name: PersonName): string {
  let key = nameKeys.get(name);
  if (key === undefined) nameKeys.set(name, (key = `${name.surname.toLowerCase()}\n${name.given?.toLowerCase() ?? ''}`));
  return key;
}

function asStrings(value: unknown): string[] {
  if (typeof value === 'string') return value.split(/\s*;\s*/).filter(Boolean);
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

interface FullNameHit {
  /** Index of the person in the list the finder was made for. */
  person: number;
  start: number;
  end: number;
}

/** Finders by the names they look for: the people of a report stay the same from one edit to the next. */
const fullNameFinders = new Map<string, (text: string) => readonly FullNameHit[]>();
const MAX_FULL_NAME_FINDERS = 4;

/** The full names ("Alan Smith") in a sentence, where they do not overlap a titled or credentialed name. */
function fullNameFinder(people: readonly PersonName[]): (text: string) => readonly FullNameHit[] {
  const key = people.map((p) => `${p.given} ${p.surname}`).join('\n');
  let finder = fullNameFinders.get(key);
  if (finder) return finder;
  // One pattern per person, built once: sentences are many.
  const patterns = people.map(({ given, surname }) => ({ surname, re: new RegExp(String.raw`\b${escape(given!)}\s+(?:[A-Z]\.\s+)?${escape(surname)}\b`, 'g') }));
  const memo = new TextMemo<readonly FullNameHit[]>();
  const read = (text: string) => {
    const taken: { start: number; end: number }[] = [...findNames(text)];
    const hits: FullNameHit[] = [];
    patterns.forEach(({ surname, re }, person) => {
      if (!text.includes(surname)) return;
      for (const m of allMatches(re, text)) {
        const hit = { person, start: m.index, end: m.index + m[0].length };
        if (taken.some((t) => spansOverlap(t, hit))) continue;
        taken.push(hit);
        hits.push(hit);
      }
    });
    return hits;
  };
  // Only texts holding a surname are kept: most hold none, and finding that is cheaper than a memo entry.
  finder = (text) => (patterns.some(({ surname }) => text.includes(surname)) ? memo.get(text, read) : NONE);
  if (fullNameFinders.size >= MAX_FULL_NAME_FINDERS) fullNameFinders.delete(fullNameFinders.keys().next().value!);
  fullNameFinders.set(key, finder);
  return finder;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Each pattern's global twin, for `matchAll`. */
const globalPatterns = new WeakMap<RegExp, RegExp>();

/**
 * Every match of `re` in `text`. Not memoised by text: the sentence facts that ask are kept per
 * text already, and a memo per pattern held tens of thousands of empty lists on a long report.
 */
function matchAll(re: RegExp, text: string): readonly RegExpExecArray[] {
  let global = globalPatterns.get(re);
  if (!global) globalPatterns.set(re, (global = re.flags.includes('g') ? re : new RegExp(re.source, `${re.flags}g`)));
  return allMatches(global, text);
}

/** What the words around a name say of its holder: a treating role (with role keys) or another role. */
interface RoleSign {
  /** Index of the name among the sentence's names. */
  name: number;
  treating: boolean;
  roles: readonly string[];
}

/** The role signs the sentence gives its names (at offsets `names`, in order). */
function readRoleSigns(text: string, names: readonly { start: number; end: number }[]): RoleSign[] {
  const signs: RoleSign[] = [];
  const local = names.map((n, index) => ({ ...n, index }));
  const roleSpans: { start: number; end: number; treating: boolean }[] = [];
  for (const m of matchAll(TREATING_ROLE, text)) {
    if (!negatedRole(text, m.index)) roleSpans.push({ start: m.index, end: m.index + m[0].length, treating: true });
  }
  for (const m of matchAll(OTHER_ROLE, text)) roleSpans.push({ start: m.index, end: m.index + m[0].length, treating: false });

  for (const role of roleSpans) {
    const holder = roleHolder(text, local, role, roleSpans);
    if (!holder) continue;
    const roles = role.treating ? [...roleKeys(text.slice(role.start, role.end)), ...roleKeys(specialtyAfter(text, holder.end))] : [];
    signs.push({ name: holder.index, treating: role.treating, roles });
  }
  for (const name of local) {
    if (CARE_OF.test(text.slice(Math.max(0, name.start - 60), name.start))) {
      signs.push({ name: name.index, treating: true, roles: roleKeys(specialtyAfter(text, name.end)) });
    }
  }
  const operated = OPERATED.exec(text);
  if (operated) {
    const before = local.filter((n) => n.end <= operated.index);
    const subject = before[before.length - 1];
    if (subject && before.length === 1 && !/[;:]/.test(text.slice(subject.end, operated.index))) {
      signs.push({ name: subject.index, treating: true, roles: ['surgeon', ...roleKeys(specialtyAfter(text, subject.end))] });
    }
  }
  return signs;
}

/** "I am not her treating physician": the examiner describing themself, not a treating physician. */
function negatedRole(text: string, index: number): boolean {
  return /\b(?:not|never|no|I\s+am|I'm|I\s+was|as)\s+(?:\w+\s+)?$/i.test(text.slice(Math.max(0, index - 25), index));
}

const ALL_MARKERS: readonly RegExp[] = [...PERSONAL_MARKERS, ...NAMED_MARKERS.map((m) => m.re), PARTIAL_AGREEMENT];

/**
 * What a sentence's words alone say, read when first asked and kept with the text: every
 * lint asks the same of every sentence, and after an edit almost all sentences are unchanged.
 */
class SentenceFacts {
  private namesValue?: readonly FoundName[];
  private voicedValue?: boolean;
  private questionValue?: boolean;
  private topicValue?: OpinionTopic | null;
  private roleReferencesValue?: readonly RegExpExecArray[];
  private pronounsValue?: readonly RegExpExecArray[];
  private entryOpinionValue?: boolean;
  private maskedValue?: string;
  private markersValue?: boolean;
  private judgesValue?: boolean;
  private reasonsValue?: { connector: boolean; evidence: boolean };
  private roleSignsValue?: readonly RoleSign[];
  /** Verdicts on the candidates asked about, by offsets and kind. */
  private readonly verdicts = new Map<number, Verdict>();

  constructor(readonly text: string) {}

  /** The examiner speaks in the first person ("I", "my", "we"). */
  get voiced(): boolean {
    return (this.voicedValue ??= FIRST_PERSON.test(this.text));
  }

  get question(): boolean {
    // Most sentences hold no question mark: that test is cheaper than the anchored pattern.
    return (this.questionValue ??= this.text.includes('?') && /\?["'”’)]*\s*$/.test(this.text));
  }

  /** The topic named first. */
  get topic(): OpinionTopic | null {
    if (this.topicValue === undefined) this.topicValue = firstTopic(this.text);
    return this.topicValue;
  }

  /** Titled or credentialed names ("Dr. Smith", "Alan Smith, M.D."). */
  get names(): readonly FoundName[] {
    return (this.namesValue ??= findNames(this.text));
  }

  /** Role phrases that refer to a treating physician ("the PTP"), leaving out the examiner's own ("I am not her treating physician"). */
  get roleReferences(): readonly RegExpExecArray[] {
    return (this.roleReferencesValue ??= roleReferencesIn(this.text));
  }

  get pronouns(): readonly RegExpExecArray[] {
    return (this.pronounsValue ??= matchAll(PRONOUN, this.text));
  }

  /** A records entry's summary that states its author's opinion without naming them. */
  get entryOpinion(): boolean {
    return (this.entryOpinionValue ??= ENTRY_OPINION.test(this.text));
  }

  /** Quoted words belong to someone else: blanked, so their "I disagree" is not the examiner's. */
  get masked(): string {
    return (this.maskedValue ??= this.text.replace(/“[^”]{0,400}”|"[^"]{0,400}"/g, (q) => ' '.repeat(q.length)));
  }

  /** A disagreement marker occurs outside quotations: most sentences hold none. */
  get markers(): boolean {
    return (this.markersValue ??= holdsMarker(this.masked));
  }

  /** The examiner gives a judgment of their own (outside quotations) that is not agreement. */
  get judges(): boolean {
    return (this.judgesValue ??= judgesIn(this.masked));
  }

  /** Whether the sentence gives a reason connector, and evidence, for a disagreement around it. */
  get reasons(): { connector: boolean; evidence: boolean } {
    return (this.reasonsValue ??= hasReasoning(this.text));
  }

  /** The role signs the sentence gives the names it holds by itself (`names`). */
  get roleSigns(): readonly RoleSign[] {
    return (this.roleSignsValue ??= readRoleSigns(this.text, this.names));
  }

  /** Whether the person at [start, end) (a name or role, or a pronoun) states an opinion there. */
  verdict(start: number, end: number, pronoun: boolean): Verdict {
    const key = (start * (this.text.length + 1) + end) * 2 + (pronoun ? 1 : 0);
    let verdict = this.verdicts.get(key);
    if (verdict === undefined) this.verdicts.set(key, (verdict = readVerdict(this.text, start, end, pronoun)));
    return verdict;
  }
}

// The getters above call these rather than hold arrow functions: a function that holds a
// closure over its own variables makes their context at every call, even a call that answers
// from memory without making the closure.
function holdsMarker(text: string): boolean {
  return ALL_MARKERS.some((re) => matchAll(re, text).length > 0);
}

function roleReferencesIn(text: string): readonly RegExpExecArray[] {
  return matchAll(ROLE_REFERENCE, text).filter((m) => !negatedRole(text, m.index));
}

function judgesIn(text: string): boolean {
  return JUDGMENT.test(text) && !(AGREEMENT.test(text) && !/\bnot\s+(?:\w+\s+)?(?:agree|concur)/i.test(text));
}

const factsByText = new TextMemo<SentenceFacts>();

function sentenceFacts(text: string): SentenceFacts {
  return factsByText.get(text, (t) => new SentenceFacts(t));
}

function roleKeys(phrase: string): string[] {
  return ROLE_KEYS.filter(([, re]) => re.test(phrase)).map(([key]) => key);
}

function addRoles(physician: Physician, text: string): void {
  for (const key of roleKeys(text)) physician.roles.add(key);
}

/** The specialty an appositive gives right after a name: "Chinedu Okafor, M.D., orthopedic surgery". */
function specialtyAfter(text: string, end: number): string {
  const tail = /^[^.;:]{0,60}/.exec(text.slice(end))?.[0] ?? '';
  return /^\s*[,(]/.test(tail) ? tail : '';
}

/** Which name a role phrase belongs to: adjacent after it ("PTP Dr. Reyes") or in apposition before it. */
function roleHolder<T extends { start: number; end: number }>(
  text: string,
  names: readonly T[],
  role: { start: number; end: number; treating: boolean },
  roles: readonly { start: number; end: number }[],
): T | null {
  const following = names.find((n) => n.start >= role.end && /^[\s:(]*(?:,\s*)?(?:is\s+|was\s+)?(?:Dr\b)?$/.test(text.slice(role.end, n.start)) && n.start - role.end <= 6);
  if (following && (role.treating || !/counsel|attorney/i.test(text.slice(role.start, role.end)))) return following;
  const preceding = [...names].reverse().find((n) => n.end <= role.start);
  if (!preceding) return null;
  const gap = text.slice(preceding.end, role.start);
  if (gap.length > 70 || /[.;]/.test(gap.replace(/\b(?:M\.D|D\.O|Ph\.D|Psy\.D|D\.C)\./g, ''))) return null;
  if (!/^(?:\s*,|\s*\(|\s+(?:who|is|was|has|had|became|remains|as)\b|\s*['’]s?\s+\w+\s*$)/.test(gap) && gap.trim() !== '') return null;
  if (roles.some((r) => r !== role && r.start >= preceding.end && r.end <= role.start)) return null;
  return preceding;
}

/** An opinion stated by the person a candidate names, with its topic: what the words around the candidate say. */
type Verdict = { topic: OpinionTopic | null } | null;

function readVerdict(text: string, start: number, end: number, pronoun: boolean): Verdict {
  const topic = topicOf(text);
  const after = text.slice(end);
  const before = text.slice(0, start);
  if (!pronoun && (POSSESSIVE_OPINION.test(after) || ACCORDING_TO.test(before) || PASSIVE_BY.test(before))) {
    if (POSSESSIVE_OPINION.test(after) || topic) return { topic: topic ?? verbTopic(after) };
  }
  if (!pronoun && POSSESSIVE_DOCUMENT.test(after) && topic) return { topic };
  const gap = SUBJECT_GAP.exec(after);
  if (!gap) return null;
  const verb = after.slice(gap[0].length);
  if (pronoun ? PRONOUN_VERB.test(verb) : OPINION_VERB.test(verb)) return { topic: topicOf(verb) ?? verbTopic(verb) ?? topic };
  if (!pronoun && REPORTING_VERB.test(verb) && /^\w+\s+that\b/i.test(verb) && topicOf(verb)) return { topic: topicOf(verb) };
  return null;
}

const topicsByText = new TextMemo<OpinionTopic | null>();

/** The topic named first in the text. */
function topicOf(text: string): OpinionTopic | null {
  return topicsByText.get(text, firstTopic);
}

function firstTopic(text: string): OpinionTopic | null {
  let best: { topic: OpinionTopic; at: number } | null = null;
  for (const [topic, re] of TOPICS) {
    re.lastIndex = 0;
    const m = re.exec(text);
    if (m && (!best || m.index < best.at)) best = { topic, at: m.index };
  }
  return best?.topic ?? null;
}

function verbTopic(text: string): OpinionTopic | null {
  if (/\bdiagnos/i.test(text)) return 'diagnosis';
  if (/\b(?:recommend|request|propos|suggest|advis|plan)/i.test(text)) return 'treatment';
  return null;
}

function isRecording(block: Block): boolean {
  if (RECORDING_KINDS.some((k) => inKind(block, k))) return true;
  if (inKind(block, 'treating')) return true;
  return !OPINION_KINDS.some((k) => inKind(block, k)) && !SKIPPED_KINDS.some((k) => inKind(block, k));
}

/** The block's paragraph: the list item it is in, the whole table for a row, or itself. */
function paragraphSpan(block: Block): Span {
  if (block.list) return spanOf(block.list.item);
  if (block.type === 'tableRow' && block.table) return spanOf(block.table);
  return block.span;
}

/** The paragraph that `next` starts: a paragraph, a whole table, or a whole list (the next item, inside the same list). */
function nextParagraphSpan(next: Block | undefined, block: Block): Span | null {
  if (!next || next.type === 'heading') return null;
  if (next.list) return block.list && next.list.list === block.list.list ? spanOf(next.list.item) : spanOf(next.list.list);
  if (next.type === 'tableRow' && next.table) return spanOf(next.table);
  return next.span;
}

// ---------------------------------------------------------------------------------------
// Editor helpers (wired into the LSP by the server)

/** Names to offer after "Dr." in completion: each treating physician's full name and surname. */
export function treatingNames(model: ReportModel): string[] {
  const names = new Set<string>();
  for (const p of analyseTreating(model).physicians) {
    if (!p.name) continue;
    if (p.name.given && p.name.given.length > 1) names.add(`${p.name.given} ${p.name.surname}`);
    names.add(p.name.surname);
  }
  return [...names];
}

/** Hover text (Markdown) for a treating physician's name or role at `offset`: their opinions and where the report discusses them. */
export function treatingHover(model: ReportModel, offset: number): string | null {
  const analysis = analyseTreating(model);
  const mention = analysis.mentions.find((m) => m.span.start <= offset && offset < m.span.end);
  if (!mention) return null;
  const physician = mention.physician;
  const line = (span: Span) => model.lines.positionAt(span.start).line + 1;
  const where = (m: Mention) => `line ${line(m.span)}${sectionTitle(m.sentence.block)}`;
  const discussing = analysis.mentions.filter((m) => m.physician === physician && isDiscussion(m.sentence, analysis));
  const roles = [...physician.roles].join(', ');
  const out = [`**${physician.display}**: treating physician${roles ? ` (${roles})` : ''}`];
  const opinions = analysis.opinions.filter((o) => o.physician === physician);
  if (!opinions.length) {
    out.push('', 'No opinion of theirs is recorded in this report.');
  } else {
    out.push('', 'Opinions recorded in this report:');
    const elsewhere = unique(discussing.map(where));
    for (const opinion of opinions) {
      // A mention discusses the opinion when it is about the same topic, names no topic, or
      // answers it in the same paragraph ("Dr. H opined ... I agree with Dr. H, because ...").
      const same = unique(discussing.filter((m) => m.sentence !== opinion.sentence
        && (m.sentence.block === opinion.sentence.block || (topicOf(m.sentence.text) ?? opinion.topic) === opinion.topic)).map(where));
      const status = same.length
        ? `discussed at ${same.join(', ')}`
        : `not discussed in the opinion sections${elsewhere.length ? ` (${physician.display} is mentioned at ${elsewhere.join(', ')})` : ''}`;
      out.push(`- line ${line(opinion.sentence.span)}${opinion.topic ? ` (${opinion.topic})` : ''}: ${excerpt(opinion.sentence.text)} — ${status}`);
    }
  }
  const disagreements = analysis.disagreements.filter((d) => d.physician === physician);
  if (disagreements.length) out.push('', `Disagreements: ${disagreements.map((d) => `line ${line(d.sentence.span)}`).join(', ')}`);
  return out.join('\n');
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 90 ? `"${flat.slice(0, 87)}..."` : `"${flat}"`;
}

function sectionTitle(block: Block): string {
  return block.section ? ` (${block.section.heading.text})` : '';
}

/** A mention in an opinion section that is not itself a recorded opinion: the examiner discussing the physician. */
export function isDiscussion(sentence: Sentence, analysis: TreatingAnalysis): boolean {
  const block = sentence.block;
  if (block.type === 'heading' || inKind(block, 'records')) return false;
  // The examiner weighing the physician ("I agree with Dr. Smith") discusses them wherever it stands.
  if (sentenceFacts(sentence.text).voiced && WEIGHING.test(sentence.text)) return true;
  if (RECORDING_KINDS.some((k) => inKind(block, k)) || !OPINION_KINDS.some((k) => inKind(block, k))) return false;
  return !analysis.opinions.some((o) => o.sentence === sentence && o.recorded);
}
