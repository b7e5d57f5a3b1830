/**
 * Who may change what, checked on the server: every data-changing card action against every kind of
 * person. Refused means a clear message and a byte-identical store; allowed means the change is made.
 */
import assert from 'node:assert/strict';
import { VERBS } from '../../src/bot/verbs.js';
import type { StoreData } from '../../src/domain/model.js';
import { cardAction, message, type Sender } from '../helpers/activities.js';
import { startBot } from '../helpers/botServer.js';
import { cardActions } from '../helpers/cards.js';
import { FakeConnector } from '../helpers/fakeConnector.js';
import { IDS, sampleData, storeSnapshot } from '../helpers/fixtures.js';

type Who =
    | 'member'
    | 'chair'
    | 'vice-chair of another group'
    | "another group's chair"
    | 'manager'
    | 'removed chair'
    | 'stranger';

const PEOPLE: Record<Who, Sender> = {
    member: { id: '29:jo', name: 'Jo Baker', aadObjectId: IDS.member },
    chair: { id: '29:priya', name: 'Priya Shah', aadObjectId: IDS.chairOfTwo },
    'vice-chair of another group': { id: '29:chris', name: 'Chris Lane', aadObjectId: 'aad-chris' },
    "another group's chair": { id: '29:tom', name: 'Tom Reed', aadObjectId: IDS.chair },
    manager: { id: '29:manager', name: 'Morgan Ellis', aadObjectId: IDS.manager },
    'removed chair': { id: '29:priya', name: 'Priya Shah', aadObjectId: IDS.chairOfTwo },
    stranger: { id: '29:pat', name: 'Pat Visitor', aadObjectId: 'not-on-the-roster' },
};

const am = { groupId: 'asset-management', period: '2026-12' };
const ACTIONS: [string, string, Record<string, unknown>, Who[]][] = [
    [
        'submit a progress update',
        VERBS.progressSubmit,
        { ...am, basedOn: 0, text_HW9: 'Done.', rag_HW9: 'green' },
        ['chair', 'manager'],
    ],
    ['save a draft', VERBS.progressSaveDraft, { ...am, basedOn: 0, text_HW9: 'Draft.' }, ['chair', 'manager']],
    ['snooze reminders', VERBS.reminderSnooze, { ...am, days: 7 }, ['chair', 'manager']],
    ["defer reminders (I'll do it later)", VERBS.reminderLater, am, ['chair', 'manager']],
    ['add a note to the register', VERBS.registerAddNote, { id: 'reciprocal-scheme', note: 'A note.' }, ['manager']],
    ["set a document's state", VERBS.registerSetStatus, { id: 'reciprocal-scheme', status: 'withdrawn' }, ['manager']],
    [
        'close the ticked updates',
        VERBS.digestCloseConfirm,
        { period: '2026-12', offered: 'khog/2026-12', 'close_khog_2026-12': 'true' },
        ['manager'],
    ],
];

function data(removedChair: boolean): StoreData {
    const d = sampleData();
    if (removedChair) d.roster = d.roster.filter((e) => !(e.groupId === 'asset-management' && e.role === 'chair'));
    return d;
}

/** Every file of the store, as text. */
const snapshot = storeSnapshot;

describe('who may change what (role x action)', function () {
    this.timeout(60_000);
    let connector: FakeConnector;
    before(async () => {
        connector = await new FakeConnector().start();
        connector.addMember({ id: '29:chris', name: 'Chris Lane', email: 'chris.lane@example.com' });
    });
    after(() => connector.stop());

    for (const [action, verb, payload, allowed] of ACTIONS) {
        for (const who of Object.keys(PEOPLE) as Who[]) {
            const may = allowed.includes(who);
            it(`${who}: ${action} is ${may ? 'allowed' : 'refused'}`, async () => {
                const bot = await startBot({
                    data: data(who === 'removed chair'),
                    clock: () => new Date('2026-12-10T10:00:00Z'),
                });
                try {
                    const person = PEOPLE[who];
                    await bot.post(message(person, 'hello', { serviceUrl: connector.url })); // first contact is saved: not part of the check
                    const before = snapshot(bot.storeFile);
                    let res = await bot.post(cardAction(person, verb, payload, { serviceUrl: connector.url }));
                    assert.equal(res.status, 200);
                    // A change to the register is previewed first: what is allowed is made by its Confirm.
                    const confirm = cardActions((res.body as { value: unknown }).value).find(
                        (a) => a.verb === VERBS.manageConfirm,
                    );
                    if (confirm) {
                        assert.equal(snapshot(bot.storeFile), before, 'a preview stores nothing');
                        res = await bot.post(
                            cardAction(person, VERBS.manageConfirm, confirm.data, { serviceUrl: connector.url }),
                        );
                    }
                    const body = res.body as { type: string; value: unknown };
                    if (may) {
                        assert.notEqual(
                            snapshot(bot.storeFile),
                            before,
                            `${who} should be able to ${action}: ${JSON.stringify(body.value).slice(0, 200)}`,
                        );
                    } else {
                        assert.equal(body.type, 'application/vnd.microsoft.activity.message');
                        assert.match(String(body.value), /Only|only|partnership manager|don't know you|do not know/);
                        assert.equal(snapshot(bot.storeFile), before, `${who} changed the store with ${action}`);
                    }
                } finally {
                    await bot.stop();
                }
            });
        }
    }
});
