/**
 * Child processes for the local tools (`npm run dev` and the end-to-end tests): line-by-line output,
 * waiting for an HTTP endpoint, free ports, and stopping a child for sure.
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import readline from 'node:readline';
import type { Readable } from 'node:stream';

/** Calls `onLine` for every line a stream writes (no trailing newline). */
export function eachLine(stream: Readable | null, onLine: (line: string) => void): void {
    if (!stream) return;
    readline.createInterface({ input: stream, crlfDelay: Infinity }).on('line', onLine);
}

/** Resolves when the child has exited (at once if it already has). */
export function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (child.exitCode !== null || child.signalCode !== null) {
        return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
    }
    return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

/** True while the process exists (signal 0 checks without sending anything). */
export function isRunning(pid: number | undefined): boolean {
    if (!pid) return false;
    try {
        process.kill(pid, 0);
        return true;
    } catch (err) {
        return (err as NodeJS.ErrnoException).code === 'EPERM';
    }
}

/**
 * Stops a child: `signal` first (SIGTERM by default, so it can close cleanly), SIGKILL if it is
 * still there after `graceMs`. Resolves once it has exited.
 */
export async function stopChild(
    child: ChildProcess,
    options: { signal?: NodeJS.Signals; graceMs?: number } = {},
): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const done = exited(child);
    child.kill(options.signal ?? 'SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), options.graceMs ?? 5000);
    try {
        await done;
    } finally {
        clearTimeout(timer);
    }
}

export class NotReadyError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'NotReadyError';
    }
}

/**
 * Polls `url` until it answers 2xx. Gives up after `timeoutMs`, or at once when `child` (the process
 * that should be serving it) exits, with a message naming what did not come up.
 */
export async function waitForHttp(
    url: string,
    options: { timeoutMs?: number; intervalMs?: number; child?: ChildProcess; what?: string } = {},
): Promise<void> {
    const { timeoutMs = 30_000, intervalMs = 100, child, what = url } = options;
    const deadline = Date.now() + timeoutMs;
    let last: string;
    for (;;) {
        if (child && (child.exitCode !== null || child.signalCode !== null)) {
            throw new NotReadyError(
                `${what} stopped before it was ready (exit ${child.exitCode ?? child.signalCode}).`,
            );
        }
        try {
            const res = await fetch(url, { signal: AbortSignal.timeout(Math.max(intervalMs * 10, 1000)) });
            await res.arrayBuffer();
            if (res.ok) return;
            last = `HTTP ${res.status}`;
        } catch (err) {
            last = (err as Error).message;
        }
        if (Date.now() > deadline)
            throw new NotReadyError(`${what} was not ready after ${timeoutMs} ms (${url}: ${last}).`);
        await new Promise((r) => setTimeout(r, intervalMs));
    }
}

/** Parent pid and command line of a process, from /proc (Linux); undefined elsewhere or when it is gone. */
function procInfo(pid: number): { ppid: number; cmdline: string } | undefined {
    try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read after the last ')'.
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
        return Number.isInteger(ppid) ? { ppid, cmdline } : undefined;
    } catch {
        return undefined;
    }
}

/**
 * The processes that launched this one, nearest first, up to and including `npm` when there is one
 * (`npm run dev` -> sh -> tsx -> this). Just the parent when there is no npm, or no /proc to read.
 */
export function launchers(): number[] {
    const chain: number[] = [];
    let pid = process.ppid;
    for (let i = 0; i < 6 && pid > 1; i++) {
        const info = procInfo(pid);
        if (!info) break;
        chain.push(pid);
        if (/(^|[\s/])npm(-cli\.js)?(\s|$)/.test(info.cmdline)) return chain;
        pid = info.ppid;
    }
    return [process.ppid];
}

/**
 * Calls `onGone` once when any of `pids` has stopped. A signal sent to `npm` alone (not to the whole
 * process group, as Ctrl-C does) is not passed on by the `sh` between npm and this script: watching
 * the launchers is how `npm run dev` still stops its children then.
 */
export function watchLaunchers(pids: number[], onGone: (pid: number) => void, intervalMs = 500): () => void {
    const timer = setInterval(() => {
        const gone = pids.find((p) => !isRunning(p));
        if (gone !== undefined) {
            clearInterval(timer);
            onGone(gone);
        }
    }, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
}

/** A port that was free on 127.0.0.1 a moment ago. */
export function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = net.createServer();
        server.unref();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const { port } = server.address() as net.AddressInfo;
            server.close(() => resolve(port));
        });
    });
}

/** True when nothing accepts connections on 127.0.0.1:`port`. */
export function portIsFree(port: number): Promise<boolean> {
    return new Promise((resolve) => {
        const socket = net.connect({ port, host: '127.0.0.1' });
        socket.once('connect', () => {
            socket.destroy();
            resolve(false);
        });
        socket.once('error', () => resolve(true));
    });
}
