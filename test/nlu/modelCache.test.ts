/** The trained model kept between starts: used when nothing it was trained from changed, never trusted blindly. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import sinon from 'sinon';
import { Nlp } from '@nlpjs/nlp';
import { vocabularyOf, type Vocabulary } from '../../src/nlu/entities.js';
import { readHeldOut, readSeed } from '../../src/nlu/labelled.js';
import { fileModelCache, type CacheMiss } from '../../src/nlu/modelCache.js';
import {
    DEFAULT_CLASSIFIER,
    readCorpus,
    trainingKey,
    trainRecognizer,
    type Corpus,
    type Recognition,
} from '../../src/nlu/recognizer.js';
import { NLU_DIR } from '../../src/paths.js';
import { tempDir } from '../helpers/fixtures.js';
import { seedRecognizer } from '../helpers/nlu.js';

const train = (Nlp as { prototype: { train(): Promise<void> } }).prototype;

/** Every held-out phrasing (a few hundred messages), as the recogniser reads it. */
const messages = Object.values(readHeldOut()).flat();

async function recognitions(recognize: (text: string) => Promise<Recognition>): Promise<Recognition[]> {
    const out: Recognition[] = [];
    for (const m of messages) out.push(await recognize(m));
    return out;
}

describe('the kept language model', () => {
    let corpus: Corpus;
    let vocabulary: Vocabulary;
    let tmp: ReturnType<typeof tempDir>;
    let file: string;
    let misses: CacheMiss[];
    let trainings: sinon.SinonSpy;

    before(() => {
        corpus = readCorpus(NLU_DIR);
        vocabulary = vocabularyOf(readSeed(), corpus.entities);
    });
    beforeEach(() => {
        tmp = tempDir('khg-model-');
        file = path.join(tmp.dir, 'cache', 'store.json.nlu-model');
        misses = [];
        trainings = sinon.spy(train, 'train');
    });
    afterEach(() => {
        trainings.restore();
        tmp.cleanup();
    });
    const cache = () => fileModelCache(file, (reason) => misses.push(reason));

    it('is trained and written on a first start, then loaded without training, with the same answers', async () => {
        const first = await trainRecognizer(corpus, { vocabulary, modelCache: cache() });
        assert.equal(first.model, 'trained');
        assert.deepEqual(misses, ['missing']);
        assert.ok(fs.existsSync(file), 'the model is written');
        assert.equal(trainings.callCount, 1);

        const second = await trainRecognizer(corpus, { vocabulary, modelCache: cache() });
        assert.equal(second.model, 'cached');
        assert.equal(trainings.callCount, 1, 'no training when the key matches');
        assert.deepEqual(second.intents, first.intents);

        // The answers of a loaded model, of the model trained and written, and of one trained with no cache at all.
        const uncached = await seedRecognizer();
        const expected = await recognitions((t) => uncached.recognize(t));
        assert.deepEqual(await recognitions((t) => first.recognize(t)), expected);
        assert.deepEqual(await recognitions((t) => second.recognize(t)), expected);
    });

    it('is trained again when the corpus changes', async () => {
        await trainRecognizer(corpus, { vocabulary, modelCache: cache() });
        const grown: Corpus = {
            ...corpus,
            intents: { ...corpus.intents, greet: [...corpus.intents.greet, 'ahoy there bot'] },
        };
        const again = await trainRecognizer(grown, { vocabulary, modelCache: cache() });
        assert.equal(again.model, 'trained');
        assert.equal(trainings.callCount, 2);
        assert.deepEqual(misses, ['missing', 'stale']);
        // The file now holds the grown corpus's model: a third start with it loads it.
        assert.equal((await trainRecognizer(grown, { vocabulary, modelCache: cache() })).model, 'cached');
        assert.equal(trainings.callCount, 2);
    });

    it('is trained again when the names change', async () => {
        await trainRecognizer(corpus, { vocabulary, modelCache: cache() });
        const renamed: Vocabulary = {
            ...vocabulary,
            names: { ...vocabulary.names, group: { ...vocabulary.names.group, 'g-new': ['Zebra Crossing Forum'] } },
        };
        assert.notEqual(
            trainingKey(corpus, renamed, DEFAULT_CLASSIFIER, 0.8),
            trainingKey(corpus, vocabulary, DEFAULT_CLASSIFIER, 0.8),
        );
        const again = await trainRecognizer(corpus, { vocabulary: renamed, modelCache: cache() });
        assert.equal(again.model, 'trained');
        assert.equal(trainings.callCount, 2);
    });

    it('is trained again when the settings change', async () => {
        await trainRecognizer(corpus, { vocabulary, modelCache: cache() });
        const again = await trainRecognizer(corpus, {
            vocabulary,
            modelCache: cache(),
            classifier: { spellCheck: false },
        });
        assert.equal(again.model, 'trained');
    });

    for (const [what, spoil] of [
        ['cut short', (text: string) => text.slice(0, Math.floor(text.length / 2))],
        ['changed after its header', (text: string) => text.replace('"intent":"greet"', '"intent":"digest"')],
        ['not a model at all', () => 'hello'],
        ['empty', () => ''],
    ] as const) {
        it(`is trained again, not fatally, when the file is ${what}`, async () => {
            await trainRecognizer(corpus, { vocabulary, modelCache: cache() });
            fs.writeFileSync(file, spoil(fs.readFileSync(file, 'utf8')));
            const again = await trainRecognizer(corpus, { vocabulary, modelCache: cache() });
            assert.equal(again.model, 'trained');
            assert.equal(trainings.callCount, 2);
            assert.equal(misses.at(-1), 'unreadable');
            assert.equal((await again.recognize('digest pls')).intent, 'digest');
            // And it is written again, whole.
            assert.equal((await trainRecognizer(corpus, { vocabulary, modelCache: cache() })).model, 'cached');
        });
    }

    it('that cannot be written is not fatal: the recogniser works and trains next time', async () => {
        fs.writeFileSync(path.join(tmp.dir, 'cache'), 'a file where the folder would be');
        const errors: Error[] = [];
        const unwritable = fileModelCache(file, undefined, (err) => errors.push(err));
        const first = await trainRecognizer(corpus, { vocabulary, modelCache: unwritable });
        assert.equal(errors.length, 1);
        assert.equal((await first.recognize('digest pls')).intent, 'digest');
        assert.equal((await trainRecognizer(corpus, { vocabulary, modelCache: unwritable })).model, 'trained');
        assert.equal(trainings.callCount, 2);
    });
});
