/**
 * What to do with a recognition: answer the intent, ask which of a few was meant, or say honestly
 * that it cannot answer (with the nearest things it can do). Measured on phrasings the recogniser was not trained on (cross-validation over the
 * corpus, `npm run nlu:report`): when the best intent scores 0.6 or more it is right about 97 times in
 * 100; below that, not much more than half the time. So below 0.6 the bot asks rather than guesses.
 *
 * Who is asking counts too. An intent that is not for the asker (the digest for a chair) would only
 * earn a refusal, so its score is halved before deciding: a close runner-up then wins or is offered,
 * while a clear request ("digest pls") still gets its polite refusal. An intent that is not for the asker
 * is never offered as a choice or as a nearest thing (its button would only refuse); when it is all
 * the message could mean, its polite refusal is the answer.
 *
 * When messages the bot does not answer (`None`: the corpus's out-of-scope phrasings, and words it
 * never learnt) score at least as well as every intent, it declines rather than asks "did you mean":
 * a question about taking documents off the website is not a question about what is due, however many
 * of its words the due list shares. The intents that still score something are offered as the nearest
 * things it can do.
 */
import { NONE, type Recognition } from './recognizer.js';

export interface UnderstandingRules {
    /** The best intent is answered at once from this score. */
    confident: number;
    /** Intents scoring at least this are offered in a clarifying question. */
    offered: number;
    /** At most this many intents are offered. */
    maxChoices: number;
    /** The factor applied to an intent that is not for the asker. */
    notForAsker: number;
    /** When declining, intents scoring at least this are offered as the nearest things the bot can do. */
    nearest: number;
    /** A message with this many words the recogniser never learnt is declined, whatever it scores. */
    unknownDecline: number;
    /** With fewer such words, but some, the best intent is answered at once only from this score. */
    confidentWithUnknown: number;
}

export const RULES: UnderstandingRules = {
    confident: 0.6,
    offered: 0.15,
    maxChoices: 3,
    notForAsker: 0.5,
    nearest: 0.1,
    unknownDecline: 2,
    confidentWithUnknown: 0.8,
};

/** Intents never offered as the nearest thing to a declined question: the decline offers help itself. */
const NOT_NEAREST = new Set(['greet', 'help']);

/** A greeting carries no request: it is answered alone, never offered as a choice. */
const GREETING = 'greet';

export type Understanding =
    | { kind: 'intent'; intent: string; score: number }
    | { kind: 'clarify'; choices: { intent: string; score: number }[] }
    /**
     * Not something the bot answers; `nearest` are the intents closest to the words used that are for the
     * asker, best first. `related` is true when the words are near something the bot does at all (for
     * the asker or not): a question about the partnership's work, not about something else entirely.
     */
    | { kind: 'none'; nearest: { intent: string; score: number }[]; related: boolean };

/**
 * Decides from a recognition. `isForAsker(intent)` says whether the intent is for the person asking.
 */
export function understand(
    recognition: Recognition,
    isForAsker: (intent: string) => boolean,
    rules: UnderstandingRules = RULES,
): Understanding {
    const intents = recognition.alternatives.filter((a) => a.intent !== NONE);
    const noneScore = Math.max(0, 1 - intents.reduce((sum, a) => sum + a.score, 0));
    const weighted = intents.map((a) => ({
        intent: a.intent,
        score: a.score * (isForAsker(a.intent) ? 1 : rules.notForAsker),
    }));
    const total = weighted.reduce((sum, a) => sum + a.score, 0) + noneScore;
    if (total <= 0) return { kind: 'none', nearest: [], related: false };
    const scored = weighted
        .map((a) => ({ intent: a.intent, score: a.score / total }))
        .sort((a, b) => b.score - a.score);
    const best = scored[0];
    const none = noneScore / total;
    // The intents the classifiers lean to, then those whose phrasings share the message's telling words.
    const declined = (): Understanding => {
        const near = scored.filter((a) => a.score >= rules.nearest && !NOT_NEAREST.has(a.intent));
        for (const intent of recognition.related)
            if (!NOT_NEAREST.has(intent) && !near.some((a) => a.intent === intent))
                near.push({ intent, score: scored.find((a) => a.intent === intent)?.score ?? 0 });
        return {
            kind: 'none',
            nearest: near.filter((a) => isForAsker(a.intent)).slice(0, rules.maxChoices),
            related: near.length > 0,
        };
    };
    const unknown = recognition.unknown.length;
    if (unknown >= rules.unknownDecline) return declined();
    const confident = unknown > 0 ? rules.confidentWithUnknown : rules.confident;
    if (best && best.score >= confident && best.score >= none)
        return { kind: 'intent', intent: best.intent, score: best.score };
    const meanings = scored.filter((a) => a.score >= rules.offered && a.intent !== GREETING);
    const choices = meanings.filter((a) => isForAsker(a.intent)).slice(0, rules.maxChoices);
    // Everything it could mean is for someone else: the polite refusal says so, rather than a choice that refuses.
    if (choices.length === 0 && best && meanings[0] === best && best.score >= none)
        return { kind: 'intent', intent: best.intent, score: best.score };
    if (choices.length === 0 && best?.intent === GREETING && best.score >= rules.offered && best.score >= none)
        return { kind: 'intent', intent: GREETING, score: best.score };
    if (!best || none >= best.score || choices.length === 0) return declined();
    return { kind: 'clarify', choices };
}
