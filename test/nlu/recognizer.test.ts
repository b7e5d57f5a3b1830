import assert from 'node:assert/strict';
import { readCorpus, trainRecognizer, type Recognizer } from '../../src/nlu/recognizer.js';
import { NLU_DIR } from '../../src/paths.js';

describe('the embedded recogniser', () => {
    let recognizer: Recognizer;
    before(async () => {
        recognizer = await trainRecognizer(readCorpus(NLU_DIR));
    });

    const cases: [string, string][] = [
        ['what can you do?', 'help'],
        ['Help!', 'help'],
        ['hello', 'greet'],
        ['good morning', 'greet'],
        ['purple elephants dancing', 'None'],
    ];
    for (const [text, intent] of cases) {
        it(`"${text}" is ${intent}`, async () => {
            assert.equal((await recognizer.recognize(text)).intent, intent);
        });
    }

    it('trains on every corpus file, merged by intent', () => {
        const corpus = readCorpus(NLU_DIR);
        assert.ok(corpus.help.length >= 10);
        assert.deepEqual(recognizer.intents.sort(), Object.keys(corpus).sort());
    });
});
