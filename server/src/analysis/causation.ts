import type { Block, ReportModel, Section, Sentence } from '../engine/model.js';
import { blocksIn } from '../engine/model.js';
import { PROFILES } from '../engine/profiles.js';
import type { SectionKind } from '../engine/sections.js';
import { shifted, shiftedAll, TextMemo } from '../engine/memo.js';
import { allMatches, type Span } from '../engine/text.js';
import { findDates } from './dates.js';
import { findEvidence, findReasonConnector } from './evidence.js';

/**
 * Causation conclusions (RULES.md "Causation quality"): sentences in which the examiner
 * asserts or denies a causal link between a condition and the event, work or exposure in
 * question, read clause by clause so that negation and hedges count only where they bear
 * on the link ("it is possible, but not probable, that..." is a finding; "..., and she may
 * still notice stiffness" does not hedge the conclusion before it).
 */

export type Polarity = 'asserts' | 'denies';

export interface Phrase {
  span: Span;
  text: string;
}

export interface Reasoning {
  connector: Phrase | null;
  evidence: Phrase | null;
  /** The section whose text was read for reasons (the conclusion's paragraph included). */
  section: Section | null;
}

export interface CausationConclusion {
  sentence: Sentence;
  /** Whether the sentence asserts (true) or denies (false) the causal link. */
  positive: boolean;
  polarity: Polarity;
  /** The causal phrase ("caused by", "arose out of", "industrial", or the "Yes" answering a causation question). */
  link: Phrase;
  condition: Phrase | null;
  event: Phrase | null;
  /** Speculative words in the link's own clause that are not negated ("could have", "may"). */
  hedges: Phrase[];
  /** Probability and certainty phrases in the sentence ("more likely than not", "not probable"). */
  certainty: Phrase[];
  /** The link sits in a concession ("Although it is possible that ..., ...") and is not the finding itself. */
  concessive: boolean;
  /** Reasons found for it: reason connectors and evidence references in its paragraph or the rest of its section. */
  reasoning: Reasoning;
  /** The nearest section with a known kind (else the innermost one) that holds the conclusion. */
  section: Section | null;
}

export interface CausationAnalysis {
  conclusions: CausationConclusion[];
}

// ---------------------------------------------------------------------------------------
// Vocabulary

/** The event, work or exposure in question. */
const EVENT_ONLY = String.raw`accidents?|incidents?|events?|injur(?:y|ies)|falls?|fell|slip(?:ped)?|trip(?:ped)?|collisions?|crash(?:es)?|MVA|MVC|motor\s+vehicle|impacts?|rear-end(?:ed)?|lift(?:ing|ed|s)?|twist(?:ing|ed)?|pivot(?:ing|ed)?|transfer|bending|pushing|pulling|carrying|blow|struck|assault(?:ed)?|exposures?|exposed|trauma|cumulative|CT|repetitive|repetition|overuse|work(?:ing|place)?|employment|employer|jobs?|duties|occupation(?:al)?|industrial(?:ly)?|stressors?|stress|mechanism|DOI|claim|keg|case|load|explosion|burn|crush|vibration|keyboarding|typing|gripping|pinching|kneeling|squatting|climbing|harassment|criticism|caseload|`;
/** Alternative causes examiners weigh against the event: degeneration, age, prior injuries, other exposures. */
const ALTERNATIVE = String.raw`degenerat\w*|age|aging|ageing|age-related|natural\s+(?:history|progression|course)|pre-?existing|prior|previous|earlier|diabetes|obesity|weight|smoking|congenital|developmental|genetic|hereditary|constitutional|arthritis|osteoarthritis|spondylosis|non-?industrial|personal|hobb(?:y|ies)|recreational|sports?|softball|basketball|home|outside|underlying|other\s+(?:factors|causes|conditions)|caregiving|divorce`;
/** Either side of a causation finding: the event or an alternative cause. */
const EVENT = new RegExp(String.raw`\b(?:${EVENT_ONLY}|${ALTERNATIVE})\b`, 'i');
/** In a diagnosis list "secondary to" usually links two conditions; only the event itself makes it a causation finding. */
const EVENT_NOT_ALTERNATIVE = new RegExp(String.raw`\b(?:${EVENT_ONLY})\b`, 'i');

/** The event itself, for links that describe more than causation ("consistent with", "aggravated by"). */
const STRICT_EVENT = /\b(?:accident|incident|event|injury\s+(?:of|on)|fall|collision|crash|MVA|MVC|motor\s+vehicle|impact|lift(?:ing)?|twist(?:ing)?|pivot(?:ing)?|assault|trauma|exposure|employment|industrial|work\s+(?:injury|accident|incident|exposure|activities)|(?:her|his|their)\s+(?:work|job|employment))\b/i;

/** Words that name a condition (the thing caused), for links too loose to stand alone ("related to"). */
const CONDITION = new RegExp(String.raw`\b(?:conditions?|injur(?:y|ies)|diagnos[ie]s|symptoms?|complaints?|pain|aches?|strains?|sprains?|tears?|ruptures?|fractures?|herniations?|protrusions?|bulges?|extrusions?|syndromes?|disorders?|diseases?|lesions?|contusions?|concussions?|lacerations?|dislocations?|subluxations?|instability|impingement|stenosis|degeneration|changes|desiccation|osteophytes?|spurs?|complex|acromion|abnormalit(?:y|ies)|damage|deficits?|numbness|tingling|paresthesias?|weakness|headaches?|migraines?|depression|anxiety|PTSD|insomnia|impairment|disability|loss|illness|infection|hernia|burns?|scars?|wounds?|problems?|dysfunction|neuralgia|palsy|sciatica|spasms?|tinnitus|asthma|dermatitis|need\s+for|whiplash|WAD|CTS|TBI|carpal\s+tunnel|trigger\s+finger|effusion|edema|\w+(?:itis|opathy|osis|algia|pathy)|it|this|these|they|both|each|which)\b`, 'i');

/** A definite reference to this case: the generic "tears can be caused by falls" lacks one. */
const DEFINITE = /\b(?:the|this|that|these|those|her|his|their|its|my|Mr|Ms|Mrs|Mx|claimant|applicant|examinee|patient|plaintiff|employee|worker)\b|\w['’]s\b|\d/i;
/** A loose link stated of a condition: "is related to", "was most likely due to", "developed ... as a result of". */
const LINKING_VERB_BEFORE = /\b(?:is|are|was|were|be|been|being|remains?|remained|appears?|seems?|became|becomes?)\s+(?:(?:not|also|likely|probably|possibly|causally|directly|entirely|solely|partly|partially|primarily|predominantly|medically|most|more|than|wholly|both|in|part|all|clearly|reasonably|still|only|at|least|mainly|largely|fully|well|may|might|could|have|be|been|therefore|thus|a|n't)\s+){0,6}$|\b(?:is|are|was|were)\b[^,;]*\band\s+(?:not\s+|also\s+)?$/i;
const CONDITION_VERB = /\b(?:developed|develops|suffered|suffers|sustained|incurred|experienced|injured|tore|strained|sprained|fractured|has|had|have)\b/i;
const GENERIC_MARKER = /\b(?:commonly|often|typically|usually|frequently|generally|classically|can|tends?\s+to|(?:is|are)\s+known\s+to)\s+(?:be\s+)?$/i;

interface LinkPattern {
  re: RegExp;
  /**
   * forward: condition before, event after ("X was caused by Y"); backward: event before ("Y caused X");
   * self: the phrase itself names the link ("causally related", "arose out of"); aggravation: either way round.
   */
  direction: 'forward' | 'backward' | 'self' | 'aggravation';
  /** Loose links need a condition word before them and an event word on the event side. */
  loose?: boolean;
  /** The link is a verb ("resulted from") rather than a predicate that needs "is" ("is related to"). */
  verb?: boolean;
}

const LINKS: LinkPattern[] = [
  { re: /\bcausally\s+(?:related|connected|linked|associated|attributable)(?:\s+(?:to|with))?\b|\bcausal\s+(?:relationship|relation|connection|link|nexus|association|contribution)\b/gi, direction: 'self' },
  { re: /\bindustrial\s+causation\b|\bcausation\s+(?:is|was|has\s+been)\s+(?:not\s+)?(?:established|found|present|supported|met|shown)\b/gi, direction: 'self' },
  { re: /\bAOE\s*[/-]?\s*COE\b|\barising\s+out\s+of\s+and\s+(?:occurring\s+)?in\s+the\s+course\s+of\b|\b(?:arose|arises|arise|arisen)\s+out\s+of(?:\s+and\s+(?:occurred\s+)?in\s+the\s+course\s+of)?\b|\bin\s+the\s+course\s+(?:and\s+scope\s+)?of\s+(?:her|his|their|the|its)?\s*(?:employment|work)\b/gi, direction: 'self' },
  { re: /\bpredominant\s+as\s+to\s+all\s+causes\b/gi, direction: 'self' },
  { re: /\b(?:aggravat(?:ed|ion|es|e|ing)|exacerbat(?:ed|ion|es|e|ing)|accelerat(?:ed|ion|es|e|ing)|l(?:it|ighting|ighted)\s+up)\b/gi, direction: 'aggravation' },
  { re: /\b(?:caused|causes|cause)\s+by\b/gi, direction: 'forward' },
  { re: /\bindustrially\s+(?:related|caused|incurred|induced|aggravated)\b|\b(?:work|job|employment|occupationally)[\s-](?:related|connected|caused|induced|incurred)\b/gi, direction: 'self' },
  { re: /\b(?:caused|causes|cause|causing)\b(?!\s+by\b)|\b(?:produced|produces|led\s+to|leads\s+to|resulted\s+in|results\s+in|gave\s+rise\s+to|gives\s+rise\s+to|brought\s+on|triggered|precipitated|contributed(?:\s+to)?|contributes(?:\s+to)?|is\s+responsible\s+for|was\s+responsible\s+for)\b/gi, direction: 'backward' },
  { re: /\b(?:(?:a|an|the)\s+(?:\w+\s+){0,2}?(?:cause|causes|factor|contributor|precipitant|trigger)\s+(?:of|for|in|to))\b/gi, direction: 'backward' },
  { re: /\b(?:related|relates|relating|connected|linked|attributable|attributed|secondary|due)\s+to\b(?!\s+the\s+fact)/gi, direction: 'forward', loose: true },
  { re: /\b(?:(?:the|a|an)\s+(?:direct\s+|natural\s+|indirect\s+)?(?:result|consequence|sequela|sequelae|product)\s+of|as\s+a\s+(?:direct\s+)?(?:result|consequence)\s+of|contribution\s+(?:from|of))\b/gi, direction: 'forward', loose: true },
  { re: /\b(?:result(?:ed|s)?\s+from|stem(?:s|med)?\s+from|ar(?:ose|ises|isen)\s+from|develop(?:ed|s)\s+(?:from|after|because\s+of))\b/gi, direction: 'forward', loose: true, verb: true },
  { re: /\b(?:consistent|compatible)\s+with\b/gi, direction: 'forward', loose: true },
  { re: /\bsustained\b/gi, direction: 'forward', loose: true },
];

/** Causal adjectives: a finding when predicated ("is industrial"), a label when attributive ("the industrial injury"). */
const CAUSAL_ADJECTIVE = /\b(?:non-?|not\s+)?(?:industrial|work[\s-]related|work[\s-]connected|job[\s-]related|occupational|non-?occupational|non-?work[\s-]related)\b/gi;
const PREDICATE_BEFORE = /\b(?:is|are|was|were|be|been|being|remains?|remained|appears?|seems?|find|found|consider|considered|deem|deemed|regard|regarded|as)\s+(?:(?:to\s+be|not|also|both|entirely|fully|wholly|solely|partly|partially|predominantly|primarily|likely|probably|clearly|100%|\d+%|in\s+part)\s+)*$/i;
const PREDICATE_AFTER = /^\s*(?:$|[.,;:)]|in\s+(?:origin|nature|part)\b|and\b|or\b|because\b|as\b|since\b|given\b|within\b|to\s+a\b|with\s+(?:a|reasonable)\b)/i;

const SPECULATIVE = /\b(?:possibl[ey]|possibility|conceivabl[ey]|perhaps|potentially|plausibly|may(?:\s+(?:have|well))?|might(?:\s+(?:have|well))?|could(?:\s+(?:have|well))?|can(?:not|'t|\s+not)\s+(?:be\s+)?(?:ruled\s+out|rule\s+out|excluded?)|could\s+not\s+(?:be\s+)?(?:ruled\s+out|rule\s+out|excluded?)|(?:not|never)\s+(?:been\s+)?(?:ruled\s+out|excluded)|unable\s+to\s+(?:rule\s+out|exclude))\b/gi;
const SPECULATION_NEGATED_BEFORE = /\b(?:not|no|never|nor|cannot|can't|isn't|wasn't|without)\s+(?:\w+\s+){0,1}$/i;
const NOT_A_HEDGE_AFTER = /^\s*(?:not\b|n't\b|only\b|never\b|hardly\b|in\s+no\s+way\b)/i;
const POSSIBLE_NOT_PROBABLE = /^[\s,]*(?:but|though|yet)?\s*(?:not|un|im)\s*(?:medically\s+)?(?:probable|probably|likely|probability)|^[\s,]*(?:but|though)\s+(?:unlikely|improbable|not\s+(?:medically\s+)?(?:probable|likely))|^[\s,]*,?\s*not\s+(?:a\s+)?probab/i;
const MONTH_MAY = /^May\b(?=\s*\d|\s*,?\s*\d{4})/;

const CERTAINTY = /\b(?:reasonable\s+(?:degree\s+of\s+)?(?:medical\s+|psychiatric\s+|psychological\s+|chiropractic\s+)?(?:and\s+scientific\s+)?(?:probability|certainty)|more\s+(?:likely|probably)\s+than\s+(?:not|it\s+is\s+not)|(?:greater|more)\s+than\s+(?:50|fifty)\s*(?:%|percent)|(?:medically\s+|most\s+|highly\s+|very\s+|not\s+|un|im)?(?:probable|probably|likely|probability)|in\s+all\s+(?:medical\s+)?(?:likelihood|probability)|with\s+certainty|certainly|definitely)\b/gi;

/** Negation of the link in its own clause, read just before the link. */
const NEGATION_BEFORE = /\b(?:not|no|never|nor|neither|cannot|can't|isn't|wasn't|aren't|weren't|doesn't|didn't|don't|won't|hasn't|haven't|unlikely|improbable|doubtful)\b(?!\s+(?:been\s+|be\s+)?(?:only|rule|ruled|excluded?)\b)/i;
const NEGATED_CLAUSE = /\b(?:(?:it|this)\s+is\s+(?:not|un)\s*(?:possible|likely|probable|plausible)|there\s+(?:is|was)\s+no\s+(?:\w+\s+){0,3}(?:evidence|indication|basis|reason|support|possibility|way)\s+(?:to\s+\w+\s+)?that|^\W*(?:it\s+is\s+)?(?:not|un|im)\s*(?:medically\s+)?(?:probable|likely)|(?:I|we)\s+(?:do\s+not|don't|cannot|can't|could\s+not|did\s+not)\s+(?:find|believe|conclude|agree|think|see|accept|state|say|concur)|(?:I|we)\s+(?:disagree|reject)|nor\b|contrary\s+to|unlike\b|rather\s+than)/i;
const UNRELATED = /\b(?:unrelated|non-?industrial|non-?occupational|non-?work[\s-]related|not\s+(?:industrial|work[\s-]related|occupational))\b/i;

const QUESTION_START = /^\W*(?:\d+[.)]\s*)?(?:\*\*?)?(?:is|are|was|were|did|does|do|has|have|had|can|could|would|should|will|what|how|why|whether|to\s+what\s+extent|please)\b/i;
const REQUEST = /\b(?:ask(?:s|ed|ing)?|request(?:s|ed|ing)?|want(?:s|ed)?|instruct(?:s|ed)?)\s+(?:\w+\s+){0,3}?(?:to\s+(?:address|determine|comment|opine|state|consider|evaluate|answer|discuss|give|provide|assess|examine)|whether|if|about)\b|\bquestions?\s+(?:of|about|regarding|as\s+to|concerning|is|was|posed|presented)\b/i;
const UNDECIDED = /\bwhether\b|\b(?:defer(?:red|s)?|pending|to\s+be\s+determined|undetermined|unclear|uncertain|unknown|in\s+dispute|disputed|contested|at\s+issue|in\s+question)\b|\b(?:until|once|after|when)\s+(?:I|we)\s+(?:receive|review|obtain|have)\b|\b(?:cannot|can't|could\s+not|unable\s+to|not\s+able\s+to)\s+(?:yet\s+)?(?:determine|address|comment|render|offer|provide|give|answer|opine)\b|\bwill\s+(?:address|complete|comment|determine|revisit|discuss|answer)\b/i;
const CONDITIONAL_START = /^\W*(?:if|should|unless|assuming|in\s+the\s+event|were\s+(?:she|he|they|the))\b/i;
const THIRD_PARTY_REPORT = /\b(?:(?:Dr\.?|Doctor)\s+[A-Z][\w'’-]*|[Tt]he\s+(?:primary\s+)?(?:treating|attending|operating|referring)\s+(?:physician|doctor|surgeon|provider|psychiatrist|psychologist|chiropractor)|[Tt]he\s+(?:[\w-]+\s+){0,2}(?:form|records?|notes?|reports?|letter|referral|chart|file|DWC-1)|[Tt]he\s+(?:PTP|AME|QME|PQME|adjuster|carrier|insurer|employer|attorneys?|defen[cs]e|defendant|plaintiff|claimant|applicant|examinee|patient|employee|worker|parties|radiologist|therapist)|(?:[Ss]he|[Hh]e|[Tt]hey)|(?:[Hh]er|[Hh]is|[Tt]heir)\s+(?:doctors?|physicians?|attorneys?|surgeons?|lawyers?|counsel|PTP|chiropractor|therapist))\s+(?:\w+\s+){0,3}?(?:opined|opines|stated|states|wrote|writes|believes|believed|feels|felt|thinks|thought|reported|reports|claims|claimed|alleges|alleged|attributes|attributed|contends|contended|testified|testifies|asserts|asserted|concluded|concludes|indicated|indicates|noted|notes|documented|documents|said|says|told|considers|considered|described|describes|explained|explains|maintains|argues|argued|suggests|suggested|related|relates|blames|blamed|disputes|disputed|denies|denied|accepts|accepted|wonders|wondered|fears|feared|questions|questioned|asks|asked|is\s+(?:concerned|worried|convinced|certain|sure)|was\s+(?:concerned|worried|convinced|certain|sure)|is\s+of\s+the\s+opinion|was\s+of\s+the\s+opinion)\b|\b(?:[A-Z][\w'’-]*['’]s|[Hh]is|[Hh]er|[Tt]heir|[Tt]he\s+[\w-]+['’]s)\s+(?:[\w-]+\s+)?(?:opinion|view|conclusion|belief|statement|assertion|position|theory|impression|contention)\b|\b[Aa]ccording\s+to\b|\b[Ii]n\s+(?:Dr\.?\s+[A-Z][\w'’-]*|the\s+\w+(?:\s+\w+)?|her|his|their)['’]?s?\s+(?:opinion|view|report|letter|note|words|account)\b/;
const EXAMINER_ADOPTS = /^\W*(?:I|we)\s+(?:agree|concur|accept|share)\b/i;
const EXAMINER_REJECTS = /^\W*(?:I|we)\s+(?:disagree|do\s+not\s+(?:agree|concur|accept)|cannot\s+agree|reject)\b/i;
const ANSWER = /^\W*(?:(?:answer|response|a)\s*[:.)-]\s*)?(yes|no)\b/i;
/** "AOE/COE: Yes", "Industrial causation: no". */
const LABELLED_ANSWER = /^\W*((?:AOE\s*[/-]?\s*COE|[\w\s/-]{0,40}?caus\w*[\w\s/-]{0,20}?)\s*[:\-–—]\s*(yes|no))\b/i;
const CONCESSIVE_START = /^\W*(?:although|though|even\s+though|while|whilst|despite|notwithstanding|granted|admittedly|even\s+if)\b/i;

/** Where clauses end: semicolons, colons, dashes and the conjunctions that start a new clause. */
const CLAUSE_BREAK = /;|:(?!\/)|\s[—–]\s|—|,\s+(?=(?:and|but(?!\s+(?:not|un|im))|while|whilst|whereas|although|though|which|so|yet|however|as\s+well\s+as)\b)|,\s+(?=(?:as|because|since|given\s+that|so\s+that|if|unless|until|when)\s)|\s+(?:and|but)\s+(?=(?:she|he|they|I|we|it|there|this)\s)/gi;
/** Where the event or condition phrase after a link stops. */
const PHRASE_END = /[,;:()]|\s(?:because|since|as|given|based|which|who|when|where|while|whereas|although|though|but|rather|in\s+that|and\s+(?:is|was|are|were|has|had|that|not|the\s+\w+\s+(?:is|was))|with\s+(?:a\s+)?reasonable|within)\b/i;

/** Sections whose text is history, records or questions, not the examiner's findings. */
const NOT_OPINION: ReadonlySet<SectionKind> = new Set(['identification', 'referral', 'history', 'past-history', 'records', 'examination', 'diagnostics', 'attestation']);

// ---------------------------------------------------------------------------------------
// Analysis

/** Finds the causation conclusions of a report, memoised in `model.cache`. */
export function analyseCausation(model: ReportModel): CausationAnalysis {
  const cached = model.cache.get('causation') as CausationAnalysis | undefined;
  if (cached) return cached;
  const conclusions: CausationConclusion[] = [];
  const { blocks } = model;
  // What a block's section says is asked once per run of blocks in one section: a long records list is thousands of blocks.
  let section: Section | null | undefined;
  let kinds: readonly SectionKind[] = [];
  let skipped = false;
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b];
    if (block.type === 'heading') continue;
    if (block.section !== section) {
      section = block.section;
      kinds = effectiveKinds(block);
      skipped = !kinds.includes('referral') && kinds.length > 0 && kinds.every((k) => NOT_OPINION.has(k));
    }
    if (skipped) continue;
    const referral = kinds.includes('referral');
    const diagnoses = kinds.includes('diagnoses');
    // A loop, not a callback: a closure over the block would make a context for every block.
    for (let i = 0; i < block.sentences.length; i++) {
      const sentence = block.sentences[i];
      const found = answerConclusion(model, block, i) ?? (referral ? null : readSentence(sentence, diagnoses));
      if (found) conclusions.push({ sentence, ...found, reasoning: { connector: null, evidence: null, section: null }, section: effectiveSection(block) });
    }
  }
  for (const c of conclusions) c.reasoning = findReasoning(model, c, conclusions);
  const analysis = { conclusions };
  model.cache.set('causation', analysis);
  return analysis;
}

type Reading = Omit<CausationConclusion, 'sentence' | 'reasoning' | 'section'>;

/** A sentence's reading depends on its text alone (and whether it lists diagnoses): kept for later lints, at offsets within the sentence. */
const readingsByText = [new TextMemo<Reading | null>(), new TextMemo<Reading | null>()];

/** Reads one sentence: the first clause that carries the examiner's own causal link decides. */
function readSentence(sentence: Sentence, diagnoses: boolean): Reading | null {
  const reading = readingsByText[diagnoses ? 1 : 0].get(sentence.text, (text) => readText(text, diagnoses));
  return reading && movedReading(reading, sentence.span.start);
}

function movedReading(reading: Reading, base: number): Reading {
  const move = (p: Phrase) => shifted(p, base);
  return {
    ...reading,
    link: move(reading.link),
    condition: reading.condition && move(reading.condition),
    event: reading.event && move(reading.event),
    hedges: reading.hedges.map(move),
    certainty: reading.certainty.map(move),
  };
}

function readText(text: string, diagnoses: boolean): Reading | null {
  if (isQuestion(text) || REQUEST.test(text) || CONDITIONAL_START.test(text)) return null;
  const readings: Reading[] = [];
  for (const clause of splitClauses(text)) {
    const body = text.slice(clause.start, clause.end);
    if (UNDECIDED.test(body)) continue;
    const link = findLink(body, diagnoses);
    if (!link) continue;
    const adopts = EXAMINER_ADOPTS.test(body);
    const rejects = EXAMINER_REJECTS.test(body);
    if (!adopts && !rejects && THIRD_PARTY_REPORT.test(body.slice(0, link.span.start))) continue;
    const concessive = CONCESSIVE_START.test(body);
    const abs = (s: Span): Phrase => ({ span: { start: clause.start + s.start, end: clause.start + s.end }, text: body.slice(s.start, s.end) });
    const negated = isNegated(body, link.span) !== rejects;
    readings.push({
      positive: !negated,
      polarity: negated ? 'denies' : 'asserts',
      link: abs(link.span),
      condition: link.condition ? abs(link.condition) : null,
      event: link.event ? abs(link.event) : null,
      hedges: concessive ? [] : findHedges(body).map(abs),
      certainty: certaintyIn(text),
      concessive,
    });
  }
  // The finding is the first clause that is not a concession; a concession alone still states a view.
  return readings.find((r) => !r.concessive) ?? readings[0] ?? null;
}

function certaintyIn(text: string): Phrase[] {
  return matchesOf(CERTAINTY, text).map((s) => ({ span: s, text: text.slice(s.start, s.end) }));
}

/**
 * Answers: "Is the condition causally related to the accident? Yes." (the answer is the
 * conclusion) and labelled answers such as "AOE/COE: yes".
 */
function answerConclusion(model: ReportModel, block: Block, index: number): Reading | null {
  const sentence = block.sentences[index];
  let answer = ANSWER.exec(sentence.text);
  let link: FoundLink | null = null;
  let source: Sentence = sentence;
  if (answer) {
    const question = index > 0 ? block.sentences[index - 1] : previousSentence(model, block);
    if (!question || !isQuestion(question.text)) return null;
    link = findLink(question.text, false);
    source = question;
  } else {
    answer = LABELLED_ANSWER.exec(sentence.text);
    if (answer) link = findLink(answer[0], false) ?? { span: { start: 0, end: 0 } };
  }
  if (!answer || !link) return null;
  const word = answer[answer.length - 1];
  const denied = word.toLowerCase() === 'no';
  const start = sentence.span.start + answer.index + answer[0].length - word.length;
  const own = readSentence(sentence, false);
  const fromSource = (s: Span | undefined): Phrase | null => (s ? { span: { start: source.span.start + s.start, end: source.span.start + s.end }, text: source.text.slice(s.start, s.end) } : null);
  const hedges = findHedges(sentence.text).map((s) => ({ span: { start: sentence.span.start + s.start, end: sentence.span.start + s.end }, text: sentence.text.slice(s.start, s.end) }));
  return {
    positive: !denied,
    polarity: denied ? 'denies' : 'asserts',
    link: { span: { start, end: start + word.length }, text: word },
    condition: own?.condition ?? fromSource(link.condition),
    event: own?.event ?? fromSource(link.event),
    hedges: own?.hedges ?? hedges,
    certainty: shiftedAll(certaintyIn(sentence.text), sentence.span.start),
    concessive: false,
  };
}

function previousSentence(model: ReportModel, block: Block): Sentence | null {
  const i = model.blocks.indexOf(block);
  const prev = i > 0 ? model.blocks[i - 1] : null;
  if (!prev || prev.type === 'heading' || prev.section !== block.section) return null;
  return prev.sentences[prev.sentences.length - 1] ?? null;
}

function isQuestion(text: string): boolean {
  return /\?\s*["'”’)*_]*\s*$/.test(text) || QUESTION_START.test(text);
}

interface FoundLink {
  span: Span;
  condition?: Span;
  event?: Span;
}

/** Links by clause text, read in prose and in a diagnosis list; shared, so read-only. */
const linksByText = [new TextMemo<FoundLink | null>(), new TextMemo<FoundLink | null>()];

/** The first causal link in a clause that connects a condition to an event (offsets relative to the clause). */
function findLink(clause: string, diagnoses: boolean): FoundLink | null {
  return linksByText[diagnoses ? 1 : 0].get(clause, (c) => readLink(c, diagnoses));
}

function readLink(clause: string, diagnoses: boolean): FoundLink | null {
  const candidates: FoundLink[] = [];
  for (const pattern of LINKS) {
    for (const m of allMatches(pattern.re, clause)) {
      const found = checkLink(clause, { start: m.index, end: m.index + m[0].length }, pattern, diagnoses);
      if (found) candidates.push(found);
    }
  }
  for (const m of allMatches(CAUSAL_ADJECTIVE, clause)) {
    const span = { start: m.index, end: m.index + m[0].length };
    const before = clause.slice(0, span.start);
    const after = clause.slice(span.end);
    const predicate = PREDICATE_BEFORE.test(before) || PREDICATE_AFTER.test(after);
    // In a diagnosis list the label is the finding: "1. Work-related lumbar strain."
    const label = diagnoses && CONDITION.test(after.split(PHRASE_END)[0].split(/\s+/).slice(0, 5).join(' '));
    if (predicate || label) candidates.push({ span, condition: predicate ? subjectBefore(clause, span.start) : phraseAfter(clause, span.end), event: span });
  }
  candidates.sort((a, b) => a.span.start - b.span.start);
  return candidates[0] ?? null;
}

function checkLink(clause: string, span: Span, pattern: LinkPattern, diagnoses: boolean): FoundLink | null {
  const before = clause.slice(0, span.start);
  const word = clause.slice(span.start, span.end).toLowerCase();
  if (pattern.direction === 'aggravation') return aggravationLink(clause, span);
  if (pattern.direction === 'self') {
    if (!/\w/.test(clause.slice(0, span.start) + clause.slice(span.end))) return null; // a bare label: "Causal relationship:"
    const after = phraseAfter(clause, span.end);
    return { span, condition: subjectBefore(clause, span.start), event: after && EVENT.test(clause.slice(after.start, after.end)) ? after : undefined };
  }
  if (pattern.direction === 'forward') {
    if (word === 'sustained') return sustainedLink(clause, span);
    const event = phraseAfter(clause, span.end);
    if (!event) return null;
    const eventText = clause.slice(event.start, event.end);
    if (!(diagnoses ? EVENT_NOT_ALTERNATIVE : EVENT).test(eventText) || (GENERIC_MARKER.test(before) && !DEFINITE.test(eventText))) return null;
    // "consistent with" is a causal statement only when it ties a finding to the mechanism or event, either way round.
    if (/consistent|compatible/.test(word) && !STRICT_EVENT.test(eventText) && !/\bmechanism\b/i.test(eventText)) {
      const subject = subjectBefore(clause, span.start);
      const mechanismFirst = subject && /\bmechanism\b/i.test(clause.slice(subject.start, subject.end)) && CONDITION.test(eventText) && LINKING_VERB_BEFORE.test(before);
      return mechanismFirst ? { span, condition: event, event: subject } : null;
    }
    const fronted = !/\w/.test(before) || /,\s*$/.test(before);
    if (fronted && pattern.loose) {
      // "As a result of the fall, she tore ..."; "Lumbar strain, secondary to the lift."
      const condition = /\w/.test(before) ? subjectBefore(clause, span.start) : phraseAfter(clause, event.end + 1);
      return condition && CONDITION.test(clause.slice(condition.start, condition.end)) ? { span, condition, event } : null;
    }
    const condition = subjectBefore(clause, span.start);
    // A loose link must be predicated of a condition, not a label: "the diagnoses related to this claim are ..." is not
    // a finding. A diagnosis list states it without a verb: "1. Cervical strain secondary to the accident".
    const conditionText = condition ? clause.slice(condition.start, condition.end) : '';
    const predicated = pattern.verb || diagnoses || LINKING_VERB_BEFORE.test(before) || CONDITION_VERB.test(before);
    if (pattern.loose && (!CONDITION.test(conditionText) || !predicated)) return null;
    if (isGenericSubject(conditionText, before)) return null;
    return { span, condition, event };
  }
  // backward: the event is the subject, the condition follows the verb (or a list of verbs: "cause, aggravate or accelerate").
  const event = subjectBefore(clause, span.start);
  const verbList = /^(?:,?\s+(?:or\s+|and\s+)?(?:cause|aggravate|accelerate|exacerbate|contribute\s+to|light\s+up|worsen|precipitate)\b)*/i.exec(clause.slice(span.end));
  const condition = phraseAfter(clause, span.end + (verbList?.[0].length ?? 0));
  if (!event || !EVENT.test(clause.slice(event.start, event.end))) return null;
  const conditionText = condition ? clause.slice(condition.start, condition.end) : '';
  if (/^caus/.test(word) && /^\s+(?:her|him|them|me|us)\s+to\b/i.test(clause.slice(span.end))) return null;
  if (GENERIC_MARKER.test(before) || (/^(?:cause|causes|produces|leads\s+to|results\s+in|gives\s+rise\s+to|contributes)/.test(word) && !DEFINITE.test(conditionText))) return null;
  // "a cause of", "a risk factor for": only about this examinee's condition, not a medical generality.
  if (/\s(?:of|for|in|to)$/.test(word) && /^(?:a|an|the)\s/.test(word) && !(CONDITION.test(conditionText) && DEFINITE.test(conditionText))) return null;
  return { span, condition, event };
}

/**
 * Aggravation, exacerbation, acceleration, lighting up: "the fall aggravated her arthritis",
 * "was aggravated by the accident", "an industrial aggravation of ...". "Pain is aggravated by
 * lifting" describes a symptom, not a cause, so the event must be a definite one.
 */
function aggravationLink(clause: string, span: Span): FoundLink | null {
  const before = clause.slice(0, span.start);
  const by = /^\s+by\s+/i.exec(clause.slice(span.end));
  if (by) {
    const event = phraseAfter(clause, span.end + by[0].length);
    if (!event) return null;
    const eventText = clause.slice(event.start, event.end);
    const present = /\b(?:is|are)\s+(?:\w+\s+)?$/i.test(before);
    if (!EVENT.test(eventText) || !DEFINITE.test(eventText) || (present && !STRICT_EVENT.test(eventText))) return null;
    return { span, condition: subjectBefore(clause, span.start), event };
  }
  const subject = subjectBefore(clause, span.start);
  if (subject && /(?:ed|up)$/i.test(clause.slice(span.start, span.end)) && EVENT.test(clause.slice(subject.start, subject.end)) && DEFINITE.test(clause)) {
    return { span, condition: phraseAfter(clause, span.end), event: subject }; // "the fall aggravated her arthritis"
  }
  // The noun: "an industrial aggravation of ...", "a temporary exacerbation caused by the fall".
  if (/(?:ion|lighting\s+up)$/i.test(clause.slice(span.start, span.end)) && (EVENT.test(clause.slice(0, span.start) + clause.slice(span.end)) || /\b(?:temporary|permanent|compensable|industrial|lasting)\s+$/i.test(before))) {
    const eventMatch = STRICT_EVENT.exec(clause) ?? EVENT.exec(clause);
    return { span, condition: phraseAfter(clause, span.end), event: eventMatch ? { start: eventMatch.index, end: eventMatch.index + eventMatch[0].length } : undefined };
  }
  return null;
}

/** "Meniscal tears may be caused by twisting injuries": a medical generality, not a finding about this examinee. */
function isGenericSubject(condition: string, before: string): boolean {
  if (!condition || DEFINITE.test(condition) || /^(?:it|this|these|they|she|he|both|each)\b/i.test(condition)) return false;
  const indefinite = /^(?:a|an|such|any|many|most|some|all)\b/i.test(condition) || /s\b\W*$/i.test(condition);
  return indefinite && /\b(?:is|are|can|may|might|could|will|tends?\s+to)\s+(?:\w+\s+)?(?:be\s+)?$/i.test(before);
}

/** "She sustained a cervical strain in the collision": the event follows the condition. */
function sustainedLink(clause: string, span: Span): FoundLink | null {
  const rest = clause.slice(span.end);
  const m = /^(.{1,80}?)\s+(?:in|during|at|from|as\s+a\s+result\s+of|while)\s+(?=(?:the|this|that|her|his|their|a|an)\s)/i.exec(rest);
  if (!m) return null;
  const eventStart = span.end + m[0].length;
  const event = phraseAfter(clause, eventStart);
  if (!event || !/\b(?:accident|incident|event|fall|collision|crash|MVA|MVC|lift(?:ing)?|twist(?:ing)?|assault|explosion|impact|work|employment)\b/i.test(clause.slice(event.start, event.end))) return null;
  return { span, condition: { start: span.end + (m[1].length - m[1].trimStart().length), end: span.end + m[1].length }, event };
}

/** The noun phrase right before a link, from the clause start or the last "that"/comma, without the verb group. */
function subjectBefore(clause: string, end: number): Span | undefined {
  const head = clause.slice(0, end);
  let start = 0;
  for (const m of head.matchAll(/,\s*|\bthat\s+|\bthe\s+opinion\s+|\bopinion,?\s+|\band\s+(?=(?:is|are|was|were|has|have|had)\b)/gi)) {
    const cut = m.index + m[0].length;
    if (/\w/.test(head.slice(cut))) start = cut;
  }
  const verbGroup = /(?:(?:^|\s+)(?:is|are|was|were|be|been|being|has|have|had|not|also|may|might|could|would|should|can|cannot|will|did|does|do|likely|probably|possibly|directly|partly|partially|solely|primarily|causally|more|most|than|entirely|wholly|predominantly|mainly|largely|both|either|in\s+part|itself|all|only|n't|never))+\s*$/i;
  let stop = head.length;
  const tail = verbGroup.exec(head.slice(start));
  if (tail) stop = start + tail.index;
  // "The acromion is developmental and is not related to ...": the subject is the clause's first noun phrase.
  const conjoined = /^\s*(?:and|but)?\s*$/i.test(head.slice(start, stop)) ? /^(.*?)\s+(?:is|are|was|were|has|have|had)\b/i.exec(head) : null;
  if (conjoined && conjoined[1].trim()) {
    start = 0;
    stop = conjoined[1].length;
  }
  while (start < stop && /\s/.test(clause[start])) start++;
  while (stop > start && /\s/.test(clause[stop - 1])) stop--;
  return stop > start ? { start, end: stop } : undefined;
}

/** The phrase after a link, up to the next clause-internal boundary, at most a dozen words. */
function phraseAfter(clause: string, start: number): Span | undefined {
  const rest = clause.slice(start);
  const stopAt = PHRASE_END.exec(rest);
  let end = stopAt ? stopAt.index : rest.length;
  const words = rest.slice(0, end).match(/\S+/g) ?? [];
  if (words.length > 12) end = nthWordEnd(rest, 12);
  let s = 0;
  while (s < end && /\s/.test(rest[s])) s++;
  while (end > s && /[\s.!?"”'’*_]/.test(rest[end - 1])) end--;
  return end > s ? { start: start + s, end: start + end } : undefined;
}

function nthWordEnd(text: string, n: number): number {
  let count = 0;
  for (const m of text.matchAll(/\S+/g)) if (++count === n) return m.index + m[0].length;
  return text.length;
}

function isNegated(clause: string, link: Span): boolean {
  const linkText = clause.slice(link.start, link.end);
  const before = clause.slice(0, link.start);
  if (UNRELATED.test(linkText)) return !/\bnot\s+(?:\w+\s+)?$/i.test(before); // "not unrelated"
  if (/^no\b/i.test(linkText)) return true;
  // "more likely than not" states the standard; its "not" negates nothing.
  const window = before.replace(/\bmore\s+(?:likely|probably)\s+than\s+(?:it\s+is\s+)?not\b/gi, ' ').split(/\s+/).slice(-6).join(' ');
  if (NEGATION_BEFORE.test(window)) return true;
  if (NEGATED_CLAUSE.test(before)) return true;
  if (/^\W*nor\b/i.test(clause)) return true;
  // "possible, but not probable" / "possible but unlikely" turn the possibility into a finding against.
  return matchesOf(SPECULATIVE, before).some((s) => POSSIBLE_NOT_PROBABLE.test(before.slice(s.end)));
}

/** Speculative words in a clause that are not themselves negated or turned into a finding. */
function findHedges(clause: string): Span[] {
  return matchesOf(SPECULATIVE, clause).filter((s) => {
    const word = clause.slice(s.start, s.end);
    const before = clause.slice(0, s.start);
    const after = clause.slice(s.end);
    if (MONTH_MAY.test(clause.slice(s.start))) return false;
    if (/^(?:could|may|might|possib|conceivab|perhaps|potentially|plausibly)/i.test(word) && SPECULATION_NEGATED_BEFORE.test(before)) return false;
    if (/^(?:could|might)$/i.test(word) && NOT_A_HEDGE_AFTER.test(after)) return false;
    if (POSSIBLE_NOT_PROBABLE.test(after)) return false;
    return true;
  });
}

function splitClauses(text: string): Span[] {
  const spans: Span[] = [];
  let from = 0;
  const cut = (end: number, next: number) => {
    // "Although she may still have pain, the tear was caused by the fall": the concession ends at its comma.
    const comma = CONCESSIVE_START.test(text.slice(from, end)) ? text.slice(from, end).indexOf(', ') : -1;
    if (comma > 0) spans.push({ start: from, end: from + comma }, { start: from + comma + 2, end });
    else spans.push({ start: from, end });
    from = next;
  };
  for (const m of allMatches(CLAUSE_BREAK, text)) cut(m.index, m.index + m[0].length);
  cut(text.length, text.length);
  return spans.filter((s) => /\w/.test(text.slice(s.start, s.end)));
}

function matchesOf(re: RegExp, text: string): Span[] {
  return allMatches(re, text).map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

// ---------------------------------------------------------------------------------------
// Sections and reasoning

function effectiveSection(block: Block): Section | null {
  for (let s = block.section; s; s = s.parent) if (s.kinds.length) return s;
  return block.section;
}

function effectiveKinds(block: Block): readonly SectionKind[] {
  return effectiveSection(block)?.kinds ?? [];
}

/**
 * Reason connectors and evidence references in the conclusion's paragraph and the rest of
 * its section. The conclusions' own condition, event and standard phrases are blanked first:
 * "the incident of 03/12/2024" or "a reasonable degree of medical probability" give no reason.
 */
function findReasoning(model: ReportModel, conclusion: CausationConclusion, all: readonly CausationConclusion[]): Reasoning {
  const block = conclusion.sentence.block;
  const section = conclusion.section;
  const blocks = section ? blocksIn(model, section).filter((b) => b.type !== 'heading') : [block];
  const own = all.filter((c) => blocks.includes(c.sentence.block));
  for (const b of [block, ...blocks.filter((x) => x !== block)]) {
    const text = blankOwnPhrases(b, own);
    const connector = firstConnector(text);
    const evidence = findEvidence(text);
    if (connector || evidence) {
      const phrase = (s: Span): Phrase => ({ span: { start: b.span.start + s.start, end: b.span.start + s.end }, text: text.slice(s.start, s.end) });
      return { connector: connector ? phrase(connector) : null, evidence: evidence ? phrase(evidence.span) : null, section };
    }
  }
  return { connector: null, evidence: null, section };
}

function blankOwnPhrases(block: Block, conclusions: readonly CausationConclusion[]): string {
  const chars = Array.from(block.text);
  const blank = (span: Span) => {
    for (let i = Math.max(span.start, block.span.start); i < Math.min(span.end, block.span.end); i++) chars[i - block.span.start] = ' ';
  };
  for (const c of conclusions) {
    if (c.sentence.block !== block) continue;
    const consistentWith = /consistent|compatible/i.test(c.link.text);
    for (const p of [c.condition, consistentWith ? null : c.event, consistentWith ? null : c.link, ...c.certainty]) if (p) blank(p.span);
    // Dates inside the conclusion date the event, not a record.
    for (const d of findDates(c.sentence.text)) blank({ start: c.sentence.span.start + d.span.start, end: c.sentence.span.start + d.span.end });
  }
  return chars.join('');
}

/** The first reason connector that gives a reason: "since the accident" dates, it does not explain. */
function firstConnector(text: string): Span | null {
  let offset = 0;
  while (offset < text.length) {
    const m = findReasonConnector(text.slice(offset));
    if (!m) return null;
    const start = offset + m.index;
    const end = start + m[0].length;
    const word = m[0].toLowerCase();
    const after = text.slice(end, end + 40);
    const temporalSince = word === 'since' && /^\s+(?:the|this|that|her|his|their)\s+(?:\w+\s+)?(?:accident|incident|injury|event|fall|collision|surgery|date|claim|visit)\b/i.test(after);
    if (!temporalSince) return { start, end };
    offset = end;
  }
  return null;
}

// ---------------------------------------------------------------------------------------
// Standard of certainty

const ALL_STANDARDS = [...new Set(Object.values(PROFILES).flatMap((p) => p.standards))];

/** The first of `standards` (lower-case phrases) in `text`, as a span relative to it. */
export function findStandard(text: string, standards: readonly string[]): Span | null {
  let best: Span | null = null;
  const lower = text.toLowerCase();
  for (const phrase of standards) {
    const re = new RegExp(String.raw`(?<![a-z])${phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, String.raw`\s+`)}`, 'i');
    const m = re.exec(lower);
    if (m && (!best || m.index < best.start || (m.index === best.start && m[0].length > best.end - best.start))) best = { start: m.index, end: m.index + m[0].length };
  }
  return best;
}

/** True when the conclusion, its paragraph, or a statement about all of the report's opinions gives the standard. */
export function statesStandard(conclusion: CausationConclusion, standards: readonly string[]): boolean {
  if (findStandard(conclusion.sentence.text, standards)) return true;
  return conclusion.sentence.block.sentences.some((s) => findStandard(s.text, standards));
}

/** "All opinions in this report are held to a reasonable degree of medical probability." */
export function blanketStandard(model: ReportModel, standards: readonly string[]): Sentence | null {
  for (const block of model.blocks) {
    const kinds = effectiveKinds(block);
    if (kinds.some((k) => k === 'records' || k === 'referral' || k === 'history')) continue;
    for (const s of block.sentences) {
      if (/\b(?:opinions?|conclusions?)\b/i.test(s.text) && !isQuestion(s.text) && findStandard(s.text, standards)) return s;
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------
// Hover

/** Markdown describing what the analyser read for the causation conclusion under `offset`, or null. */
export function causationHover(model: ReportModel, offset: number): string | null {
  const c = analyseCausation(model).conclusions.find((x) => x.sentence.span.start <= offset && offset < x.sentence.span.end);
  if (!c) return null;
  const quote = (p: Phrase | null) => (p ? `"${p.text.replace(/\s+/g, ' ').trim()}"` : 'not found');
  const standard = findStandard(c.sentence.text, ALL_STANDARDS);
  const where = c.reasoning.section ? `the ${c.reasoning.section.heading.text} section` : 'its paragraph';
  const reasons = c.reasoning.connector || c.reasoning.evidence
    ? [c.reasoning.connector && `reason connector ${quote(c.reasoning.connector)}`, c.reasoning.evidence && `evidence reference ${quote(c.reasoning.evidence)}`].filter(Boolean).join(' and ') + ` in ${where}`
    : `none in its paragraph or ${where}`;
  const lines = [
    '**Causation conclusion** (as ime-lint read it)',
    '',
    `- **Polarity:** ${c.positive ? 'asserts' : 'denies'} a causal link (${quote(c.link)})${c.concessive ? ', in a concession' : ''}`,
    `- **Condition:** ${quote(c.condition)}`,
    `- **Event or exposure:** ${quote(c.event)}`,
    `- **Standard of certainty:** ${standard ? quote({ span: standard, text: c.sentence.text.slice(standard.start, standard.end) }) : 'not stated in this sentence'}`,
    `- **Hedges:** ${c.hedges.length ? c.hedges.map(quote).join(', ') + ' (speculative)' : 'none'}`,
    `- **Reasons found:** ${reasons}`,
  ];
  return lines.join('\n');
}
