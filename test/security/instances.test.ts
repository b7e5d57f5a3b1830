/**
 * Two bot processes (as `npm start` runs them, twice) on one store in Azure Blob Storage (Azurite,
 * started here): reminder runs triggered on both at once send each reminder once; what one instance
 * stores the other answers from; a SIGKILL of one in the middle of a run loses nothing acknowledged and
 * duplicates nothing; writes that collide are retried, never lost.
 */
import assert from 'node:assert/strict';
import { VERBS } from '../../src/bot/verbs.js';
import type { StoreData } from '../../src/domain/model.js';
import { DeliveryLedger } from '../../src/notify/ledger.js';
import { updatesOf } from '../../src/services/progress.js';
import { openAzureBlobStore } from '../../src/store/azureBlob.js';
import type { Store } from '../../src/store/store.js';
import { botInstalled, cardAction } from '../helpers/activities.js';
import { startAzurite, type Azurite } from '../helpers/azurite.js';
import { startBotProcess, type BotProcess } from '../helpers/botProcess.js';
import { FakeConnector } from '../helpers/fakeConnector.js';
import { sampleData, tempDir, writeStoreFile } from '../helpers/fixtures.js';

/** A partnership of n groups, each with its own chair, due yesterday, with a saved chat per chair. */
function partnership(n: number, connectorUrl: string): StoreData {
    const d = sampleData();
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    for (const g of d.groups) if (g.nextUpdateDue) g.nextUpdateDue = '2031-01-15';
    for (let i = 0; i < n; i++) {
        d.groups.push({
            id: `g${i}`,
            name: `Group ${i}`,
            aliases: [],
            cadenceMonths: 6,
            nextUpdateDue: yesterday,
            reports: true,
        });
        d.roster.push({
            groupId: `g${i}`,
            role: 'chair',
            name: `Chair ${i}`,
            email: `chair${i}@example.com`,
            aadObjectId: `aad-${i}`,
        });
        d.conversations.push({
            key: `user:29:chair${i}`,
            scope: 'personal',
            aadObjectId: `aad-${i}`,
            userId: `29:chair${i}`,
            reference: {
                serviceUrl: connectorUrl,
                channelId: 'msteams',
                conversation: { id: `a:chair${i}` },
                bot: { id: '28:bot', name: 'bot' },
            },
            installed: true,
            updatedAt: '2026-11-01T00:00:00.000Z',
        });
    }
    d.objectives[0].contributions.push(
        ...Array.from({ length: n }, (_, i) => ({ groupId: `g${i}`, contribution: `Group ${i}'s part` })),
    );
    return d;
}

const chair = (i: number) => ({ id: `29:chair${i}`, name: `Chair ${i}`, aadObjectId: `aad-${i}` });
const period = () => {
    // The period the groups are reporting for: the one whose due date was yesterday.
    const d = new Date(Date.now() - 86_400_000);
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
};

describe('two instances on Azure Blob Storage', function () {
    this.timeout(300_000);
    let azurite: Azurite;
    let connector: FakeConnector;
    let tmp: ReturnType<typeof tempDir>;
    let container: string;
    const bots: BotProcess[] = [];
    const stores: Store[] = [];
    before(async () => (azurite = await startAzurite()));
    after(async () => azurite?.stop());
    beforeEach(async () => {
        connector = await new FakeConnector().start();
        tmp = tempDir();
        container = azurite.container();
    });
    afterEach(async () => {
        await Promise.all(bots.splice(0).map((b) => b.kill('SIGKILL')));
        await Promise.all(stores.splice(0).map((s) => s.close()));
        await connector.stop();
        await azurite.drop(container);
        tmp.cleanup();
    });

    const env = (data: StoreData, extra: Record<string, string> = {}) => ({
        ...azurite.env(container),
        SEED_FILE: writeStoreFile(tmp.dir, data, 'seed.json'),
        NOTIFY_TOKEN: 'instances-token',
        STORE_REFRESH_MS: '250',
        ...extra,
    });
    const start = async (e: Record<string, string>) => {
        const b = await startBotProcess(e, 180_000);
        bots.push(b);
        return b;
    };
    const storeOf = async () => {
        const s = await openAzureBlobStore({ location: { connectionString: azurite.connectionString, container } });
        stores.push(s);
        return s;
    };
    const trigger = (url: string) =>
        fetch(`${url}/api/notify`, { method: 'POST', headers: { authorization: 'Bearer instances-token' } });
    const post = (url: string, activity: object) =>
        fetch(`${url}/api/messages`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ ...activity, serviceUrl: connector.url }),
        });
    const cardsPerChair = () => {
        const per = new Map<string, number>();
        for (const c of connector.received)
            if ((c.kind === 'reply' || c.kind === 'send') && c.conversationId?.startsWith('a:chair'))
                per.set(c.conversationId, (per.get(c.conversationId) ?? 0) + 1);
        return per;
    };

    it('reminder runs triggered on both at once: every chair gets exactly one card', async () => {
        const e = env(partnership(20, connector.url));
        const [one, two] = await Promise.all([start(e), start(e)]);
        const [a, b] = await Promise.all([trigger(one.url), trigger(two.url)]);
        assert.equal(a.status, 200);
        assert.equal(b.status, 200);
        const per = cardsPerChair();
        assert.equal(per.size, 20, `chairs reached: ${per.size}`);
        assert.deepEqual(
            [...per].filter(([, n]) => n !== 1),
            [],
            'a chair got more than one card',
        );
        // A third run from either finds nothing left to send.
        await trigger(two.url);
        assert.equal(
            [...cardsPerChair().values()].reduce((x, y) => x + y, 0),
            20,
        );
        const records = (await new DeliveryLedger(await storeOf()).records()).filter((r) => r.groupId.startsWith('g'));
        assert.equal(new Set(records.map((r) => r.recipient)).size, 20);
        assert.ok(records.every((r) => r.outcome === 'sent'));
    });

    it('an update submitted through one instance is known to the other at once', async () => {
        const e = env(partnership(2, connector.url));
        const [one, two] = await Promise.all([start(e), start(e)]);
        const submit = (url: string, basedOn: number, text: string) =>
            post(
                url,
                cardAction(chair(0), VERBS.progressSubmit, {
                    groupId: 'g0',
                    period: period(),
                    basedOn,
                    text_HW9: text,
                    rag_HW9: 'green',
                }),
            ).then((r) => r.json() as Promise<{ type: string; value: unknown }>);
        const first = await submit(one.url, 0, 'Submitted through the first instance.');
        assert.equal(first.type, 'application/vnd.microsoft.card.adaptive', JSON.stringify(first.value));
        // The second instance knows version 1 exists: a form opened before it is out of date...
        const stale = await submit(two.url, 0, 'A form opened before the first was saved.');
        assert.match(JSON.stringify(stale.value), /out of date: version 1 was saved by Chair 0/);
        // ...and one based on it is taken as version 2.
        const second = await submit(two.url, 1, 'Amended through the second instance.');
        assert.equal(second.type, 'application/vnd.microsoft.card.adaptive', JSON.stringify(second.value));
        const doc = await updatesOf(await storeOf()).get(`g0/${period()}`);
        assert.deepEqual(
            doc?.versions.map((v) => [v.version, v.sections[0].text]),
            [
                [1, 'Submitted through the first instance.'],
                [2, 'Amended through the second instance.'],
            ],
        );
    });

    it('installs arriving at both instances at once: every one is stored (colliding writes retried)', async () => {
        const e = env(partnership(0, connector.url));
        const [one, two] = await Promise.all([start(e), start(e)]);
        const people = Array.from({ length: 24 }, (_, i) => ({
            id: `29:new${i}`,
            name: `New ${i}`,
            aadObjectId: `new-${i}`,
        }));
        const answers = await Promise.all(people.map((p, i) => post(i % 2 ? two.url : one.url, botInstalled(p))));
        assert.deepEqual(
            answers.map((r) => r.status).filter((s) => s >= 300),
            [],
        );
        const keys = new Set((await storeOf()).read().conversations.map((c) => c.key));
        const missing = people.filter((p) => ![...keys].some((k) => k.includes(p.id)));
        assert.deepEqual(missing, [], 'every install is stored');
    });

    it('one instance killed (SIGKILL) mid-run: the other takes over, nothing acknowledged is lost, nothing sent twice', async () => {
        const e = env(partnership(20, connector.url), { SEND_RATE_PER_SECOND: '20', SEND_MAX_IN_FLIGHT: '3' });
        connector.delay = (c) => (c.kind === 'reply' || c.kind === 'send' ? 150 : 0);
        const [one, two] = await Promise.all([start(e), start(e)]);
        trigger(one.url).catch(() => undefined); // never answered: killed mid-run
        const sent = () => [...cardsPerChair().values()].reduce((x, y) => x + y, 0);
        while (sent() < 6) await new Promise((r) => setTimeout(r, 5));
        await one.kill('SIGKILL');
        const atKill = sent();
        assert.ok(atKill < 20, 'the kill came part-way through the run');

        // The survivor waits for the dead holder's lease to lapse (STORE_LEASE_SECONDS, 15 s), then runs.
        const started = Date.now();
        const res = await trigger(two.url);
        assert.equal(res.status, 200);
        const tookOver = Date.now() - started;
        const per = cardsPerChair();
        assert.deepEqual(
            [...per].filter(([, n]) => n !== 1),
            [],
            'a chair got more than one card',
        );
        const records = (await new DeliveryLedger(await storeOf()).records()).filter((r) => r.groupId.startsWith('g'));
        // Every chair is in the ledger; every card the connector took has a claim behind it.
        assert.equal(new Set(records.map((r) => r.recipient)).size, 20);
        for (const conv of per.keys())
            assert.ok(
                records.some((r) => `a:${r.recipient.replace('@example.com', '')}` === conv),
                conv,
            );
        // Only the sends in flight at the kill (at most SEND_MAX_IN_FLIGHT) are left without an outcome.
        const open = new Set(records.filter((r) => !r.outcome).map((r) => r.recipient));
        assert.ok(open.size <= 3, `${open.size} chairs left unconfirmed`);
        const unsent = [...open].filter((r) => !per.has(`a:${r.replace('@example.com', '')}`));
        assert.equal(per.size + unsent.length, 20, 'every chair was sent a card or is left unconfirmed');
        // Everything recorded as sent reached the connector.
        for (const r of records.filter((x) => x.outcome === 'sent'))
            assert.ok(per.has(`a:${r.recipient.replace('@example.com', '')}`), r.recipient);
        assert.ok(tookOver < 15_000 + 10_000, `took over after ${tookOver} ms`);
        console.log(`      (${atKill} cards before the kill; the survivor took over after ${tookOver} ms)`);
        connector.delay = undefined;
    });
});
