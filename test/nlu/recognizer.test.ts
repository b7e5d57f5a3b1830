/** The embedded recogniser: phrasings the issues pin, names found in messages, and corpora that grow. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { vocabularyOf, withPlaceholders, type Vocabulary } from '../../src/nlu/entities.js';
import { readHeldOut, readSeed } from '../../src/nlu/labelled.js';
import { evaluate } from '../../src/nlu/evaluation.js';
import { NONE, readCorpus, trainRecognizer, type Corpus, type Recognizer } from '../../src/nlu/recognizer.js';
import { NLU_DIR } from '../../src/paths.js';
import { tempDir } from '../helpers/fixtures.js';
import { seedRecognizer } from '../helpers/nlu.js';

describe('the embedded recogniser', () => {
    let recognizer: Recognizer;
    before(async () => {
        recognizer = await seedRecognizer();
    });

    describe('recognises the phrasings the issues name, none of them in the corpus', () => {
        const cases: [string, string][] = [
            // Issue 8's own examples.
            ["when's our next report due?", 'update.next'],
            ['what do we owe HM?', 'update.next'],
            ['anything overdue on the protocols front?', 'protocols.due'],
            ['is the KRS due?', 'protocols.one'],
            ['digest pls', 'digest'],
            ['who hasn’t sent their update', 'groups.late'],
            // The ones adding the progress corpus once broke.
            ['When is KHOG due?', 'update.next'],
            ['whats due for my group', 'update.next'],
            ["what's due in the next six months", 'protocols.due'],
            // Names, typos, greetings and "pls" around a question.
            ['when is tenancy managements update due', 'update.next'],
            ['has asset management submitted', 'update.next'],
            ['what do I need to report to the Board?', 'update.next'],
            ['hi, which protocols are due?', 'protocols.due'],
            ["which of KHOG's protocols are overdue", 'protocols.due'],
            ['which protocls need reviewing pls', 'protocols.due'],
            ["who's the owner of the pre eviction protocol", 'protocols.one'],
            ['can u tell me about KRS pls', 'protocols.one'],
            ['when is the mental health dischrge protocol due', 'protocols.one'],
            ['what shud we review first', 'protocols.first'],
            ['who is behind with their update', 'groups.late'],
            ['which groups havent submitted', 'groups.late'],
            ['update KHOG’s progress', 'progress.start'],
            ['carry on with my draft update', 'progress.start'],
            ['digest for September 2026 on affordability', 'digest'],
            ['did the reminders reach everyone', 'reminders.report'],
            ['remind me about our update', 'reminders.me'],
            ['hello', 'greet'],
            ['what can you do?', 'help'],
            ['purple elephants dancing', NONE],
        ];
        for (const [text, intent] of cases) {
            it(`"${text}" is ${intent}`, async () => {
                assert.equal((await recognizer.recognize(text)).intent, intent);
            });
        }
    });

    it('tells a group from a document by the name, not by the words around it', async () => {
        assert.equal((await recognizer.recognize('when is KHOG due?')).intent, 'update.next');
        assert.equal((await recognizer.recognize('when is the KRS due?')).intent, 'protocols.one');
        assert.equal(
            (await recognizer.recognize('when is the local connection protocol due?')).intent,
            'protocols.one',
        );
        assert.equal((await recognizer.recognize('when is Homechoice due?')).intent, 'update.next');
    });

    describe('names in a message', () => {
        const found = async (text: string) => (await recognizer.entitiesIn(text)).map((e) => `${e.type}:${e.value}`);

        it('finds groups by name, short name and with a typo, and not by a word inside a name', async () => {
            assert.deepEqual(await found("KHOG's next update"), ['group:khog']);
            assert.deepEqual(await found('when is Kent Planning Officers Group due'), ['group:kpog']);
            assert.deepEqual(await found('has asset managment submitted'), ['group:asset-management']);
            assert.deepEqual(await found('what are my options'), []);
        });

        it('finds documents by title, short name and with a typo', async () => {
            assert.deepEqual(await found('tell me about the KRS'), ['protocol:reciprocal-scheme']);
            assert.deepEqual(await found('who owns the Kent Agency Assessment Form?'), [
                'protocol:agency-assessment-form',
            ]);
            assert.deepEqual(await found('the viabilty protocol'), ['protocol:viability-protocol']);
        });

        it('finds themes by name, objective references and periods', async () => {
            assert.deepEqual(await found('digest for health and wellbeing'), ['theme:HW']);
            // Other names kept as data in data/nlu/entities.json.
            assert.deepEqual(await found('what have groups said about safer homes'), ['theme:SH']);
            assert.deepEqual(await found('progress on HW9 and a8'), ['objective:HW9', 'objective:A8']);
            for (const period of [
                'September 2026',
                'September',
                'sept',
                '2026-09',
                'next quarter',
                'this period',
                'in the next six months',
                'by the end of the year',
            ]) {
                const entities = await recognizer.entitiesIn(`digest for ${period}`);
                assert.deepEqual(
                    entities.map((e) => [e.type, e.text]),
                    [['period', period]],
                    period,
                );
            }
        });

        it('does not take "may I" for a month, but takes "in May"', async () => {
            assert.deepEqual(await found('may I have the digest'), []);
            assert.deepEqual(await found('the digest for may 2026'), ['period:may 2026']);
            assert.deepEqual(await found('what was reported in may'), ['period:in may']);
        });

        it('returns the names with the recognition, where the person wrote them', async () => {
            const text = 'which of KHOG’s protocols are due in the next 3 months?';
            const r = await recognizer.recognize(text);
            assert.deepEqual(
                r.entities.map((e) => ({
                    type: e.type,
                    value: e.value,
                    text: e.text,
                    at: text.slice(e.start, e.end + 1),
                })),
                [
                    { type: 'group', value: 'khog', text: 'KHOG', at: 'KHOG' },
                    {
                        type: 'period',
                        value: 'in the next 3 months',
                        text: 'in the next 3 months',
                        at: 'in the next 3 months',
                    },
                ],
            );
            assert.equal(withPlaceholders(text, r.entities), 'which of @group’s protocols are due @period?');
        });
    });

    it('knows a group added to the store at once, without training again', async () => {
        const data = { ...readSeed() };
        let vocabulary: Vocabulary = vocabularyOf(data);
        const r = await trainRecognizer(
            {
                intents: {
                    'update.next': ['when is @group due', 'next update for @group'],
                    help: ['help', 'what can you do'],
                },
                entities: {},
            },
            {
                vocabulary: () => vocabulary,
            },
        );
        assert.deepEqual(await r.entitiesIn('when is Gypsy and Traveller Forum due'), []);
        vocabulary = vocabularyOf({
            ...data,
            groups: [
                ...data.groups,
                { id: 'gtf', name: 'Gypsy and Traveller Forum', aliases: ['GTF'], cadenceMonths: 6, reports: true },
            ],
        });
        assert.deepEqual(
            (await r.entitiesIn('when is Gypsy and Traveller Forum due')).map((e) => e.value),
            ['gtf'],
        );
        assert.equal((await r.recognize('when is GTF due')).intent, 'update.next');
    });

    it('merges every corpus file by intent, names included', () => {
        const tmp = tempDir();
        try {
            fs.writeFileSync(
                path.join(tmp.dir, 'a.json'),
                JSON.stringify({ intents: { x: ['one', 'two'] }, entities: { theme: { HW: ['wellness'] } } }),
            );
            fs.writeFileSync(path.join(tmp.dir, 'b.json'), JSON.stringify({ intents: { x: ['three'], y: ['four'] } }));
            fs.writeFileSync(path.join(tmp.dir, 'notes.txt'), 'not a corpus');
            assert.deepEqual(readCorpus(tmp.dir), {
                intents: { x: ['one', 'two', 'three'], y: ['four'] },
                entities: { theme: { HW: ['wellness'] } },
                synonyms: {},
            });
        } finally {
            tmp.cleanup();
        }
    });

    it('trains on every intent of the corpus', async () => {
        // How long training takes is a start-up figure: the bench's start-to-first-answer measures it.
        const corpus = readCorpus(NLU_DIR);
        assert.deepEqual([...recognizer.intents].sort(), Object.keys(corpus.intents).sort());
        const fresh = await trainRecognizer(corpus, { vocabulary: vocabularyOf(readSeed(), corpus.entities) });
        assert.deepEqual([...fresh.intents].sort(), Object.keys(corpus.intents).sort());
    });

    it("stays accurate as the corpus grows: a new feature's phrasings do not pull old questions into it", async () => {
        const corpus = readCorpus(NLU_DIR);
        const grown: Corpus = {
            ...corpus,
            intents: {
                ...corpus.intents,
                'meetings.next': [
                    'when is the next Board meeting',
                    'when does @group next meet',
                    'next meeting date',
                    'when do we meet next',
                    'what date is the next sub group meeting',
                    'is there a meeting this month',
                    'when is the partnership meeting',
                    'meeting dates for @period',
                    'when is our next meeting',
                    'what time is the meeting on Thursday',
                    'show me the meeting calendar',
                    'has the meeting been moved',
                ],
            },
        };
        const r = await trainRecognizer(grown, { vocabulary: vocabularyOf(readSeed(), corpus.entities) });
        const result = await evaluate(r, readHeldOut());
        assert.ok(
            result.accuracy >= 0.95,
            `held-out accuracy with a new intent: ${(100 * result.accuracy).toFixed(1)}%`,
        );
        assert.equal((await r.recognize('When is KHOG due?')).intent, 'update.next');
    });
});
