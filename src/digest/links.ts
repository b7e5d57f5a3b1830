/**
 * Download links for the digest spreadsheet: signed and expiring, so no store data sits behind a
 * permanent URL. A link names what to build (period and filters), who asked, and when it expires;
 * an HMAC over those makes it tamper-evident. The workbook is built when the link is used.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface LinkClaims {
    /** What the link downloads: the digest for a period, with optional filters... */
    period?: string;
    /** ...or one kind of the partnership's data as a workbook (`register`, `groups`, `roster`, `objectives`). */
    export?: string;
    theme?: string;
    groupId?: string;
    /** Exactly these updates (`groupId/period`, comma-separated), under `label`: a round as it was closed. */
    updates?: string;
    label?: string;
    /** What to build: the spreadsheet (default) or the Board paper. */
    format?: 'xlsx' | 'docx';
    /** The manager who asked (their e-mail): recorded in the log when the link is used. */
    by: string;
    /** Expiry, milliseconds since the epoch. */
    exp: number;
}

export type LinkCheck = { ok: true; claims: LinkClaims } | { ok: false; reason: 'malformed' | 'tampered' | 'expired' };

const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64url');

export class LinkSigner {
    private readonly key: Buffer;

    /** With no secret, a random one: links then stop working when the bot restarts. */
    constructor(secret?: string) {
        this.key = secret ? Buffer.from(secret, 'utf8') : randomBytes(32);
    }

    sign(claims: LinkClaims): string {
        const body = b64(JSON.stringify(claims));
        return `${body}.${b64(createHmac('sha256', this.key).update(body).digest())}`;
    }

    verify(token: string, now: number): LinkCheck {
        const [body, mac, extra] = token.split('.');
        if (!body || !mac || extra !== undefined || token.length > 2000) return { ok: false, reason: 'malformed' };
        const expected = createHmac('sha256', this.key).update(body).digest();
        let given: Buffer;
        try {
            given = Buffer.from(mac, 'base64url');
        } catch {
            return { ok: false, reason: 'malformed' };
        }
        if (given.length !== expected.length || !timingSafeEqual(given, expected))
            return { ok: false, reason: 'tampered' };
        let claims: LinkClaims;
        try {
            claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as LinkClaims;
        } catch {
            return { ok: false, reason: 'malformed' };
        }
        const names = typeof claims.period === 'string' || typeof claims.export === 'string';
        if (typeof claims.exp !== 'number' || !names || typeof claims.by !== 'string')
            return { ok: false, reason: 'malformed' };
        if (claims.exp <= now) return { ok: false, reason: 'expired' };
        return { ok: true, claims };
    }
}
