/**
 * Fetches a file a person sent in Teams, from the short-lived download URL Teams gives the bot
 * (`application/vnd.microsoft.teams.file.download.info`), under three limits: the host must be on the
 * allow-list, the file no larger than a size limit, the whole download within a time limit. A file
 * that breaks any of them is refused with an AppError whose message says which, and nothing is kept.
 */
import { AppError } from '../errors.js';

export interface FetchLimits {
    /**
     * Hosts files may come from: `host`, `host:port`, or `*.domain` for any host under that domain.
     * A loopback entry (localhost, 127.x.x.x, [::1]) may be fetched over plain HTTP; every other host
     * only over HTTPS.
     */
    allowedHosts: readonly string[];
    /** The largest file accepted, in bytes. */
    maxBytes: number;
    /** The longest the whole download may take, in milliseconds. */
    timeoutMs: number;
}

const MAX_REDIRECTS = 3;

function isLoopback(host: string): boolean {
    const h = host.replace(/^\[|\]$/g, '');
    return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

/** Why a URL may not be fetched under the allow-list, or undefined when it may. */
export function refusalFor(url: URL, allowedHosts: readonly string[]): string | undefined {
    const host = url.hostname.toLowerCase();
    const port = url.port || (url.protocol === 'https:' ? '443' : url.protocol === 'http:' ? '80' : '');
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return `it is not a web address (${url.protocol})`;
    if (url.username || url.password) return 'the address carries a user name or password';
    const listed = allowedHosts.some((entry) => {
        const e = entry.trim().toLowerCase();
        if (!e) return false;
        const m = /^(\*\.)?(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(e);
        if (!m) return false;
        const [, wild, name, p] = m;
        const bare = name.replace(/^\[|\]$/g, '');
        const hostMatches = wild ? host.endsWith(`.${bare}`) : host.replace(/^\[|\]$/g, '') === bare;
        return hostMatches && (!p || p === port);
    });
    if (!listed) return `${host} is not one of the hosts files may come from (FILE_DOWNLOAD_HOSTS)`;
    if (url.protocol === 'http:' && !isLoopback(host)) return `${host} must be reached over HTTPS`;
    return undefined;
}

/**
 * Downloads the file at `url` into memory. Redirects are followed (at most three), each checked
 * against the allow-list again. Throws AppError `file.refused` (host, size), `file.timeout` or
 * `file.unavailable` (the link failed or expired), each with a message for the person who sent it.
 */
export async function fetchFile(rawUrl: string, limits: FetchLimits, fetchImpl: typeof fetch = fetch): Promise<Buffer> {
    const signal = AbortSignal.timeout(limits.timeoutMs);
    let url: URL;
    try {
        url = new URL(rawUrl);
    } catch {
        throw new AppError(
            'file.refused',
            'The file came with a download address I cannot read. Nothing was imported.',
        );
    }
    try {
        for (let hop = 0; ; hop++) {
            const refusal = refusalFor(url, limits.allowedHosts);
            if (refusal)
                throw new AppError('file.refused', `I did not fetch the file: ${refusal}. Nothing was imported.`);
            const res = await fetchImpl(url, { redirect: 'manual', signal });
            if (res.status >= 300 && res.status < 400 && res.headers.get('location')) {
                await res.body?.cancel();
                if (hop >= MAX_REDIRECTS)
                    throw new AppError(
                        'file.refused',
                        "The file's address redirected too many times. Nothing was imported.",
                    );
                url = new URL(res.headers.get('location')!, url);
                continue;
            }
            if (!res.ok) {
                await res.body?.cancel();
                throw new AppError(
                    'file.unavailable',
                    `I could not download the file (the link answered ${res.status}; Teams' links expire after a while). Please send it again. Nothing was imported.`,
                );
            }
            return await readLimited(res, limits.maxBytes);
        }
    } catch (err) {
        if (err instanceof AppError) throw err;
        if (signal.aborted) {
            throw new AppError(
                'file.timeout',
                `The download took longer than ${+(limits.timeoutMs / 1000).toFixed(1)} seconds, so I stopped it. Please try again. Nothing was imported.`,
            );
        }
        throw new AppError(
            'file.unavailable',
            `I could not download the file (${(err as Error).message}). Please send it again. Nothing was imported.`,
        );
    }
}

/** A size as people read it: "5 MB", "2 KB". */
export function describeBytes(bytes: number): string {
    return bytes >= 1_048_576 ? `${+(bytes / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function tooLarge(maxBytes: number): AppError {
    return new AppError(
        'file.refused',
        `The file is larger than ${describeBytes(maxBytes)}, the most I accept. A register or roster is far smaller: check it is the right file. Nothing was imported.`,
    );
}

async function readLimited(res: Response, maxBytes: number): Promise<Buffer> {
    const declared = Number(res.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > maxBytes) {
        await res.body?.cancel();
        throw tooLarge(maxBytes);
    }
    const chunks: Buffer[] = [];
    let total = 0;
    if (!res.body) return Buffer.alloc(0);
    const reader = res.body.getReader();
    for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        total += value.byteLength;
        if (total > maxBytes) {
            await reader.cancel();
            throw tooLarge(maxBytes);
        }
        chunks.push(Buffer.from(value));
    }
    return Buffer.concat(chunks);
}
