/**
 * Every intent the other issues define is reachable in the words people actually use, over HTTP
 * with the seed data: the answer is the feature's own card or message, not "not sure".
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import type { StoreData } from '../../src/domain/model.js';
import { readSeed } from '../../src/store/store.js';
import { NOT_SURE } from '../../src/bot/messages.js';
import { message, type Sender } from '../helpers/activities.js';
import { startBot, type BotUnderTest } from '../helpers/botServer.js';
import { cardText } from '../helpers/cards.js';
import { FakeConnector } from '../helpers/fakeConnector.js';
import { IDS } from '../helpers/fixtures.js';

const morgan: Sender = { id: '29:morgan', name: 'Morgan Ellis', aadObjectId: IDS.manager };
const priya: Sender = { id: '29:priya', name: 'Priya Shah', aadObjectId: IDS.chairOfTwo };
const tom: Sender = { id: '29:tom', name: 'Tom Reed', aadObjectId: IDS.chair };
const jo: Sender = { id: '29:jo', name: 'Jo Baker', aadObjectId: IDS.member };
const clock = () => new Date('2026-11-23T10:00:00Z');
const seed = (): StoreData => readSeed(path.resolve('data/seed.json'), path.resolve('data/demo.json'));

describe('every intent in natural language', () => {
    let connector: FakeConnector;
    let bot: BotUnderTest;
    before(async () => {
        connector = await new FakeConnector().start();
        bot = await startBot({ data: seed(), clock });
    });
    after(async () => {
        await bot.stop();
        await connector.stop();
    });

    const cases: [string, Sender, string, RegExp][] = [
        [
            'the protocols due, with a filter',
            jo,
            'anything overdue on the protocols front?',
            /Protocols and guides: review date passed/,
        ],
        [
            'the protocols due for a named group and horizon',
            jo,
            "which of KHOG's docs are due in the next 6 months pls",
            /KHOG's protocols: where each review stands[\s\S]*within the next 6 months/,
        ],
        ['one protocol', jo, 'is the KRS due?', /Kent high priority rehousing reciprocal scheme/],
        ['what to review first', jo, 'what shud we review first', /What to review first/],
        ["my group's next update", tom, "when's our next report due?", /Private Sector Housing: next update/],
        [
            'which groups are late',
            morgan,
            'who hasn’t sent their update',
            /groups? (is|are) late with|No group is late/,
        ],
        ['start or continue an update', tom, 'I want to write our update', /Private Sector Housing/],
        [
            'the digest with a period and a theme',
            morgan,
            'digest for December 2026 on affordability pls',
            /December 2026[\s\S]*Affordability|Affordability[\s\S]*December 2026/,
        ],
        [
            'who the reminders reached',
            morgan,
            'did the reminders reach everyone?',
            /No reminders have been sent yet|The last reminders/,
        ],
        ['a reminder for me', priya, 'remind me about our update', /A gentle nudge|Your progress update is coming up/],
        ['help', jo, 'what can you do?', /what I can do/],
        ['a greeting', jo, 'hiya', /Hello Jo/],
    ];
    for (const [what, who, text, expected] of cases) {
        it(`${what}: "${text}"`, async () => {
            connector.reset();
            const res = await bot.post(message(who, text, { serviceUrl: connector.url }));
            assert.equal(res.status, 200);
            const replies = connector.activities();
            assert.ok(replies.length > 0, 'an answer');
            const all = replies.map((r) => `${r.text ?? ''}\n${cardText(r.attachments ?? [])}`).join('\n');
            assert.doesNotMatch(all, /Did you mean|not sure what you mean/, all);
            assert.notEqual(replies[0].text, NOT_SURE);
            assert.match(all, expected);
        });
    }

    it('a document named with typos is shown from the names the recogniser found', async () => {
        connector.reset();
        await bot.post(message(jo, 'tell me about the viabilty protocl', { serviceUrl: connector.url }));
        const text = cardText(connector.activities()[0].attachments[0].content);
        assert.match(text, /Kent Viability Protocol/);
        assert.doesNotMatch(text, /More than one document matches/);
    });

    it('the progress form is the one for the group named', async () => {
        connector.reset();
        await bot.post(message(priya, 'carry on with the update for asset management', { serviceUrl: connector.url }));
        const [reply] = connector.activities();
        const card = reply.attachments[0].content;
        const groupIds = [...JSON.stringify(card).matchAll(/"groupId":"([^"]+)"/g)].map((m) => m[1]);
        assert.ok(groupIds.length > 0, 'the form names its group');
        assert.deepEqual([...new Set(groupIds)], ['asset-management']);
    });
});
