/**
 * Azurite, Microsoft's Azure Storage emulator (from npm), as the tests start it: its blob service alone,
 * on a free port of 127.0.0.1, keeping its data in a temporary folder that `stop()` removes.
 * `--skipApiVersionCheck` lets the SDK's newest API version through; `--loose` ignores headers the
 * emulator does not know; telemetry is off (the tests have no network).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { BlobServiceClient } from '@azure/storage-blob';

/** Azurite's well-known development account (public, the same in every install). */
const ACCOUNT = 'devstoreaccount1';
const KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface Azurite {
    port: number;
    connectionString: string;
    /** A fresh, empty container name for one test. */
    container(): string;
    /** The environment a bot needs to keep its store in a container of this Azurite. */
    env(container: string): Record<string, string>;
    /** Deletes a container (and everything in it). */
    drop(container: string): Promise<void>;
    stop(): Promise<void>;
}

let counter = 0;

export async function startAzurite(timeoutMs = 90_000): Promise<Azurite> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'khg-azurite-'));
    const main = createRequire(import.meta.url).resolve('azurite/dist/src/blob/main.js');
    const child: ChildProcess = spawn(
        process.execPath,
        [
            main,
            '--blobHost',
            '127.0.0.1',
            '--blobPort',
            '0',
            '--location',
            dir,
            '--loose',
            '--skipApiVersionCheck',
            '--disableTelemetry',
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const port = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => {
            child.kill('SIGKILL');
            reject(new Error(`Azurite did not start within ${timeoutMs} ms:\n${out}`));
        }, timeoutMs);
        const onData = (b: Buffer) => {
            out += b.toString();
            const m = /listens on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
            if (m) {
                clearTimeout(timer);
                resolve(Number(m[1]));
            }
        };
        child.stdout!.on('data', onData);
        child.stderr!.on('data', onData);
        child.once('exit', (code) => {
            clearTimeout(timer);
            reject(new Error(`Azurite exited with ${code} before listening:\n${out}`));
        });
    });
    // Keep draining its output so a chatty emulator never blocks on a full pipe.
    child.stdout!.resume();
    child.stderr!.resume();
    const connectionString = `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${KEY};BlobEndpoint=http://127.0.0.1:${port}/${ACCOUNT};`;
    const service = BlobServiceClient.fromConnectionString(connectionString);
    return {
        port,
        connectionString,
        container: () => `t${process.pid}-${Date.now().toString(36)}-${counter++}`,
        env: (container) => ({
            STORE_BACKEND: 'azure-blob',
            AZURE_STORAGE_CONNECTION_STRING: connectionString,
            STORE_CONTAINER: container,
        }),
        drop: async (container) => {
            await service.getContainerClient(container).deleteIfExists();
        },
        stop: async () => {
            child.kill('SIGTERM');
            await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
            if (child.exitCode === null) child.kill('SIGKILL');
            fs.rmSync(dir, { recursive: true, force: true });
        },
    };
}
