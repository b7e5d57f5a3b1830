/**
 * Starting the local pair the same way everywhere (`npm run dev` and the end-to-end tests): the bot
 * from its sources, and Microsoft 365 Agents Playground as its chat client, telemetry off and kept on
 * loopback.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT_DIR } from '../../src/paths.js';
import { DEFAULT_PERSON, playgroundConfigYaml, type DemoPerson } from './demoPeople.js';
import { eachLine, NotReadyError, stopChild, waitForHttp } from './processes.js';

export const PLAYGROUND_PACKAGE = '@microsoft/teams-app-test-tool';
export const PLAYGROUND_CLI = path.join(ROOT_DIR, 'node_modules', ...PLAYGROUND_PACKAGE.split('/'), 'cli.js');
/** Preloaded into the Playground: refuses anything but loopback (see the file). */
export const LOOPBACK_GUARD = path.join(ROOT_DIR, 'scripts', 'lib', 'loopbackOnly.cjs');
/** The committed Playground configuration (the default demo person). */
export const PLAYGROUND_CONFIG_FILE = path.join(ROOT_DIR, '.m365agentsplayground.yml');
export const DEFAULT_PLAYGROUND_PORT = 56150;
/** What the guard writes when it refuses something. */
export const BLOCKED_MARK = '[loopback-only] blocked';

export function playgroundInstalled(): boolean {
    return fs.existsSync(PLAYGROUND_CLI);
}

/**
 * The Playground's environment. Telemetry needs both the `--disable-telemetry` flag and
 * `APPLICATION_INSIGHTS_NO_STATSBEAT`: with the flag alone its Application Insights client still
 * probes the Azure metadata address and an ingestion endpoint at start-up.
 */
export function playgroundEnvironment(
    base: NodeJS.ProcessEnv,
    files: { configFile: string; logFile: string },
): NodeJS.ProcessEnv {
    return {
        ...base,
        TEAMSAPPTESTER_BROWSER: 'none',
        APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: files.configFile,
        M365_AGENTS_PLAYGROUND_LOGFILE: files.logFile,
    };
}

/** The Playground's command line (after `node`). */
export function playgroundArguments(options: { botEndpoint: string; port: number }): string[] {
    return [
        '--require',
        LOOPBACK_GUARD,
        PLAYGROUND_CLI,
        'start',
        '--app-endpoint',
        options.botEndpoint,
        '--port',
        String(options.port),
        '--channel-id',
        'msteams',
        '--disable-telemetry',
    ];
}

/**
 * The configuration file that makes `person` the current user: the committed one for the default
 * person, otherwise one written into `dir`.
 */
export function playgroundConfigFor(person: DemoPerson, dir: string): string {
    if (person.key === DEFAULT_PERSON && fs.existsSync(PLAYGROUND_CONFIG_FILE)) return PLAYGROUND_CONFIG_FILE;
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `playground-${person.key}.yml`);
    fs.writeFileSync(file, playgroundConfigYaml(person));
    return file;
}

export interface RunningProcess {
    child: ChildProcess;
    url: string;
    port: number;
    stop(): Promise<void>;
}

export interface RunningPlayground extends RunningProcess {
    /** Lines the loopback guard wrote: attempts to reach anything but loopback. Should stay empty. */
    blocked: string[];
    /** Its first 200 lines of output (a `Telemetry: ...` line would mean telemetry is on). */
    output: string[];
}

export interface StartPlaygroundOptions {
    /** The bot's messaging endpoint, e.g. http://127.0.0.1:3978/api/messages. */
    botEndpoint: string;
    configFile: string;
    logFile: string;
    /** Wanted port; the Playground takes another free one if it is busy (0: any). */
    port?: number;
    env?: NodeJS.ProcessEnv;
    cwd?: string;
    /** Every output line, as it comes. */
    onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
    /** Called at once with the child process, so a caller can stop it even before it is ready. */
    onSpawn?: (child: ChildProcess) => void;
    readyTimeoutMs?: number;
}

/**
 * Starts the Playground and resolves once it answers `/_debug/ping`, with the port it really took
 * (read from its "Listening on N" line). Rejects, having stopped it, if it does not come up.
 */
export async function startPlayground(options: StartPlaygroundOptions): Promise<RunningPlayground> {
    if (!playgroundInstalled()) {
        throw new NotReadyError(`The Agents Playground is not installed (${PLAYGROUND_CLI}); run npm install.`);
    }
    if (!fs.existsSync(options.configFile)) {
        throw new NotReadyError(`The Playground configuration ${options.configFile} does not exist.`);
    }
    fs.mkdirSync(path.dirname(options.logFile), { recursive: true });
    const child = spawn(
        process.execPath,
        playgroundArguments({ botEndpoint: options.botEndpoint, port: options.port ?? 0 }),
        {
            cwd: options.cwd ?? ROOT_DIR,
            env: playgroundEnvironment(options.env ?? process.env, options),
            stdio: ['ignore', 'pipe', 'pipe'],
        },
    );
    options.onSpawn?.(child);
    const blocked: string[] = [];
    const output: string[] = [];
    const timeoutMs = options.readyTimeoutMs ?? 30_000;
    const listening = new Promise<number>((resolve, reject) => {
        const timer = setTimeout(
            () => reject(new NotReadyError(`The Playground did not start within ${timeoutMs} ms.`)),
            timeoutMs,
        );
        const onLine = (stream: 'stdout' | 'stderr') => (line: string) => {
            if (output.length < 200) output.push(line);
            if (line.startsWith(BLOCKED_MARK)) blocked.push(line);
            const m = /^Listening on (\d+)\s*$/.exec(line);
            if (m) {
                clearTimeout(timer);
                resolve(Number(m[1]));
            }
            options.onLine?.(line, stream);
        };
        eachLine(child.stdout, onLine('stdout'));
        eachLine(child.stderr, onLine('stderr'));
        child.once('exit', (code, signal) => {
            clearTimeout(timer);
            reject(new NotReadyError(`The Playground stopped before it was ready (exit ${code ?? signal}).`));
        });
        child.once('error', (err) => {
            clearTimeout(timer);
            reject(err);
        });
    });
    try {
        const port = await listening;
        const url = `http://127.0.0.1:${port}`;
        await waitForHttp(`${url}/_debug/ping`, { child, timeoutMs, what: 'The Playground' });
        return { child, port, url, blocked, output, stop: () => stopChild(child) };
    } catch (err) {
        await stopChild(child);
        const detail = output.length ? `\n${output.join('\n')}` : '';
        throw new NotReadyError(`${(err as Error).message}${detail}`);
    }
}

export interface StartBotProcessOptions {
    port: number;
    env?: NodeJS.ProcessEnv;
    onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
    onSpawn?: (child: ChildProcess) => void;
    readyTimeoutMs?: number;
}

/**
 * Starts the bot from its TypeScript sources (`node --import tsx src/index.ts`, faster than a build)
 * on 127.0.0.1:`port` with authentication off, and resolves once `/healthz` answers.
 */
export async function startBotProcess(options: StartBotProcessOptions): Promise<RunningProcess> {
    const child = spawn(
        process.execPath,
        ['--no-deprecation', '--import', 'tsx', path.join(ROOT_DIR, 'src', 'index.ts')],
        {
            cwd: ROOT_DIR,
            env: botEnvironment(options.env ?? process.env, options.port),
            stdio: ['ignore', 'pipe', 'pipe'],
        },
    );
    options.onSpawn?.(child);
    eachLine(child.stdout, (line) => options.onLine?.(line, 'stdout'));
    eachLine(child.stderr, (line) => options.onLine?.(line, 'stderr'));
    const url = `http://127.0.0.1:${options.port}`;
    try {
        await waitForHttp(`${url}/healthz`, { child, timeoutMs: options.readyTimeoutMs ?? 30_000, what: 'The bot' });
    } catch (err) {
        await stopChild(child);
        throw err;
    }
    return { child, url, port: options.port, stop: () => stopChild(child) };
}

/**
 * The bot's environment for local chat: the Playground sends no tokens, so authentication is off
 * (any BOT_ID from `.env` is overridden) and the bot listens on loopback only.
 */
export function botEnvironment(base: NodeJS.ProcessEnv, port: number): NodeJS.ProcessEnv {
    return { ...base, PORT: String(port), HOST: '127.0.0.1', BOT_ID: '', BOT_PASSWORD: '', BOT_TENANT_ID: '' };
}
