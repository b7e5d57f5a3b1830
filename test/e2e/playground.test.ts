/**
 * The real bot with the Microsoft 365 Agents Playground as its client, driven through the Playground's
 * own HTTP API and websocket (what its browser page uses): no browser, and nothing beyond loopback.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { readSeed } from '../../src/store/store.js';
import { demoPerson, personalChatId, userId } from '../../scripts/lib/demoPeople.js';
import {
    BLOCKED_MARK,
    PLAYGROUND_CLI,
    PLAYGROUND_CONFIG_FILE,
    playgroundArguments,
    playgroundConfigFor,
    playgroundEnvironment,
    playgroundInstalled,
    startPlayground,
    type RunningPlayground,
} from '../../scripts/lib/playground.js';
import { eachLine, stopChild } from '../../scripts/lib/processes.js';
import { startBot, type BotUnderTest } from '../helpers/botServer.js';
import { IDS, tempDir } from '../helpers/fixtures.js';
import { PlaygroundClient, readableText } from '../helpers/playgroundClient.js';

const morgan = demoPerson('morgan');
const chris = demoPerson('chris');

/** The local addresses a TCP port is listening on, from /proc/net/tcp{,6} (undefined where there is no /proc). */
function listeningAddresses(port: number): string[] | undefined {
    const files = ['/proc/net/tcp', '/proc/net/tcp6'].filter((f) => fs.existsSync(f));
    if (!files.length) return undefined;
    const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
    return files.flatMap((f) =>
        fs
            .readFileSync(f, 'utf8')
            .split('\n')
            .slice(1)
            .map((l) => l.trim().split(/\s+/))
            .filter((cols) => cols[3] === '0A' && cols[1]?.endsWith(`:${hexPort}`)) // 0A: LISTEN
            .map((cols) => cols[1].split(':')[0]),
    );
}

/** /proc/net/tcp writes 127.0.0.1 as 0100007F; tcp6 writes ::1 as 00000000000000000000000001000000. */
function isLoopbackHex(hex: string): boolean {
    if (hex.length === 8) return hex.endsWith('7F');
    return hex === '00000000000000000000000001000000' || /^0000000000000000FFFF0000..00007F$/.test(hex);
}

describe('chatting with the bot in the Agents Playground', function () {
    this.timeout(30_000);
    let tmp: ReturnType<typeof tempDir>;
    let bot: BotUnderTest;
    let playground: RunningPlayground;
    let client: PlaygroundClient;
    let startedAt: number;

    before(async function () {
        if (!playgroundInstalled()) {
            process.stderr.write(
                `      (skipped: the Agents Playground is not installed at ${PLAYGROUND_CLI}; run npm install)\n`,
            );
            this.skip();
        }
        tmp = tempDir('khg-playground-');
        startedAt = Date.now();
        bot = await startBot({ data: readSeed(path.resolve('data/seed.json'), path.resolve('data/demo.json')) });
        playground = await startPlayground({
            botEndpoint: `${bot.url}/api/messages`,
            configFile: PLAYGROUND_CONFIG_FILE,
            logFile: path.join(tmp.dir, 'playground.log'),
            port: 0,
        });
        client = await new PlaygroundClient(playground.url).connect();
    });

    after(async () => {
        client?.close();
        await playground?.stop();
        await bot?.stop();
        tmp?.cleanup();
    });

    it('loads the committed configuration: Morgan Ellis, with the roster id, in the pinned personal chat', async () => {
        const config = await client.config();
        assert.equal(config.currentUser.name, 'Morgan Ellis');
        assert.equal(config.currentUser.id, userId(morgan));
        assert.equal(config.currentUser.aadObjectId, IDS.manager);
        assert.equal(config.personalChat.id, personalChatId(morgan));
    });

    it('on install, the greeting card arrives naming Morgan and the role of partnership manager', async () => {
        await client.install(personalChatId(morgan));
        const greeting = await client.next((m) => Boolean(m.attachments?.length));
        assert.equal(greeting.attachments![0].contentType, 'application/vnd.microsoft.card.adaptive');
        const text = readableText(greeting);
        assert.match(text, /Hello Morgan, I'm the KHG Partnership Bot/);
        assert.match(text, /You are the partnership manager/);
        assert.match(text, /Which groups are late\?/);
        assert.match(text, /Digest/);
    });

    it('"help" brings the help card of what the manager can do', async () => {
        await client.say(personalChatId(morgan), userId(morgan), 'help');
        const help = readableText(await client.next());
        assert.match(help, /Here is what I can do for you/);
        assert.match(help, /partnership manager/);
        assert.match(help, /Get the digest for the Board/);
        assert.match(help, /See which protocols and guides are due for review/);
    });

    it('gibberish gets the helpful "not sure" answer with examples, not silence', async () => {
        await client.say(personalChatId(morgan), userId(morgan), 'flibbertigibbet wobble quux');
        const reply = await client.next();
        assert.match(reply.text ?? '', /not sure what you mean/);
        assert.match(reply.text ?? '', /which protocols are due for review\?/);
        assert.match(reply.text ?? '', /type \*\*help\*\*/);
    });

    it('the bot saved the personal chat with the Playground as the way back to Morgan', () => {
        const saved = JSON.parse(fs.readFileSync(bot.storeFile, 'utf8')).conversations as {
            key: string;
            aadObjectId?: string;
            reference: { serviceUrl: string; conversation: { id: string } };
        }[];
        const chat = saved.find((c) => c.key === `user:${userId(morgan)}`);
        assert.ok(chat, `saved: ${saved.map((c) => c.key).join(', ')}`);
        assert.equal(chat.aadObjectId, IDS.manager);
        assert.equal(chat.reference.conversation.id, personalChatId(morgan));
        assert.match(chat.reference.serviceUrl, new RegExp(`:${playground.port}/_connector$`));
    });

    it('as Chris Lane (on the roster by e-mail only), the bot finds him through the Playground and greets him as vice-chair of KHOG', async () => {
        const other = await startPlayground({
            botEndpoint: `${bot.url}/api/messages`,
            configFile: playgroundConfigFor(chris, tmp.dir),
            logFile: path.join(tmp.dir, 'playground-chris.log'),
            port: 0,
        });
        const asChris = await new PlaygroundClient(other.url).connect();
        try {
            assert.equal((await asChris.config()).currentUser.name, 'Chris Lane');
            await asChris.install(personalChatId(chris));
            const text = readableText(await asChris.next((m) => Boolean(m.attachments?.length)));
            assert.match(text, /Hello Chris/);
            assert.match(text, /You are vice-chair of Kent Housing Options Group/);
            const identities = JSON.parse(fs.readFileSync(bot.storeFile, 'utf8')).identities as {
                email: string;
                userId: string;
            }[];
            assert.deepEqual(
                identities.map((i) => [i.email.toLowerCase(), i.userId]),
                [[chris.email, userId(chris)]],
            );
            assert.deepEqual(other.blocked, []);
        } finally {
            asChris.close();
            await other.stop();
        }
    });

    it('the Playground listens on loopback only', function () {
        const addresses = listeningAddresses(playground.port);
        if (addresses === undefined) this.skip(); // no /proc to read (not Linux)
        assert.ok(addresses.length > 0, 'found the listening socket');
        assert.ok(addresses.every(isLoopbackHex), `listening on ${addresses.join(', ')}`);
    });

    it('nothing in the Playground tried to reach an address beyond loopback, and it sent no telemetry', async () => {
        // Its telemetry client probes within the first second when statsbeat is on; give it two.
        await new Promise((r) => setTimeout(r, Math.max(0, startedAt + 2000 - Date.now())));
        assert.deepEqual(playground.blocked, []);
        // With telemetry on it prints "Telemetry: agents-playground-cli/serverStart ..." at once.
        assert.deepEqual(
            playground.output.filter((l) => /telemetry/i.test(l)),
            [],
        );
        assert.ok(
            playground.output.some((l) => /^Listening on \d+/.test(l)),
            'the output was read',
        );
    });
});

describe('the Playground kept on loopback', function () {
    this.timeout(30_000);

    it('is started with telemetry off by flag and environment, no browser, its own log file and the loopback guard', () => {
        const args = playgroundArguments({ botEndpoint: 'http://127.0.0.1:3978/api/messages', port: 56150 });
        assert.deepEqual(args.slice(0, 3), ['--require', path.resolve('scripts/lib/loopbackOnly.cjs'), PLAYGROUND_CLI]);
        assert.ok(args.includes('--disable-telemetry'));
        assert.deepEqual(args.slice(args.indexOf('--app-endpoint'), args.indexOf('--app-endpoint') + 2), [
            '--app-endpoint',
            'http://127.0.0.1:3978/api/messages',
        ]);
        const env = playgroundEnvironment({ PATH: '/bin' }, { configFile: '/c.yml', logFile: '/l.log' });
        assert.equal(env.APPLICATION_INSIGHTS_NO_STATSBEAT, 'true');
        assert.equal(env.TEAMSAPPTESTER_BROWSER, 'none');
        assert.equal(env.M365_AGENTS_PLAYGROUND_CONFIG_PATH, '/c.yml');
        assert.equal(env.M365_AGENTS_PLAYGROUND_LOGFILE, '/l.log');
    });

    it('without APPLICATION_INSIGHTS_NO_STATSBEAT its telemetry client probes Azure at start-up even with --disable-telemetry, and the guard refuses it', async function () {
        if (!playgroundInstalled()) this.skip();
        const tmp = tempDir('khg-playground-');
        const env = playgroundEnvironment(process.env, {
            configFile: PLAYGROUND_CONFIG_FILE,
            logFile: path.join(tmp.dir, 'pg.log'),
        });
        env.APPLICATION_INSIGHTS_NO_STATSBEAT = ''; // what the project must never leave out
        const child = spawn(
            process.execPath,
            playgroundArguments({ botEndpoint: 'http://127.0.0.1:9/api/messages', port: 0 }),
            {
                env,
                cwd: tmp.dir,
                stdio: ['ignore', 'pipe', 'pipe'],
            },
        );
        try {
            const blocked = await new Promise<string>((resolve, reject) => {
                const timer = setTimeout(() => reject(new Error('no probe was seen within 15 s')), 15_000);
                eachLine(child.stderr, (line) => {
                    if (line.startsWith(BLOCKED_MARK)) {
                        clearTimeout(timer);
                        resolve(line);
                    }
                });
            });
            assert.match(blocked, /169\.254\.169\.254|applicationinsights\.azure\.com/);
        } finally {
            await stopChild(child);
            tmp.cleanup();
        }
    });

    it('the guard refuses connections and look-ups beyond loopback and lets loopback through', async () => {
        // The guard patches this process's modules, so it runs in a child of its own.
        const script = `
            const net = require('node:net'); const dns = require('node:dns');
            const server = net.createServer((s) => s.end('hi')).listen(0, () => {
                const { address, port } = server.address();
                const out = { address };
                net.connect(port, '127.0.0.1').on('data', (d) => { out.loopback = String(d);
                    net.connect(80, '192.0.2.1').on('error', (e) => { out.remote = e.code;
                        dns.lookup('example.com', (e2) => { out.lookup = e2 && e2.code;
                            console.log(JSON.stringify(out)); server.close(); });
                    });
                });
            });`;
        const child = spawn(
            process.execPath,
            ['--require', path.resolve('scripts/lib/loopbackOnly.cjs'), '-e', script],
            {
                stdio: ['ignore', 'pipe', 'pipe'],
            },
        );
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        await new Promise((r) => child.once('exit', r));
        assert.deepEqual(JSON.parse(stdout), {
            address: '127.0.0.1',
            loopback: 'hi',
            remote: 'ECONNREFUSED',
            lookup: 'ENOTFOUND',
        });
        assert.match(stderr, /\[loopback-only\] blocked connection to 192\.0\.2\.1:80/);
        assert.match(stderr, /\[loopback-only\] blocked DNS look-up to example\.com/);
    });
});
