/**
 * The recogniser measured on labelled phrasings it never trains on (`test/nlu/heldout.json`); the
 * training part is the corpus in `data/nlu/`. `npm run nlu:report` prints the same figures with the
 * confusion between intents.
 */
import assert from 'node:assert/strict';
import { evaluate, formatEvaluation, type Evaluation } from '../../src/nlu/evaluation.js';
import { readHeldOut } from '../../src/nlu/labelled.js';
import { NONE, readCorpus, type Recognizer } from '../../src/nlu/recognizer.js';
import { withPlaceholders } from '../../src/nlu/entities.js';
import { FEATURES } from '../../src/bot/features.js';
import { NLU_DIR } from '../../src/paths.js';
import { seedRecognizer } from '../helpers/nlu.js';

/** A phrasing as the classifier sees it: names replaced, lower case, punctuation and spacing dropped. */
async function shape(recognizer: Recognizer, text: string): Promise<string> {
    return withPlaceholders(text, await recognizer.entitiesIn(text))
        .toLowerCase()
        .replace(/[’']/g, '')
        .replace(/[^a-z0-9@]+/g, ' ')
        .trim();
}

describe('recogniser accuracy on held-out phrasings', () => {
    let recognizer: Recognizer;
    let result: Evaluation;
    const heldOut = readHeldOut();
    const corpus = readCorpus(NLU_DIR);

    before(async () => {
        recognizer = await seedRecognizer();
        result = await evaluate(recognizer, heldOut);
    });

    it('recognises at least 95% of the held-out phrasings as meant', () => {
        assert.ok(result.accuracy >= 0.95, formatEvaluation('Held-out phrasings', result));
    });

    it('rarely answers wrongly without asking: at most 3% of the held-out phrasings', () => {
        assert.ok(result.answeredWrong <= 0.03 * result.total, formatEvaluation('Held-out phrasings', result));
    });

    it('never trains on a held-out phrasing, even with other names in it', async () => {
        const trained = new Map<string, string>();
        for (const [intent, texts] of Object.entries(corpus.intents))
            for (const t of texts) trained.set(await shape(recognizer, t), `${intent}: "${t}"`);
        for (const [intent, texts] of Object.entries(heldOut)) {
            for (const t of texts) {
                const same = trained.get(await shape(recognizer, t));
                assert.equal(same, undefined, `held-out ${intent}: "${t}" is in the corpus as ${same}`);
            }
        }
    });

    it('has held-out phrasings for every intent a feature answers, and for messages it should not claim', () => {
        const answered = FEATURES.flatMap((f) => Object.keys(f.intents ?? {}));
        for (const intent of [...answered, NONE])
            assert.ok(
                (heldOut[intent]?.length ?? 0) >= 8,
                `${intent} has ${heldOut[intent]?.length ?? 0} held-out phrasings`,
            );
        for (const intent of answered)
            assert.ok(
                (corpus.intents[intent]?.length ?? 0) >= 10,
                `${intent} has ${corpus.intents[intent]?.length ?? 0} training phrasings`,
            );
    });
});
