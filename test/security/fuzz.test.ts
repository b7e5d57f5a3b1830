/**
 * Random and hostile input against the running bot: activities and card payloads of the wrong types,
 * missing fields, huge strings, deep nesting, `__proto__` keys, unknown verbs, invalid dates, unicode
 * and control characters. The bot never crashes, never stores any of it, always answers, and its logs
 * never carry stored text. FUZZ_RUNS raises the number of cases for a longer soak.
 */
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { createLogger } from '../../src/log.js';
import { VERBS } from '../../src/bot/verbs.js';
import { updatesOf } from '../../src/services/progress.js';
import { cardAction, message } from '../helpers/activities.js';
import { startBot, type BotUnderTest } from '../helpers/botServer.js';
import { FakeConnector } from '../helpers/fakeConnector.js';
import { IDS, storeSnapshot as snapshotOf } from '../helpers/fixtures.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const SECRET_TEXT = 'Confidential progress: retrofit budget 4.2m';

const people = [
    { id: '29:priya', name: 'Priya Shah', aadObjectId: IDS.chairOfTwo },
    { id: '29:jo', name: 'Jo Baker', aadObjectId: IDS.member },
    { id: '29:manager', name: 'Morgan Ellis', aadObjectId: IDS.manager },
    { id: '29:nobody', name: 'Nobody', aadObjectId: 'not-on-roster' },
];

/** Strings people and attackers send: unicode, control characters, markup, very long. */
const nasty = fc.oneof(
    fc.string(),
    fc.string({ unit: 'grapheme', maxLength: 50 }),
    fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)), maxLength: 30 }),
    fc.constantFrom(
        '',
        ' ',
        '\u0000',
        '\u202e',
        '<at>KHG</at>',
        '${groupId}',
        '{{7*7}}',
        '=HYPERLINK("x")',
        '../../etc/passwd',
        '2026-02-30',
        '9999-99',
        'null',
        '__proto__',
    ),
    fc.string({ minLength: 10_000, maxLength: 20_000 }),
);

const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
    any: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        nasty,
        fc.integer(),
        fc.double(),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie('any'), { maxLength: 4 }),
        tie('obj'),
    ),
    obj: fc.dictionary(
        fc.oneof(
            nasty,
            fc.constantFrom(
                '__proto__',
                'constructor',
                'prototype',
                'groupId',
                'period',
                'basedOn',
                'text_HW9',
                'rag_HW9',
                'days',
                'verb',
            ),
        ),
        tie('any'),
        { maxKeys: 6 },
    ),
})).any;

/** A card payload close enough to real ones to reach the handlers' checks. */
const payload = fc.record(
    {
        groupId: fc.oneof(fc.constantFrom('asset-management', 'khog', 'kcc', 'no-such'), value),
        // Never a period of the groups above: an authorised person's random payload must not be a valid change.
        period: fc.oneof(fc.constantFrom('2026-13', '1999-01', '2026-11', 'not a period'), value),
        basedOn: fc.oneof(fc.integer({ min: -5, max: 5 }), value),
        text_HW9: value,
        rag_HW9: fc.oneof(fc.constantFrom('green', 'purple'), value),
        days: value,
        concerns: value,
    },
    { requiredKeys: [] },
);

const verb = fc.oneof(fc.constantFrom(...(Object.values(VERBS) as string[])), nasty);

describe('fuzzing the running bot', function () {
    this.timeout(120_000);
    let connector: FakeConnector;
    let bot: BotUnderTest;
    const logs: string[] = [];

    before(async () => {
        connector = await new FakeConnector().start();
        const log = createLogger(
            'debug',
            new Writable({
                write: (chunk: Buffer, _e, cb) => {
                    logs.push(chunk.toString());
                    cb();
                },
            }),
        );
        bot = await startBot({ log });
        // Something stored that must never appear in a log line.
        await updatesOf(bot.runtime.deps.store).transact('asset-management/2026-06', (d) => {
            d.versions.push({
                version: 1,
                kind: 'submitted',
                sections: [{ ref: 'HW9', text: SECRET_TEXT, rag: 'amber', noChange: false }],
                otherMatters: SECRET_TEXT,
                concernsGroups: [],
                by: { email: 'priya.shah@example.com', name: 'Priya Shah' },
                onBehalf: false,
                at: '2026-06-10T10:00:00.000Z',
                digest: 'x',
            });
        });
        // Every fuzzed person has talked to the bot once, so first-contact bookkeeping is done.
        for (const p of people) await bot.post(message(p, 'hello', { serviceUrl: connector.url }));
    });
    after(async () => {
        await bot.stop();
        await connector.stop();
    });

    const storeSnapshot = () => snapshotOf(bot.storeFile);

    it('card actions with hostile payloads: always a clear answer, never a crash, nothing stored', async () => {
        const before = storeSnapshot();
        await fc.assert(
            fc.asyncProperty(fc.constantFrom(...people), verb, payload, async (who, v, data) => {
                const res = await bot.post(
                    cardAction(who, v, data, {
                        serviceUrl: connector.url,
                        replyToId: 'card-1',
                    }),
                );
                assert.equal(res.status, 200, `status ${res.status} for ${v}`);
                const body = res.body as { statusCode?: number; type?: string; value?: unknown };
                assert.equal(body.statusCode, 200);
                if (body.type === 'application/vnd.microsoft.activity.message') {
                    assert.equal(typeof body.value, 'string');
                    assert.ok((body.value as string).length > 10, 'a message a person can read');
                    assert.doesNotMatch(
                        body.value as string,
                        /at \w+ \(|TypeError|undefined|\[object Object\]/,
                        'no stack traces or internals',
                    );
                }
            }),
            { numRuns: RUNS },
        );
        // A random payload can open a form (a read) but must never write: the store is byte-identical.
        assert.equal(storeSnapshot(), before);
    });

    it('activities of every shape: the server answers, keeps answering, and remembers nothing malformed', async () => {
        const warn = console.warn;
        console.warn = () => undefined; // botbuilder warns on every activity without a type
        const activity = fc.record(
            {
                type: fc.oneof(
                    fc.constantFrom('message', 'invoke', 'conversationUpdate', 'installationUpdate', 'event', 'typing'),
                    value,
                ),
                name: fc.oneof(fc.constantFrom('adaptiveCard/action', 'signin/verifyState'), value),
                text: value,
                value: value,
                from: fc.oneof(fc.constantFrom(...people), value),
                conversation: fc.oneof(fc.constant({ id: 'a:fuzz', conversationType: 'personal' }), value),
                recipient: fc.oneof(fc.constant({ id: '28:khg-bot' }), value),
                channelData: value,
                entities: value,
                membersAdded: value,
            },
            { requiredKeys: [] },
        );
        await fc.assert(
            fc.asyncProperty(activity, async (a) => {
                const res = await bot.post({ channelId: 'msteams', serviceUrl: connector.url, ...(a as object) });
                // Never a 500: what is malformed is refused with 400, and a turn that fails answers the person.
                assert.ok([200, 400, 501].includes(res.status), `status ${res.status}: ${JSON.stringify(res.body)}`);
                assert.ok(!(JSON.stringify(res.body) ?? '').includes(SECRET_TEXT));
            }),
            { numRuns: RUNS },
        );
        console.warn = warn;
        const health = await fetch(`${bot.url}/healthz`);
        assert.equal(health.status, 200);
        for (const c of bot.runtime.deps.store.read().conversations) {
            assert.ok(c.key.length <= 300, 'no oversized key stored');
            assert.equal((c.reference as { serviceUrl?: string }).serviceUrl, connector.url);
        }
    });

    it('messages with hostile text always get an answer', async () => {
        await fc.assert(
            fc.asyncProperty(fc.constantFrom(...people), nasty, async (who, text) => {
                connector.reset();
                const res = await bot.post(message(who, text, { serviceUrl: connector.url }));
                assert.equal(res.status, 200);
                await connector.waitFor((c) => c.kind === 'reply', 3000);
            }),
            { numRuns: RUNS },
        );
    });

    it('no log line carries stored progress text', () => {
        assert.ok(logs.length > 0, 'the bot logged something to check');
        assert.equal(logs.filter((l) => l.includes(SECRET_TEXT)).length, 0);
    });
});
