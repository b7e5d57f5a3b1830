/**
 * The bot as a separate process (`src/index.ts`, as `npm start` runs it), for tests that kill it.
 * Resolves once it is listening, with its URL read from its start-up log line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface BotProcess {
    url: string;
    child: ChildProcess;
    output: () => string;
    kill(signal?: NodeJS.Signals): Promise<number | null>;
}

/** The Node flags `npm start` gives the bot (its memory budget among them), read from package.json. */
export function startFlags(): string[] {
    const start = (
        JSON.parse(fs.readFileSync(path.resolve('package.json'), 'utf8')) as { scripts: Record<string, string> }
    ).scripts.start;
    const m = /\bnode ((?:--\S+ )*)dist\/src\/index\.js/.exec(start);
    if (!m) throw new Error(`package.json's start script does not run dist/src/index.js with node: ${start}`);
    return m[1].trim().split(/\s+/).filter(Boolean);
}

/**
 * @param compiled run the build in `dist/` (`npm run build` first) with plain Node, exactly as
 *   `npm start` does, instead of the TypeScript sources through tsx
 */
export function startBotProcess(
    env: Record<string, string>,
    timeoutMs = 45_000,
    compiled = false,
): Promise<BotProcess> {
    const entry = compiled
        ? [...startFlags(), path.resolve('dist/src/index.js')]
        : ['--no-deprecation', '--import', 'tsx', path.resolve('src/index.ts')];
    const child = spawn(process.execPath, entry, {
        env: {
            PATH: process.env.PATH ?? '',
            HOME: process.env.HOME ?? '',
            PORT: '0',
            SCHEDULER: 'false',
            LOG_LEVEL: 'info',
            ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
            child.kill('SIGKILL');
            reject(new Error(`the bot did not start within ${timeoutMs} ms:\n${out}`));
        }, timeoutMs);
        const onData = (b: Buffer) => {
            out += b.toString();
            const m = /listening on (http:\/\/[\d.]+:\d+)\/api\/messages/.exec(out);
            if (m) {
                clearTimeout(timer);
                resolve({
                    url: m[1],
                    child,
                    output: () => out,
                    kill: async (signal = 'SIGTERM') => {
                        child.kill(signal);
                        return exited;
                    },
                });
            }
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', (b: Buffer) => (out += b.toString()));
        child.once('exit', (code) => {
            clearTimeout(timer);
            reject(new Error(`the bot exited with ${code} before listening:\n${out}`));
        });
    });
}
