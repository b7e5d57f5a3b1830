/**
 * The Bot Connector misbehaving: down, slow, or answering 429/5xx. Questions are still answered when
 * the connector lets them through, failures are logged with context, and the bot keeps serving.
 */
import assert from 'node:assert/strict';
import sinon from 'sinon';
import { message } from '../helpers/activities.js';
import { startBot, type BotUnderTest } from '../helpers/botServer.js';
import { FakeConnector } from '../helpers/fakeConnector.js';
import { IDS } from '../helpers/fixtures.js';

const chair = { id: '29:priya', name: 'Priya Shah', aadObjectId: IDS.chairOfTwo };

describe('when the Bot Connector misbehaves', function () {
    this.timeout(30_000);
    let connector: FakeConnector;
    let bot: BotUnderTest;
    beforeEach(async () => {
        connector = await new FakeConnector().start();
        bot = await startBot();
    });
    afterEach(async () => {
        sinon.restore();
        await bot.stop();
        await connector.stop();
    });

    it('a 503 on the reply: the answer still arrives (retried), the person sees it once', async () => {
        connector.fail('reply', { status: 503, body: { error: { code: 'ServiceUnavailable' } } });
        const res = await bot.post(
            message(chair, 'which protocols are due for review?', { serviceUrl: connector.url }),
        );
        assert.equal(res.status, 200);
        const replies = connector.calls.filter((c) => c.kind === 'reply');
        assert.deepEqual(
            replies.map((c) => c.status),
            [503, 200],
        );
        assert.equal(connector.activities().length, 1);
    });

    it('a 429 with Retry-After on the reply: honoured, then answered', async () => {
        connector.fail('reply', { status: 429, headers: { 'Retry-After': '1' }, body: {} });
        const res = await bot.post(message(chair, 'help', { serviceUrl: connector.url }));
        assert.equal(res.status, 200);
        assert.equal(connector.activities().length, 1);
    });

    it('a slow connector: the answer arrives, and the bot serves others meanwhile', async () => {
        connector.delay = (c) => (c.kind === 'reply' ? 1500 : 0);
        const slow = bot.post(message(chair, 'help', { serviceUrl: connector.url }));
        const health = await fetch(`${bot.url}/healthz`);
        assert.equal(health.status, 200, 'the server answers while a reply is in flight');
        assert.equal((await slow).status, 200);
        assert.equal(connector.activities().length, 1);
    });

    it('a connector that is down: the failure is logged with context, and the bot keeps serving', async () => {
        const error = sinon.stub(bot.runtime.deps.log, 'error');
        const down = await new FakeConnector().start();
        const url = down.url;
        await down.stop(); // nothing listens there now
        const res = await bot.post(message(chair, 'help', { serviceUrl: url }));
        assert.ok([200, 500].includes(res.status), `status ${res.status}`);
        assert.ok(error.called, 'logged');
        const [context] = error.firstCall.args as unknown as [Record<string, unknown>];
        assert.equal(context.userId, chair.id);
        // Still serving: the next person, with a working connector, is answered.
        const next = await bot.post(message(chair, 'help', { serviceUrl: connector.url }));
        assert.equal(next.status, 200);
        assert.equal(connector.activities().length, 1);
    });
});
