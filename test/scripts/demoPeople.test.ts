/** The Playground's demo people against the seed roster, and the configuration written for each. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROLE_LABELS } from '../../src/domain/help.js';
import { readSeed } from '../../src/store/store.js';
import {
    DEFAULT_PERSON,
    DEMO_PEOPLE,
    demoPerson,
    findDemoPerson,
    personalChatId,
    playgroundConfigYaml,
    userId,
} from '../../scripts/lib/demoPeople.js';
import { PLAYGROUND_CONFIG_FILE, playgroundConfigFor } from '../../scripts/lib/playground.js';
import { IDS } from '../helpers/fixtures.js';
import { tempDir } from '../helpers/fixtures.js';

const seed = readSeed(path.resolve('data/seed.json'), path.resolve('data/demo.json'));

describe('the demo people of the Agents Playground', () => {
    it('the committed .m365agentsplayground.yml is exactly the configuration generated for Morgan Ellis', () => {
        assert.equal(DEFAULT_PERSON, 'morgan');
        assert.equal(fs.readFileSync(PLAYGROUND_CONFIG_FILE, 'utf8'), playgroundConfigYaml(demoPerson('morgan')));
    });

    it('the four demo roles have the Entra object ids, names and e-mails of the seed roster (and of the test fixtures)', () => {
        const expected = { morgan: IDS.manager, priya: IDS.chairOfTwo, tom: IDS.chair, jo: IDS.member };
        for (const [key, aadObjectId] of Object.entries(expected)) {
            const person = demoPerson(key);
            assert.equal(person.aadObjectId, aadObjectId, key);
            const entries = seed.roster.filter((r) => r.aadObjectId === aadObjectId);
            assert.ok(entries.length > 0, `${key} is on the seed roster`);
            for (const e of entries) {
                assert.equal(e.name, person.name);
                assert.equal(e.email.toLowerCase(), person.email);
            }
        }
        const rosterIds = new Set(seed.roster.flatMap((r) => (r.aadObjectId ? [r.aadObjectId] : [])));
        assert.deepEqual(
            [...rosterIds].sort(),
            Object.values(expected).sort(),
            'everyone the roster knows by id can be played',
        );
    });

    it("each person's role as shown to a newcomer names their roles and groups on the roster", () => {
        for (const person of DEMO_PEOPLE) {
            const entries = seed.roster.filter((r) => r.email.toLowerCase() === person.email);
            if (person.key === 'pat') {
                assert.equal(entries.length, 0, 'the visitor is on no roster');
                assert.match(person.role, /not on the roster/);
                continue;
            }
            assert.ok(entries.length > 0, `${person.name} is on the roster`);
            for (const e of entries) {
                assert.ok(
                    person.role.includes(ROLE_LABELS[e.role]),
                    `${person.name}: "${person.role}" names ${e.role}`,
                );
                if (e.groupId) {
                    const group = seed.groups.find((g) => g.id === e.groupId)!;
                    const names = [group.name, ...group.aliases];
                    assert.ok(
                        names.some((n) => person.role.includes(n)),
                        `${person.name}: "${person.role}" names ${group.name}`,
                    );
                }
            }
        }
    });

    it('Chris Lane is on the roster by e-mail only, so the bot must find him by asking for his e-mail', () => {
        const chris = demoPerson('chris');
        assert.ok(seed.roster.some((r) => r.email.toLowerCase() === chris.email && !r.aadObjectId));
        assert.ok(!seed.roster.some((r) => r.aadObjectId === chris.aadObjectId));
    });

    it('gives every person a current-user configuration with the five others as users and their own pinned chat', () => {
        for (const person of DEMO_PEOPLE) {
            const yaml = playgroundConfigYaml(person);
            const [, users = ''] = /\nusers:\n([\s\S]*?)\npersonalChat:/.exec(yaml) ?? [];
            assert.ok(
                yaml.includes(
                    `currentUser:\n  id: ${JSON.stringify(userId(person))}\n  name: ${JSON.stringify(person.name)}\n`,
                ),
                person.key,
            );
            assert.equal(
                (users.match(/^ {2}- id: /gm) ?? []).length,
                5,
                'the Playground wants exactly five other users',
            );
            assert.ok(!users.includes(person.email), `${person.key} is not also among the others`);
            assert.ok(yaml.includes(`personalChat:\n  id: ${JSON.stringify(personalChatId(person))}\n`));
            assert.match(yaml, /\ngroupChat:\n {2}id: "19:[^"]+"\n/);
            assert.match(yaml, /\nteam:\n[\s\S]*channels:\n {4}- id: "19:[^"]+"/);
        }
        assert.equal(new Set(DEMO_PEOPLE.map((p) => personalChatId(p))).size, DEMO_PEOPLE.length);
    });

    it('finds a person by key, first name, full name or e-mail, and refuses anyone else with the list of choices', () => {
        for (const who of ['priya', 'Priya', 'priya shah', 'PRIYA.SHAH@example.com'])
            assert.equal(findDemoPerson(who)?.key, 'priya', who);
        assert.throws(
            () => demoPerson('zed'),
            /no demo person called "zed".*morgan \(Morgan Ellis, partnership manager\).*pat/,
        );
    });

    it('uses the committed file for Morgan and writes a file for anyone else', () => {
        const tmp = tempDir();
        try {
            assert.equal(playgroundConfigFor(demoPerson('morgan'), tmp.dir), PLAYGROUND_CONFIG_FILE);
            const file = playgroundConfigFor(demoPerson('tom'), tmp.dir);
            assert.equal(path.dirname(file), tmp.dir);
            assert.equal(fs.readFileSync(file, 'utf8'), playgroundConfigYaml(demoPerson('tom')));
        } finally {
            tmp.cleanup();
        }
    });
});
