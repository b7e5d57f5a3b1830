/**
 * A multinomial naive Bayes classifier over the same word stems NLP.js's neural network sees. With a
 * few dozen phrasings per intent, the network tends to rest each intent on one or two words (and
 * ignore "when" in "when is KHOG due?" because "due" already separated its training phrasings); naive
 * Bayes weighs every word of the message, which generalises better from little data. The recogniser
 * averages the two.
 */

export interface Scored {
    intent: string;
    score: number;
}

/** Stands for any word the corpus never uses. */
const UNKNOWN = '\u0000unknown';

export class NaiveBayes {
    private readonly counts = new Map<string, Map<string, number>>();
    private readonly totals = new Map<string, number>();
    private readonly phrasings = new Map<string, number>();
    readonly vocabulary = new Set<string>();

    /**
     * @param documents each training phrasing's distinct stems and its intent
     * @param alpha additive smoothing: how much an unseen word counts against an intent
     * @param noneIntent the intent of messages about something else: each of its phrasings is taken to
     *   hold a word the corpus does not know, so a message with unknown words leans towards it
     */
    constructor(
        documents: readonly { stems: readonly string[]; intent: string }[],
        private readonly alpha: number,
        noneIntent?: string,
    ) {
        for (const { stems, intent } of documents) {
            const counts = this.counts.get(intent) ?? new Map<string, number>();
            this.counts.set(intent, counts);
            this.phrasings.set(intent, (this.phrasings.get(intent) ?? 0) + 1);
            for (const s of [...new Set(stems), ...(intent === noneIntent ? [UNKNOWN] : [])]) {
                counts.set(s, (counts.get(s) ?? 0) + 1);
                this.totals.set(intent, (this.totals.get(intent) ?? 0) + 1);
                this.vocabulary.add(s);
            }
        }
    }

    /**
     * The probability of each intent given the message's stems, best first; every intent is equally
     * likely before the words are read. Stems never seen in training are ignored. Undefined when no
     * stem of the message is known.
     */
    classify(stems: readonly string[]): Scored[] | undefined {
        const distinct = [...new Set(stems)];
        const known = distinct.filter((s) => this.vocabulary.has(s) && s !== UNKNOWN);
        if (known.length === 0) return undefined;
        // Unknown words count once, however many there are: a name the corpus never saw ("tell me about
        // the zebra crossing charter") is one unknown thing, not several reasons to give up.
        if (this.vocabulary.has(UNKNOWN) && distinct.some((s) => !this.vocabulary.has(s))) known.push(UNKNOWN);
        const v = this.vocabulary.size;
        const logs = [...this.counts].map(([intent, counts]) => {
            const denominator = Math.log((this.totals.get(intent) ?? 0) + this.alpha * v);
            const log = known.reduce((sum, s) => sum + Math.log((counts.get(s) ?? 0) + this.alpha) - denominator, 0);
            return { intent, log };
        });
        const max = Math.max(...logs.map((l) => l.log));
        const weights = logs.map(({ intent, log }) => ({ intent, score: Math.exp(log - max) }));
        const total = weights.reduce((sum, w) => sum + w.score, 0);
        return weights.map((w) => ({ intent: w.intent, score: w.score / total })).sort((a, b) => b.score - a.score);
    }

    /**
     * The intents whose phrasings use the given stems, by the share of their phrasings that do (summed
     * over the stems), best first. A stem used by more than `maxIntents` intents says little about any
     * of them and is not counted.
     */
    related(stems: readonly string[], maxIntents: number, skip: ReadonlySet<string>): Scored[] {
        const weight = new Map<string, number>();
        for (const s of new Set(stems)) {
            const users = [...this.counts].filter(([intent, c]) => !skip.has(intent) && (c.get(s) ?? 0) > 0);
            if (users.length === 0 || users.length > maxIntents) continue;
            for (const [intent, c] of users)
                weight.set(intent, (weight.get(intent) ?? 0) + c.get(s)! / this.phrasings.get(intent)!);
        }
        return [...weight].map(([intent, score]) => ({ intent, score })).sort((a, b) => b.score - a.score);
    }
}
