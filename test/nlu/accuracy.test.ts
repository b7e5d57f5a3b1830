/**
 * The recogniser measured on labelled phrasings it never trains on; the training part is the corpus in
 * `data/nlu/`. Two sets: the project's own (`test/nlu/heldout.json`) and one written by people who never
 * saw the corpus (`test/nlu/heldout-others.json`, kept exactly as they wrote it, with at least 60
 * messages the bot should decline). `npm run nlu:report` prints the same figures with the confusion
 * between intents and every miss.
 */
import assert from 'node:assert/strict';
import { evaluate, formatEvaluation, type Evaluation, type LabelledSet } from '../../src/nlu/evaluation.js';
import { HELD_OUT_FILE, HELD_OUT_OTHERS_FILE, readHeldOut } from '../../src/nlu/labelled.js';
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

/** Fails with the phrasings of `set` that are in the corpus, even with other names in them. */
async function assertNotTrainedOn(recognizer: Recognizer, set: LabelledSet): Promise<void> {
    const corpus = readCorpus(NLU_DIR);
    const trained = new Map<string, string>();
    for (const [intent, texts] of Object.entries(corpus.intents))
        for (const t of texts) trained.set(await shape(recognizer, t), `${intent}: "${t}"`);
    const found: string[] = [];
    for (const [intent, texts] of Object.entries(set)) {
        for (const t of texts) {
            const same = trained.get(await shape(recognizer, t));
            if (same) found.push(`held-out ${intent}: "${t}" is in the corpus as ${same}`);
        }
    }
    assert.deepEqual(found, []);
}

describe('recogniser accuracy on held-out phrasings', () => {
    let recognizer: Recognizer;
    let result: Evaluation;
    const heldOut = readHeldOut(HELD_OUT_FILE);
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
        await assertNotTrainedOn(recognizer, heldOut);
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

describe('recogniser on held-out phrasings from other people', () => {
    let recognizer: Recognizer;
    let result: Evaluation;
    const others = readHeldOut(HELD_OUT_OTHERS_FILE);
    const report = () => formatEvaluation('Held-out phrasings from other people', result);

    before(async () => {
        recognizer = await seedRecognizer();
        result = await evaluate(recognizer, others);
    });

    it('holds at least 200 phrasings, at least 60 of them messages the bot should decline', () => {
        const count = Object.values(others).reduce((n, texts) => n + texts.length, 0);
        assert.ok(count >= 200, `${count} phrasings`);
        assert.ok((others[NONE]?.length ?? 0) >= 60, `${others[NONE]?.length ?? 0} to decline`);
    });

    it('answers at most 3% of the phrasings it should answer wrongly without asking', () => {
        assert.ok(result.inScopeAnsweredWrong <= 0.03 * result.inScope, report());
    });

    it('answers at most 5% of the phrasings it should decline with a card (anything but declining or asking)', () => {
        assert.ok(result.outOfScopeAnswered <= 0.05 * result.outOfScope, report());
    });

    it('handles at least 95% of all the phrasings right', () => {
        assert.ok(result.handledRight >= 0.95 * result.total, report());
    });

    it('never trains on one of these phrasings, even with other names in it', async () => {
        await assertNotTrainedOn(recognizer, others);
    });
});
