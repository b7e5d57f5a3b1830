/**
 * The bot as a separate process (`src/index.ts`, as `npm start` runs it), for tests that kill it.
 * Resolves once it is listening, with its URL read from its start-up log line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface BotProcess {
    url: string;
    child: ChildProcess;
    output: () => string;
    kill(signal?: NodeJS.Signals): Promise<number | null>;
}

export function startBotProcess(env: Record<string, string>, timeoutMs = 15_000): Promise<BotProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', '--no-deprecation', path.resolve('src/index.ts')], {
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', SCHEDULER: 'false', LOG_LEVEL: 'info', ...env },
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
            const m = out.match(/listening on (http:\/\/[\d.]+:\d+)\/api\/messages/);
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
        child.stdout!.on('data', onData);
        child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
        child.once('exit', (code) => {
            clearTimeout(timer);
            reject(new Error(`the bot exited with ${code} before listening:\n${out}`));
        });
    });
}
