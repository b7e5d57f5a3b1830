/**
 * Measuring the recogniser: accuracy on labelled phrasings it was not trained on, the confusion
 * between intents, what the bot would do with each phrasing (answer, ask, or admit not knowing), and
 * cross-validation over the corpus itself. Used by `npm run nlu:report` and the accuracy test.
 */
import { NONE, trainRecognizer, type Corpus, type Recognizer, type RecognizerOptions } from './recognizer.js';
import { understand } from './understanding.js';

/** Phrasings by the intent they should be recognised as (`None` for messages the bot should not claim). */
export type LabelledSet = Record<string, string[]>;

export interface Outcome {
    text: string;
    expected: string;
    recognised: string;
    score: number;
    /** What the bot would do for someone who may use every intent. */
    decision: 'answered' | 'asked' | 'declined';
    /** For "answered": the intent answered. */
    answered?: string;
    /** For "asked", the choices offered; for "declined", the nearest things offered instead. */
    choices?: string[];
    /** For "asked": whether the intent meant was among the choices. */
    offered?: boolean;
}

export interface Evaluation {
    outcomes: Outcome[];
    total: number;
    correct: number;
    accuracy: number;
    /** expected -> recognised -> count */
    confusion: Record<string, Record<string, number>>;
    /** Answered at once, and right. */
    answeredRight: number;
    answeredWrong: number;
    /** A clarifying question that offers the intent meant. */
    askedWithRight: number;
    askedWithoutRight: number;
    notUnderstood: number;
    /** The phrasings the bot should answer (every label but `None`), and those it should decline. */
    inScope: number;
    outOfScope: number;
    /** In scope, and answered at once as something else. */
    inScopeAnsweredWrong: number;
    /** Out of scope, and answered with some intent's card or message (not declined, not asked about). */
    outOfScopeAnswered: number;
    /** Handled right (see `handledRight`). */
    handledRight: number;
}

/**
 * Whether the bot handled a phrasing right: one it should answer is answered as meant, or asked about
 * with the meaning as the first choice; one it should not answer is declined (not answered, and not
 * asked about as if it were one of its questions).
 */
export function handledRight(o: Outcome): boolean {
    if (o.expected === NONE) return o.decision === 'declined';
    if (o.decision === 'answered') return o.answered === o.expected;
    return o.decision === 'asked' && o.choices?.[0] === o.expected;
}

/** The tallies of a list of outcomes. */
function tally(outcomes: Outcome[]): Evaluation {
    const confusion: Record<string, Record<string, number>> = {};
    for (const o of outcomes) {
        const row = (confusion[o.expected] ??= {});
        row[o.recognised] = (row[o.recognised] ?? 0) + 1;
    }
    const correct = outcomes.filter((o) => o.recognised === o.expected).length;
    const count = (f: (o: Outcome) => boolean) => outcomes.filter(f).length;
    return {
        outcomes,
        total: outcomes.length,
        correct,
        accuracy: outcomes.length ? correct / outcomes.length : 0,
        confusion,
        answeredRight: count((o) => o.decision === 'answered' && o.answered === o.expected),
        answeredWrong: count((o) => o.decision === 'answered' && o.answered !== o.expected),
        askedWithRight: count((o) => o.decision === 'asked' && o.offered === true),
        askedWithoutRight: count((o) => o.decision === 'asked' && o.offered !== true),
        notUnderstood: count((o) => o.decision === 'declined'),
        inScope: count((o) => o.expected !== NONE),
        outOfScope: count((o) => o.expected === NONE),
        inScopeAnsweredWrong: count(
            (o) => o.expected !== NONE && o.decision === 'answered' && o.answered !== o.expected,
        ),
        outOfScopeAnswered: count((o) => o.expected === NONE && o.decision === 'answered'),
        handledRight: count(handledRight),
    };
}

/** Recognises every labelled phrasing and tallies the results. */
export async function evaluate(recognizer: Recognizer, set: LabelledSet): Promise<Evaluation> {
    const outcomes: Outcome[] = [];
    for (const [expected, texts] of Object.entries(set)) {
        for (const text of texts) {
            const r = await recognizer.recognize(text);
            const d = understand(r, () => true);
            outcomes.push({
                text,
                expected,
                recognised: r.intent,
                score: r.score,
                decision: d.kind === 'intent' ? 'answered' : d.kind === 'clarify' ? 'asked' : 'declined',
                answered: d.kind === 'intent' ? d.intent : undefined,
                choices:
                    d.kind === 'clarify'
                        ? d.choices.map((c) => c.intent)
                        : d.kind === 'none'
                          ? d.nearest.map((c) => c.intent)
                          : undefined,
                offered: d.kind === 'clarify' ? d.choices.some((c) => c.intent === expected) : undefined,
            });
        }
    }
    return tally(outcomes);
}

/**
 * k-fold cross-validation over the corpus: each phrasing is recognised by a recogniser trained on
 * the other folds. An estimate for phrasings nobody has written yet, used to choose the settings.
 */
export async function crossValidate(corpus: Corpus, options: RecognizerOptions, folds = 5): Promise<Evaluation> {
    const all: Evaluation[] = [];
    for (let f = 0; f < folds; f++) {
        const train: Corpus = { intents: {}, entities: corpus.entities, synonyms: corpus.synonyms };
        const test: LabelledSet = {};
        for (const [intent, texts] of Object.entries(corpus.intents)) {
            texts.forEach((t, i) => (i % folds === f ? (test[intent] ??= []) : (train.intents[intent] ??= [])).push(t));
        }
        all.push(await evaluate(await trainRecognizer(train, options), test));
    }
    return tally(all.flatMap((e) => e.outcomes));
}

const pct = (n: number, of: number) => (of ? `${((100 * n) / of).toFixed(1)}%` : '-');

/** Short column names for the confusion table: "protocols.due" -> "p.due". */
function shortName(intent: string): string {
    return intent === NONE ? 'None' : intent.replace(/^(\w)\w*\./, '$1.');
}

/** The confusion between intents as a text table: rows are the intent meant, columns the one recognised. */
export function confusionTable(e: Evaluation): string {
    const intents = [
        ...new Set([...Object.keys(e.confusion), ...Object.values(e.confusion).flatMap((r) => Object.keys(r))]),
    ].sort((a, b) => (a === NONE ? 1 : b === NONE ? -1 : a.localeCompare(b)));
    const first = Math.max(...intents.map((i) => i.length), 'meant \\ recognised'.length);
    const cols = intents.map((i) => Math.max(shortName(i).length, 3));
    const line = (label: string, cells: string[]) =>
        `${label.padEnd(first)} | ${cells.map((c, i) => c.padStart(cols[i])).join(' ')} | `;
    const rows = [
        line('meant \\ recognised', intents.map(shortName)) + 'right',
        '-'.repeat(first + 3 + cols.reduce((s, c) => s + c + 1, 0) + 8),
    ];
    for (const meant of intents) {
        const row = e.confusion[meant];
        if (!row) continue;
        const n = Object.values(row).reduce((s, x) => s + x, 0);
        rows.push(
            line(
                meant,
                intents.map((r) => (row[r] ? String(row[r]) : '.')),
            ) + pct(row[meant] ?? 0, n),
        );
    }
    return rows.join('\n');
}

/** How often the best intent is right, by its score: what the confidence line in `understanding.ts` rests on. */
export function calibration(e: Evaluation, bands = [0, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]): string {
    const rows = bands.map((from, i) => {
        const to = bands[i + 1] ?? 1.0001;
        const inBand = e.outcomes.filter((o) => o.recognised !== NONE && o.score >= from && o.score < to);
        const right = inBand.filter((o) => o.recognised === o.expected).length;
        return `  score ${from.toFixed(1)}-${Math.min(to, 1).toFixed(1)}: ${String(inBand.length).padStart(4)} phrasings, ${pct(right, inBand.length).padStart(6)} right`;
    });
    return ['Best intent right, by its score:', ...rows].join('\n');
}

/** A plain-text report: accuracy, what the bot would do, the confusion table and every miss. */
export function formatEvaluation(title: string, e: Evaluation, withMisses = true): string {
    const lines = [
        `${title}: ${e.correct} of ${e.total} recognised as meant (${pct(e.correct, e.total)})`,
        `  answered at once: ${e.answeredRight + e.answeredWrong} (${e.answeredRight} right, ${e.answeredWrong} wrong); ` +
            `asked "did you mean": ${e.askedWithRight + e.askedWithoutRight} (the meaning offered in ${e.askedWithRight}); declined: ${e.notUnderstood}`,
        `  in scope: ${e.inScope}, answered wrongly without asking: ${e.inScopeAnsweredWrong} (${pct(e.inScopeAnsweredWrong, e.inScope)}); ` +
            `out of scope: ${e.outOfScope}, answered with a card: ${e.outOfScopeAnswered} (${pct(e.outOfScopeAnswered, e.outOfScope)}); ` +
            `handled right: ${e.handledRight} (${pct(e.handledRight, e.total)})`,
        '',
        confusionTable(e),
    ];
    const misses = e.outcomes.filter((o) => o.recognised !== o.expected || !handledRight(o));
    if (withMisses && misses.length) {
        lines.push('', 'Misses (meant -> recognised, score, what the bot would do):');
        for (const m of misses)
            lines.push(
                `  ${m.expected} -> ${m.recognised} ${m.score.toFixed(2)} ${m.decision}${m.answered ? ` ${m.answered}` : ''}${m.choices?.length ? ` [${m.choices.join(', ')}]` : ''}: "${m.text}"`,
            );
    }
    return lines.join('\n');
}
