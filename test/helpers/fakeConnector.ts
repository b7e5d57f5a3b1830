/**
 * A local HTTP server playing the Bot Framework Connector, as Teams' service would: the bot's replies,
 * proactive sends, card updates, new conversations and member look-ups arrive here and are recorded.
 * Faults (429, 503, 403...) can be queued per kind of call. Shared by the tests and the benchmark.
 */
import { checkShownDates } from './shownDates.js';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type CallKind = 'reply' | 'send' | 'update' | 'createConversation' | 'getMember' | 'pagedMembers' | 'other';

export interface ConnectorCall {
    kind: CallKind;
    method: string;
    path: string;
    conversationId?: string;
    activityId?: string;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- whatever JSON the bot sent; each test reads the fields it asserts
    body: any;
    status: number;
    at: number;
}

export interface FakeResponse {
    status: number;
    headers?: Record<string, string>;
    body?: unknown;
}

export interface Member {
    id: string;
    name: string;
    email?: string;
    userPrincipalName?: string;
    aadObjectId?: string;
}

/** An error answer shaped as Teams shapes it: `{ error: { code, message } }`. */
export function teamsError(status: number, code: string, message = ''): FakeResponse {
    return { status, body: { error: { code, message } } };
}

/**
 * Failures that Teams really gives proactive sends, worse than a healthy connector: each one answers
 * every send into a conversation until lifted (see `FakeConnector.refuse`).
 */
export const TEAMS_FAULTS = {
    /** A stale conversation id: the chat is gone, a fresh one can be created. */
    conversationNotFound: teamsError(404, 'ConversationNotFound', 'Conversation not found.'),
    /** Reported by Teams bots as a transient service fault, not a block. */
    failedToDecrypt: teamsError(403, 'BadArgument', 'Failed to decrypt conversation id'),
    blockedByUser: teamsError(403, 'ConversationBlockedByUser', 'User blocked the conversation with the bot.'),
    disabledByAdmin: teamsError(403, 'BotDisabledByAdmin', 'The tenant admin disabled this bot'),
    writesBlocked: teamsError(403, 'MessageWritesBlocked', 'Thread is blocked'),
    notInRoster: teamsError(403, 'BotNotInConversationRoster', 'The bot is not part of the conversation roster.'),
    /** A 403 whose code says nothing about who refused. */
    forbiddenNoCode: { status: 403, body: { message: 'Forbidden' } } as FakeResponse,
} as const;

/** Decides a call's answer before the default one; return undefined to let it through. */
export type Interceptor = (call: Omit<ConnectorCall, 'status' | 'at'>) => FakeResponse | undefined;

export class FakeConnector {
    readonly calls: ConnectorCall[] = [];
    /** Every request as it arrived, before any delay or answer. */
    readonly received: Omit<ConnectorCall, 'status'>[] = [];
    /** Members known to the connector, by conversation id ('*' for any conversation). */
    readonly members = new Map<string, Member[]>();
    private readonly faults: {
        kind: CallKind;
        match?: (c: Omit<ConnectorCall, 'status' | 'at'>) => boolean;
        response: FakeResponse;
    }[] = [];
    private readonly waiters: { predicate: (c: ConnectorCall) => boolean; resolve: (c: ConnectorCall) => void }[] = [];
    /** Conversations whose every send and reply gets this answer (see `refuse`). */
    private readonly refused = new Map<string, FakeResponse>();
    interceptor?: Interceptor;
    /** Milliseconds to wait before answering a call (a slow connector). */
    delay?: (call: Omit<ConnectorCall, 'status' | 'at'>) => number;
    private server?: http.Server;
    private nextId = 1;
    url = '';

    async start(): Promise<this> {
        this.server = http.createServer((req, res) => this.handle(req, res));
        // Long enough for clients to reuse connections between calls, as they do with the real service
        // (Node clients drop a kept-alive socket one second before the server says it will).
        this.server.keepAliveTimeout = 10_000;
        await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
        this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
        return this;
    }

    async stop(): Promise<void> {
        if (!this.server) return;
        this.server.closeAllConnections();
        await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    }

    addMember(member: Member, conversationId = '*'): void {
        const list = this.members.get(conversationId) ?? [];
        list.push(member);
        this.members.set(conversationId, list);
    }

    /** Queues a fault for the next call of this kind (optionally only calls that match). */
    fail(kind: CallKind, response: FakeResponse, match?: (c: Omit<ConnectorCall, 'status' | 'at'>) => boolean): void {
        this.faults.push({ kind, response, match });
    }

    /**
     * Every send and reply into this conversation gets the answer (a stale id, a block) until `lift`:
     * Teams does not forget a conversation after one refusal.
     */
    refuse(conversationId: string, response: FakeResponse): void {
        this.refused.set(conversationId, response);
    }

    lift(conversationId: string): void {
        this.refused.delete(conversationId);
    }

    /** Activities the bot sent (replies and proactive sends), in order. */
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- activities as the bot sent them; each test reads the fields it asserts
    activities(conversationId?: string): any[] {
        return this.calls
            .filter((c) => (c.kind === 'reply' || c.kind === 'send') && c.status < 300)
            .filter((c) => !conversationId || c.conversationId === conversationId)
            .map((c) => c.body);
    }

    /** Resolves with the first call (past or future) that matches. */
    waitFor(predicate: (c: ConnectorCall) => boolean, timeoutMs = 5000): Promise<ConnectorCall> {
        const found = this.calls.find(predicate);
        if (found) return Promise.resolve(found);
        return new Promise((resolve, reject) => {
            const waiter = {
                predicate,
                resolve: (c: ConnectorCall) => {
                    clearTimeout(timer);
                    resolve(c);
                },
            };
            const timer = setTimeout(() => {
                this.waiters.splice(this.waiters.indexOf(waiter), 1);
                reject(
                    new Error(
                        `fake connector: no matching call within ${timeoutMs} ms (saw ${this.calls.map((c) => `${c.method} ${c.path}`).join(', ') || 'nothing'})`,
                    ),
                );
            }, timeoutMs);
            this.waiters.push(waiter);
        });
    }

    reset(): void {
        this.calls.length = 0;
        this.received.length = 0;
        this.faults.length = 0;
        this.refused.clear();
    }

    private classify(method: string, path: string): Omit<ConnectorCall, 'status' | 'at' | 'body'> {
        const p = path.split('?')[0];
        let m: RegExpMatchArray | null;
        if (method === 'POST' && p === '/v3/conversations') return { kind: 'createConversation', method, path };
        if ((m = /^\/v3\/conversations\/([^/]+)\/activities\/([^/]+)$/.exec(p))) {
            const conversationId = decodeURIComponent(m[1]);
            const activityId = decodeURIComponent(m[2]);
            if (method === 'POST') return { kind: 'reply', method, path, conversationId, activityId };
            if (method === 'PUT') return { kind: 'update', method, path, conversationId, activityId };
        }
        if (method === 'POST' && (m = /^\/v3\/conversations\/([^/]+)\/activities$/.exec(p))) {
            return { kind: 'send', method, path, conversationId: decodeURIComponent(m[1]) };
        }
        if (method === 'GET' && (m = /^\/v3\/conversations\/([^/]+)\/members\/([^/]+)$/.exec(p))) {
            return {
                kind: 'getMember',
                method,
                path,
                conversationId: decodeURIComponent(m[1]),
                activityId: decodeURIComponent(m[2]),
            };
        }
        if (method === 'GET' && (m = /^\/v3\/conversations\/([^/]+)\/pagedmembers$/.exec(p))) {
            return { kind: 'pagedMembers', method, path, conversationId: decodeURIComponent(m[1]) };
        }
        return { kind: 'other', method, path };
    }

    private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let body: unknown;
            try {
                body = text ? JSON.parse(text) : undefined;
            } catch {
                body = text;
            }
            const call = { ...this.classify(req.method ?? 'GET', req.url ?? '/'), body };
            // What reached the connector counts as delivered, even if the bot dies before the answer.
            this.received.push({ ...call, at: Date.now() });
            checkShownDates(`${req.method} ${req.url}`, body);
            const wait = this.delay?.(call) ?? 0;
            if (wait > 0) {
                setTimeout(() => this.respond(call, res), wait);
                return;
            }
            this.respond(call, res);
        });
    }

    private respond(call: Omit<ConnectorCall, 'status' | 'at'>, res: http.ServerResponse): void {
        const answer = this.answer(call);
        const recorded: ConnectorCall = { ...call, status: answer.status, at: Date.now() };
        this.calls.push(recorded);
        for (const w of [...this.waiters]) {
            if (w.predicate(recorded)) {
                this.waiters.splice(this.waiters.indexOf(w), 1);
                w.resolve(recorded);
            }
        }
        res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
    }

    private answer(call: Omit<ConnectorCall, 'status' | 'at'>): FakeResponse {
        const intercepted = this.interceptor?.(call);
        if (intercepted) return intercepted;
        const refusal =
            (call.kind === 'send' || call.kind === 'reply') && call.conversationId
                ? this.refused.get(call.conversationId)
                : undefined;
        if (refusal) return refusal;
        const i = this.faults.findIndex((f) => f.kind === call.kind && (!f.match || f.match(call)));
        if (i >= 0) return this.faults.splice(i, 1)[0].response;
        switch (call.kind) {
            case 'reply':
            case 'send':
                return { status: 200, body: { id: `activity-${this.nextId++}` } };
            case 'update':
                return { status: 200, body: { id: call.activityId } };
            case 'createConversation':
                return { status: 201, body: { id: `conversation-${this.nextId++}` } };
            case 'getMember': {
                const member = this.findMember(call.conversationId!, call.activityId!);
                return member
                    ? { status: 200, body: member }
                    : {
                          status: 404,
                          body: {
                              error: {
                                  code: 'MemberNotFoundInConversation',
                                  message: 'The member is not in this conversation',
                              },
                          },
                      };
            }
            case 'pagedMembers': {
                const list = [...(this.members.get(call.conversationId!) ?? []), ...(this.members.get('*') ?? [])];
                return { status: 200, body: { members: list } };
            }
            default:
                return {
                    status: 404,
                    body: {
                        error: {
                            code: 'NotFound',
                            message: `fake connector has no route for ${call.method} ${call.path}`,
                        },
                    },
                };
        }
    }

    private findMember(conversationId: string, userId: string): Member | undefined {
        const list = [...(this.members.get(conversationId) ?? []), ...(this.members.get('*') ?? [])];
        return list.find((m) => m.id === userId || m.aadObjectId === userId);
    }
}
