/**
 * With BOT_ID set, every request must carry a valid Bot Framework token. Tokens are signed here with a
 * key of our own, and the SDK's signing-key look-up is answered locally: nothing reaches Microsoft.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import https from 'node:https';
import { createRequire } from 'node:module';
import jwt from 'jsonwebtoken';
import sinon from 'sinon';
import { message } from '../helpers/activities.js';
import { startBot, type BotUnderTest } from '../helpers/botServer.js';
import { FakeConnector } from '../helpers/fakeConnector.js';
import { IDS } from '../helpers/fixtures.js';

const require = createRequire(import.meta.url);

const { OpenIdMetadata } = require('botframework-connector/lib/auth/openIdMetadata.js');

const { AppCredentials } = require('botframework-connector');

const BOT_ID = '00000000-0000-4000-8000-0000000000b0';
const TENANT_ID = '00000000-0000-4000-8000-0000000000c0';
const ISSUER = 'https://api.botframework.com';
const trusted = generateKeyPairSync('rsa', { modulusLength: 2048 });
const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pem = (k: typeof trusted.publicKey) => k.export({ type: 'spki', format: 'pem' }).toString();

function token(claims: Record<string, unknown>, key = trusted.privateKey, expiresIn: number | string = '10m') {
    return jwt.sign({ iss: ISSUER, aud: BOT_ID, ...claims }, key.export({ type: 'pkcs8', format: 'pem' }).toString(), {
        algorithm: 'RS256',
        keyid: 'test-key',
        expiresIn,
    });
}

describe('authentication with a bot id', () => {
    let bot: BotUnderTest;
    let connector: FakeConnector;
    let outbound: sinon.SinonSpy[];
    const manager = { id: '29:manager', name: 'Morgan Ellis', aadObjectId: IDS.manager };

    before(async () => {
        connector = await new FakeConnector().start();
        bot = await startBot({
            env: { BOT_ID, BOT_PASSWORD: 'not-a-real-secret', BOT_TENANT_ID: TENANT_ID, HOST: '127.0.0.1' },
        });
    });
    after(async () => {
        await bot.stop();
        await connector.stop();
    });
    beforeEach(() => {
        sinon
            .stub(OpenIdMetadata.prototype, 'getKey')
            .callsFake(async (kid: unknown) =>
                kid === 'test-key' ? { key: pem(trusted.publicKey), endorsements: ['msteams'] } : null,
            );
        sinon.stub(console, 'error'); // botbuilder prints each rejected request
        outbound = [sinon.spy(https, 'request'), sinon.spy(https, 'get')];
    });
    afterEach(() => {
        const reached = outbound.flatMap((s) =>
            s.getCalls().map((c) => String(c.args[0]?.hostname ?? c.args[0]?.host ?? c.args[0])),
        );
        sinon.restore();
        assert.deepEqual(reached, [], 'no request left this machine');
    });

    async function post(authorization?: string) {
        const before = bot.runtime.deps.store.read();
        const spy = sinon.spy(bot.runtime.app, 'run');
        const res = await bot.post(
            message(manager, 'help', { serviceUrl: connector.url }),
            authorization ? { authorization } : {},
        );
        return { status: res.status, handled: spy.callCount > 0, unchanged: bot.runtime.deps.store.read() === before };
    }

    const refused: [string, () => string | undefined][] = [
        ['no token', () => undefined],
        ['a malformed token', () => 'Bearer not.a.jwt'],
        ['an expired token', () => `Bearer ${token({ serviceurl: connector.url }, trusted.privateKey, -600)}`],
        ['a token signed by another key', () => `Bearer ${token({ serviceurl: connector.url }, stranger.privateKey)}`],
        ['a token for another bot', () => `Bearer ${token({ aud: 'someone-else', serviceurl: connector.url })}`],
        [
            'a token from another issuer',
            () => `Bearer ${token({ iss: 'https://evil.example.com', serviceurl: connector.url })}`,
        ],
    ];
    for (const [situation, header] of refused) {
        it(`refuses ${situation} with 401, and no handler runs`, async () => {
            const r = await post(header());
            assert.equal(r.status, 401);
            assert.equal(r.handled, false);
            assert.equal(r.unchanged, true);
        });
    }

    it('accepts a valid token (the same check that refuses the others can pass)', async () => {
        // The reply needs the bot's own outgoing token: answered locally instead of by Entra ID.
        sinon.stub(AppCredentials.prototype, 'getToken').resolves('outgoing-token-for-tests');
        const r = await post(`Bearer ${token({ serviceurl: connector.url })}`);
        assert.equal(r.status, 200);
        assert.equal(r.handled, true);
        const reply = await connector.waitFor((c) => c.kind === 'reply');
        assert.match(JSON.stringify(reply.body), /what I can do|Digest/);
    });
});
