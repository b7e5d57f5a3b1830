/**
 * The people you can be in the Agents Playground (`npm run dev`), and the Playground configuration
 * that makes one of them the current user.
 *
 * The first four are the demo roster of `data/seed.json` with the same Entra object ids, so the bot
 * knows them at once. Chris Lane is on the roster by e-mail only: the bot recognises him by asking the
 * Playground (playing Teams) for his e-mail. Pat Visitor is on no roster, to see what a stranger gets.
 * The Playground wants exactly five other users besides the current one, which these six give.
 */

export interface DemoPerson {
    /** What you type after `npm run dev -- --as`. */
    key: string;
    name: string;
    email: string;
    aadObjectId: string;
    /** Who this person is in the demo data, for the start-up line and the README. */
    role: string;
}

export const DEMO_PEOPLE: readonly DemoPerson[] = [
    {
        key: 'morgan',
        name: 'Morgan Ellis',
        email: 'morgan.ellis@example.com',
        aadObjectId: '11111111-1111-4111-8111-111111111111',
        role: 'partnership manager',
    },
    {
        key: 'priya',
        name: 'Priya Shah',
        email: 'priya.shah@example.com',
        aadObjectId: '22222222-2222-4222-8222-222222222222',
        role: 'chair of Asset Management and of KHOG',
    },
    {
        key: 'tom',
        name: 'Tom Reed',
        email: 'tom.reed@example.com',
        aadObjectId: '33333333-3333-4333-8333-333333333333',
        role: 'chair of Private Sector Housing',
    },
    {
        key: 'jo',
        name: 'Jo Baker',
        email: 'jo.baker@example.com',
        aadObjectId: '44444444-4444-4444-8444-444444444444',
        role: 'member of Asset Management',
    },
    {
        key: 'chris',
        name: 'Chris Lane',
        email: 'chris.lane@example.com',
        aadObjectId: '55555555-5555-4555-8555-555555555555',
        role: 'vice-chair of KHOG, on the roster by e-mail only',
    },
    {
        key: 'pat',
        name: 'Pat Visitor',
        email: 'pat.visitor@example.com',
        aadObjectId: '99999999-9999-4999-8999-999999999999',
        role: 'not on the roster',
    },
];

export const DEFAULT_PERSON = 'morgan';

/** Pinned ids: the same on every start, so stored conversation references stay valid. */
export const PLAYGROUND_IDS = {
    tenantId: '6b1c5d2e-7f3a-4c8b-9d0e-1a2b3c4d5e6f',
    botId: '28:0b0f1d2c-3e4f-4a5b-8c6d-7e8f9a0b1c2d',
    botName: 'KHG Partnership Bot',
    groupChatId: '19:khg-demo-group-chat@thread.v2',
    groupChatName: 'KHG demo group chat',
    teamId: '19:khg-demo-team@thread.tacv2',
    teamName: 'Kent Housing Group (demo)',
    teamAadGroupId: '0d1e2f3a-4b5c-4d6e-8f7a-8b9c0d1e2f3a',
    channelId: '19:khg-demo-protocols@thread.tacv2',
    channelName: 'Protocol reviews',
} as const;

/** The Teams user id the Playground gives a person (pinned). */
export function userId(person: DemoPerson): string {
    return `29:khg-demo-${person.key}`;
}

/** The pinned id of a person's one-to-one chat with the bot. */
export function personalChatId(person: DemoPerson): string {
    return `a:khg-demo-personal-${person.key}`;
}

/**
 * Finds a demo person by key, first name, full name or e-mail, ignoring case
 * (`priya`, `Priya Shah`, `priya.shah@example.com`).
 */
export function findDemoPerson(who: string): DemoPerson | undefined {
    const w = who.trim().toLowerCase();
    return DEMO_PEOPLE.find(
        (p) => p.key === w || p.name.toLowerCase() === w || p.name.split(' ')[0].toLowerCase() === w || p.email === w,
    );
}

/** Like `findDemoPerson`, but an unknown name is an error that lists who you can be. */
export function demoPerson(who: string): DemoPerson {
    const person = findDemoPerson(who);
    if (!person) {
        throw new Error(
            `There is no demo person called "${who}". Choose one of: ${DEMO_PEOPLE.map((p) => `${p.key} (${p.name}, ${p.role})`).join('; ')}.`,
        );
    }
    return person;
}

const q = (s: string) => JSON.stringify(s); // a JSON string is a valid YAML double-quoted scalar

function userYaml(p: DemoPerson, indent: string, first: string): string[] {
    const [givenName, ...rest] = p.name.split(' ');
    return [
        `${first}id: ${q(userId(p))}`,
        `${indent}name: ${q(p.name)}`,
        `${indent}userPrincipleName: ${q(p.email)}`,
        `${indent}aadObjectId: ${q(p.aadObjectId)}`,
        `${indent}givenName: ${q(givenName)}`,
        `${indent}surname: ${q(rest.join(' '))}`,
        `${indent}email: ${q(p.email)}`,
    ];
}

/**
 * The Playground configuration (schema 0.1.1, YAML) with `current` as the person chatting and the other
 * five as the other users of the tenant, group chat and team. The committed `.m365agentsplayground.yml`
 * is this for the default person; a test keeps the two identical.
 */
export function playgroundConfigYaml(current: DemoPerson = demoPerson(DEFAULT_PERSON)): string {
    const others = DEMO_PEOPLE.filter((p) => p.key !== current.key);
    const ids = PLAYGROUND_IDS;
    return [
        '# Microsoft 365 Agents Playground: the chat client of `npm run dev`.',
        `# You are ${current.name} (${current.role}); the other users are the rest of the demo people.`,
        '# Written by scripts/lib/demoPeople.ts (`npm run dev -- --as <who>` writes the same for someone else);',
        '# the people and their Entra object ids match the demo roster in data/seed.json.',
        'version: "0.1.1"',
        `tenantId: ${q(ids.tenantId)}`,
        'bot:',
        `  id: ${q(ids.botId)}`,
        `  name: ${q(ids.botName)}`,
        'currentUser:',
        ...userYaml(current, '  ', '  '),
        'users:',
        ...others.flatMap((p) => userYaml(p, '    ', '  - ')),
        'personalChat:',
        `  id: ${q(personalChatId(current))}`,
        'groupChat:',
        `  id: ${q(ids.groupChatId)}`,
        `  name: ${q(ids.groupChatName)}`,
        'team:',
        `  id: ${q(ids.teamId)}`,
        `  name: ${q(ids.teamName)}`,
        `  aadGroupId: ${q(ids.teamAadGroupId)}`,
        '  channels:',
        `    - id: ${q(ids.channelId)}`,
        `      name: ${q(ids.channelName)}`,
        '',
    ].join('\n');
}
