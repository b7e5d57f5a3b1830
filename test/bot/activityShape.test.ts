/**
 * Malformed activities over HTTP: each gets 400 with what is wrong, no turn runs, nothing is stored,
 * and the next well-formed message is answered as usual.
 */
import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import sinon from 'sinon';
import { message } from '../helpers/activities.js';
import { startBot, type BotUnderTest } from '../helpers/botServer.js';
import { FakeConnector } from '../helpers/fakeConnector.js';
import { IDS, sampleData } from '../helpers/fixtures.js';

const jo = { id: '29:jo', name: 'Jo Baker', aadObjectId: IDS.member };

describe('activities that are not well formed', () => {
    let connector: FakeConnector;
    let bot: BotUnderTest;
    before(async () => {
        connector = await new FakeConnector().start();
        bot = await startBot({ data: sampleData(), clock: () => new Date('2026-11-30T10:00:00Z') });
    });
    after(async () => {
        sinon.restore();
        await bot.stop();
        await connector.stop();
    });

    const cases: [string, unknown, RegExp][] = [
        ['an empty object', {}, /missing or has an invalid type, from, recipient, conversation, serviceUrl, channelId/],
        [
            'a message with text only',
            { type: 'message', text: 'hi' },
            /from, recipient, conversation, serviceUrl, channelId/,
        ],
        [
            'an invoke with no recipient',
            { ...message(jo, 'hi', {}), type: 'invoke', recipient: undefined },
            /missing or has an invalid recipient\./,
        ],
        [
            'a message with no sender id',
            { ...message(jo, 'hi', {}), from: { name: 'Jo' } },
            /missing or has an invalid from\.id\./,
        ],
        ['a JSON array', [message(jo, 'hi', {})], /not a Bot Framework activity/],
    ];
    for (const [what, body, expected] of cases)
        it(`${what}: 400 saying what is wrong, and no turn runs`, async () => {
            const run = sinon.spy(bot.runtime.app, 'run');
            const before = JSON.stringify(bot.runtime.deps.store.read());
            try {
                const res = await bot.post(body as Partial<Activity>);
                assert.equal(res.status, 400);
                assert.equal((res.body as { code: string }).code, 'BadArgument');
                assert.match((res.body as { message: string }).message, expected);
                assert.equal(run.callCount, 0);
                assert.equal(JSON.stringify(bot.runtime.deps.store.read()), before);
            } finally {
                run.restore();
            }
        });

    it('the next well-formed message is answered', async () => {
        connector.reset();
        const res = await bot.post(message(jo, 'help', { serviceUrl: connector.url }));
        assert.equal(res.status, 200);
        assert.ok(connector.activities().length > 0);
    });
});
