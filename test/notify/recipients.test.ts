import assert from 'node:assert/strict';
import { loadConfig } from '../../src/config.js';
import { createAdapter } from '../../src/bot/adapter.js';
import { reachPerson } from '../../src/notify/recipients.js';
import { createBotTransport } from '../../src/notify/transport.js';
import { openStore, type Store } from '../../src/store/store.js';
import { FakeConnector } from '../helpers/fakeConnector.js';
import { sampleData, tempDir, writeStoreFile } from '../helpers/fixtures.js';

describe('reaching a person proactively', () => {
    let tmp: ReturnType<typeof tempDir>;
    let connector: FakeConnector;
    let store: Store;
    const transport = () => createBotTransport(createAdapter(loadConfig({})), '');
    const now = () => new Date('2026-12-01T09:00:00Z');

    beforeEach(async () => {
        tmp = tempDir();
        connector = await new FakeConnector().start();
        const data = sampleData();
        data.conversations.push({
            key: 'team:19:team-1',
            scope: 'team',
            teamId: '19:team-1',
            tenantId: 'tenant-1',
            reference: {
                serviceUrl: connector.url,
                channelId: 'msteams',
                conversation: { id: '19:team-1' },
                bot: { id: '28:bot', name: 'bot' },
            },
            installed: true,
            updatedAt: '2026-11-01T00:00:00Z',
        });
        store = await openStore({ file: writeStoreFile(tmp.dir, data) });
    });
    afterEach(async () => {
        await connector.stop();
        tmp.cleanup();
    });

    it('a chair who never chatted is found in a team by e-mail, a 1:1 chat is opened and saved, and reused next time', async () => {
        connector.addMember({ id: '29:someone-else', name: 'Other', email: 'other@example.com' }, '19:team-1');
        connector.addMember(
            { id: '29:chris', name: 'Chris Lane', email: 'chris.lane@example.com', aadObjectId: 'aad-chris' },
            '19:team-1',
        );
        const first = await reachPerson(store, transport(), { email: 'Chris.Lane@example.com' }, now);
        assert.equal(first.reachable && first.via, 'team');
        const created = connector.calls.filter((c) => c.kind === 'createConversation');
        assert.equal(created.length, 1);
        assert.deepEqual(created[0].body.members, [{ id: '29:chris', name: '' }]);
        const saved = store.read().conversations.find((c) => c.key === 'user:29:chris');
        assert.equal(saved?.installed, true);
        assert.equal(store.read().identities.find((i) => i.userId === '29:chris')?.email, 'Chris.Lane@example.com');

        const again = await reachPerson(store, transport(), { email: 'chris.lane@example.com' }, now);
        assert.equal(again.reachable && again.via, 'chat');
        assert.equal(connector.calls.filter((c) => c.kind === 'createConversation').length, 1);
    });

    it('finds a member by Entra object id when the e-mail differs', async () => {
        connector.addMember(
            { id: '29:tom', name: 'Tom Reed', userPrincipalName: 'treed@tenant.example.com', aadObjectId: 'aad-tom' },
            '19:team-1',
        );
        const r = await reachPerson(store, transport(), { email: 'tom.reed@example.com', aadObjectId: 'aad-tom' }, now);
        assert.equal(r.reachable, true);
    });

    it('someone in no team and with no chat is not reachable, with the reason', async () => {
        const r = await reachPerson(store, transport(), { email: 'nobody@example.com' }, now);
        assert.deepEqual(r, {
            reachable: false,
            reason: 'the bot is not installed for them, and they are in none of its teams',
        });
    });

    it('a team whose roster cannot be read does not stop the search', async () => {
        connector.fail('pagedMembers', { status: 500, body: {} });
        const r = await reachPerson(store, transport(), { email: 'chris.lane@example.com' }, now);
        assert.equal(r.reachable, false);
    });
});
