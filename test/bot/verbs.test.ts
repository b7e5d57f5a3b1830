/** Every verb a card can send has a route, and a verb no card sends is refused clearly. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { UNKNOWN_ACTION_MESSAGE } from '../../src/bot/app.js';
import { VERBS } from '../../src/bot/verbs.js';
import { CARDS_DIR } from '../../src/paths.js';
import { cardAction } from '../helpers/activities.js';
import { startBot, type BotUnderTest } from '../helpers/botServer.js';
import { FakeConnector } from '../helpers/fakeConnector.js';
import { IDS } from '../helpers/fixtures.js';

const manager = { id: '29:manager', name: 'Morgan Ellis', aadObjectId: IDS.manager };

/** Every `"verb": "..."` in the card templates. */
function verbsInCards(): { file: string; verb: string }[] {
    const found: { file: string; verb: string }[] = [];
    for (const file of fs.readdirSync(CARDS_DIR).filter((f) => f.endsWith('.json'))) {
        const text = fs.readFileSync(path.join(CARDS_DIR, file), 'utf8');
        for (const m of text.matchAll(/"verb"\s*:\s*"([^"]+)"/g)) found.push({ file, verb: m[1] });
    }
    return found;
}

describe('card verbs', () => {
    let connector: FakeConnector;
    let bot: BotUnderTest;
    before(async () => {
        connector = await new FakeConnector().start();
        bot = await startBot();
    });
    after(async () => {
        await bot.stop();
        await connector.stop();
    });

    it('every verb in cards/*.json is declared in verbs.ts', () => {
        const declared = new Set<string>(Object.values(VERBS));
        for (const { file, verb } of verbsInCards()) {
            if (verb.includes('${')) continue; // bound from the model: checked below through the declared list
            assert.ok(declared.has(verb), `${file} uses verb "${verb}" that verbs.ts does not declare`);
        }
    });

    for (const verb of Object.values(VERBS) as string[]) {
        it(`"${verb}" has a route`, async () => {
            const res = await bot.post(cardAction(manager, verb, {}, { serviceUrl: connector.url }));
            assert.notEqual(res.status, 501);
            assert.notDeepEqual((res.body as { value?: unknown })?.value, UNKNOWN_ACTION_MESSAGE);
        });
    }

    it('a verb no card sends (a forged invoke) gets a clear message and changes nothing', async () => {
        // First contact saves the conversation reference; after that the store must not change.
        await bot.post(cardAction(manager, 'register.deleteEverything', {}, { serviceUrl: connector.url }));
        const before = fs.readFileSync(bot.storeFile, 'utf8');
        const res = await bot.post(
            cardAction(manager, 'register.deleteEverything', { id: 'x' }, { serviceUrl: connector.url }),
        );
        assert.equal(res.status, 200);
        const body = res.body as { statusCode: number; type: string; value: string };
        assert.equal(body.type, 'application/vnd.microsoft.activity.message');
        assert.equal(body.value, UNKNOWN_ACTION_MESSAGE);
        assert.equal(fs.readFileSync(bot.storeFile, 'utf8'), before);
    });
});
