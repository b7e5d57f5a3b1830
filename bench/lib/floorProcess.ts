/** Starts the built echo floor (`dist/bench/lib/floorMain.js`) with the bot's Node flags; resolves with its URL. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { startFlags } from '../../test/helpers/botProcess.js';

export async function startFloorProcess(timeoutMs = 30_000): Promise<{ url: string; child: ChildProcess }> {
    const child = spawn(process.execPath, [...startFlags(), path.resolve('dist/bench/lib/floorMain.js')], {
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
        stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
            child.kill('SIGKILL');
            reject(new Error(`the echo floor did not start within ${timeoutMs} ms:\n${out}`));
        }, timeoutMs);
        child.stdout.on('data', (b: Buffer) => {
            out += b.toString();
            const m = /listening on (http:\/\/[\d.]+:\d+)\/api\/messages/.exec(out);
            if (m) {
                clearTimeout(timer);
                resolve({ url: m[1], child });
            }
        });
        child.stderr.on('data', (b: Buffer) => (out += b.toString()));
        child.once('exit', (code) => {
            clearTimeout(timer);
            reject(new Error(`the echo floor exited with ${code}:\n${out}`));
        });
    });
}
