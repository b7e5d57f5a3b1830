/**
 * `npm run dev` itself, as a newcomer runs it: one line to open, both servers answering, and Ctrl-C
 * (or a SIGTERM to npm) leaving no process behind and both ports free.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { READY_LINE } from '../../scripts/lib/devOutput.js';
import { playgroundInstalled, PLAYGROUND_CLI } from '../../scripts/lib/playground.js';
import { eachLine, exited, freePort, portIsFree } from '../../scripts/lib/processes.js';
import { tempDir } from '../helpers/fixtures.js';

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** True while any process is left in the process group `pgid`. */
function groupAlive(pgid: number): boolean {
    try {
        process.kill(-pgid, 0);
        return true;
    } catch (err) {
        return (err as NodeJS.ErrnoException).code === 'EPERM';
    }
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
        if (Date.now() > deadline) throw new Error(`${what} (after ${timeoutMs} ms)`);
        await new Promise((r) => setTimeout(r, 50));
    }
}

interface Dev {
    child: ChildProcess;
    output: string[];
    ready: Promise<RegExpExecArray>;
}

/** `npm run dev` in a process group of its own, as a terminal runs it. */
function runDev(args: string[], env: Record<string, string>): Dev {
    const child = spawn(NPM, ['run', 'dev', ...(args.length ? ['--', ...args] : [])], {
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
    });
    const output: string[] = [];
    const ready = new Promise<RegExpExecArray>((resolve, reject) => {
        const timer = setTimeout(
            () => reject(new Error(`no ready line within a minute:\n${output.join('\n')}`)),
            60_000,
        );
        const onLine = (line: string) => {
            output.push(line);
            const m = READY_LINE.exec(line);
            if (m) {
                clearTimeout(timer);
                resolve(m);
            }
        };
        eachLine(child.stdout, onLine);
        eachLine(child.stderr, onLine);
        child.once('exit', (code) => {
            clearTimeout(timer);
            reject(new Error(`npm run dev exited (${code}) before it was ready:\n${output.join('\n')}`));
        });
    });
    ready.catch(() => undefined);
    return { child, output, ready };
}

describe('npm run dev', function () {
    this.timeout(120_000);
    let tmp: ReturnType<typeof tempDir>;
    let dev: Dev | undefined;
    let env: Record<string, string>;
    let botPort: number;
    let playgroundPort: number;

    before(function () {
        if (!playgroundInstalled()) {
            process.stderr.write(
                `      (skipped: the Agents Playground is not installed at ${PLAYGROUND_CLI}; run npm install)\n`,
            );
            this.skip();
        }
    });

    beforeEach(async () => {
        tmp = tempDir('khg-dev-');
        botPort = await freePort();
        playgroundPort = await freePort();
        env = {
            PORT: String(botPort),
            PLAYGROUND_PORT: String(playgroundPort),
            STORE_FILE: path.join(tmp.dir, 'store.json'),
            SCHEDULER: 'false',
        };
    });

    afterEach(async () => {
        const pid = dev?.child.pid;
        if (pid && groupAlive(pid)) process.kill(-pid, 'SIGKILL'); // whatever a failed test left
        dev = undefined;
        tmp.cleanup();
    });

    it('as Priya: prints the address and who you are, both answer, and Ctrl-C stops both with nothing left behind', async () => {
        dev = runDev(['--as', 'priya'], env);
        const [, url, name] = await dev.ready;
        assert.equal(name, 'Priya Shah');
        assert.equal(url, `http://127.0.0.1:${playgroundPort}`);
        assert.match(dev.output.join('\n'), /\[bot\] .*listening on http:\/\/127\.0\.0\.1:/);
        assert.match(dev.output.join('\n'), /\[playground\] Listening on \d+/);

        const ping = await fetch(`${url}/_debug/ping`);
        assert.equal(ping.status, 200);
        assert.equal(await ping.text(), 'pong');
        const config = (await (await fetch(`${url}/_internal/v1/config`)).json()) as {
            config: { currentUser: { name: string } };
        };
        assert.equal(config.config.currentUser.name, 'Priya Shah');
        const health = (await (await fetch(`http://127.0.0.1:${botPort}/healthz`)).json()) as {
            store: string;
            auth: boolean;
        };
        assert.equal(health.store, env.STORE_FILE);
        assert.equal(health.auth, false);
        assert.ok(fs.existsSync(env.STORE_FILE), 'the store was created from the seed');

        process.kill(-dev.child.pid!, 'SIGINT'); // Ctrl-C: the terminal signals the whole group
        await exited(dev.child); // npm itself dies of the SIGINT: its exit code says nothing about ours
        await until(() => !groupAlive(dev!.child.pid!), 5000, 'processes of npm run dev are still running');
        assert.ok(await portIsFree(botPort), 'the bot port is free');
        assert.ok(await portIsFree(playgroundPort), 'the Playground port is free');
        const output = dev.output.join('\n');
        // dev.ts normally handles the SIGINT first; if a child (which got it too) exits first, that is as clean.
        assert.match(output, /SIGINT: stopping the bot and the Playground|stopped \((0|SIGINT)\); stopping the rest/);
        assert.doesNotMatch(output, /stopped \((?!0\)|SIGINT\))|failed/, 'a clean stop, not a crash');
    });

    it('a SIGTERM to npm alone (not its group) still stops the bot and the Playground', async () => {
        dev = runDev([], env);
        const [, , name] = await dev.ready;
        assert.equal(name, 'Morgan Ellis');
        dev.child.kill('SIGTERM');
        await until(() => !groupAlive(dev!.child.pid!), 10_000, 'processes of npm run dev are still running');
        assert.ok(await portIsFree(botPort), 'the bot port is free');
        assert.ok(await portIsFree(playgroundPort), 'the Playground port is free');
    });

    it('refuses a bot port that is already taken, saying which, and leaves nothing running', async () => {
        const blocker = net.createServer().listen(botPort, '127.0.0.1');
        await new Promise((r) => blocker.once('listening', r));
        try {
            dev = runDev([], env);
            const { code } = await exited(dev.child);
            assert.notEqual(code, 0);
            assert.match(dev.output.join('\n'), new RegExp(`Port ${botPort} is already in use`));
            await until(() => !groupAlive(dev!.child.pid!), 5000, 'processes of npm run dev are still running');
            assert.ok(await portIsFree(playgroundPort), 'no Playground was started');
        } finally {
            blocker.close();
        }
    });
});
