/**
 * A script in the place of the person at the Agents Playground: it types through the Playground's
 * HTTP API and reads what the bot sends from the Playground's websocket, as the browser page does.
 */
import WebSocket from 'ws';
import { cardText } from './cards.js';

export interface PlaygroundMessage {
    messageId: string;
    text?: string;
    attachments?: { contentType: string; content: unknown }[];
    from?: { id: string; name?: string };
    [key: string]: unknown;
}

export interface StreamEvent {
    /** 'createMessage', 'updateMessage', 'typing', or another the Playground adds. */
    action: string;
    actionConversationId: string;
    message: PlaygroundMessage;
}

/** All the text a person reads in a message: its text and every text and title of its card. */
export function readableText(message: PlaygroundMessage): string {
    return [message.text ?? '', cardText(message.attachments?.map((a) => a.content))].filter(Boolean).join('\n');
}

export class PlaygroundClient {
    private readonly events: StreamEvent[] = [];
    private readonly logs: unknown[] = [];
    private readonly waiters = new Set<() => void>();
    private sockets: WebSocket[] = [];
    /** Index of the first stream event `next()` has not returned yet. */
    private cursor = 0;

    constructor(readonly url: string) {}

    /** Opens the conversation stream and the log stream. */
    async connect(): Promise<this> {
        const ws = this.url.replace(/^http/, 'ws');
        const open = (path: string, onMessage: (data: unknown) => void) =>
            new Promise<WebSocket>((resolve, reject) => {
                const socket = new WebSocket(`${ws}${path}`);
                socket.once('open', () => resolve(socket));
                socket.once('error', reject);
                socket.on('message', (raw) => {
                    const text = Array.isArray(raw) ? Buffer.concat(raw).toString() : new TextDecoder().decode(raw);
                    onMessage(JSON.parse(text));
                    for (const w of this.waiters) w();
                });
            });
        this.sockets = await Promise.all([
            open('/_ws_conversation/v1/conversations/stream', (e) => this.events.push(e as StreamEvent)),
            open('/_ws/log/stream', (e) => this.logs.push(e)),
        ]);
        return this;
    }

    close(): void {
        for (const s of this.sockets) s.terminate();
        this.sockets = [];
    }

    /** Installs the bot in a conversation, as the Playground's "install" does (installationUpdate + conversationUpdate). */
    async install(conversationId: string): Promise<void> {
        await this.post(`/_debug/conversation/${encodeURIComponent(conversationId)}/installation`, {});
    }

    /** The person types `text` in the conversation. Resolves with the message id the Playground gave it. */
    async say(conversationId: string, fromId: string, text: string): Promise<string> {
        const body = (await this.post(
            `/_conversation/v1/conversations/${encodeURIComponent(conversationId)}/messages`,
            {
                type: 'text',
                text,
                textFormat: 'plain',
                from: { id: fromId },
            },
        )) as { messageId: string };
        return body.messageId;
    }

    /**
     * The person presses an Action.Execute button: the Playground sends the `adaptiveCard/action`
     * invoke (a script puts the card's input values into `data` itself). Resolves with the bot's answer.
     */
    async invoke(
        conversationId: string,
        fromId: string,
        verb: string,
        data: Record<string, unknown>,
        replyToId?: string,
    ): Promise<{ statusCode: number; type: string; value: unknown }> {
        return (await this.post('/_conversation/v1/invoke', {
            name: 'adaptiveCard/action',
            value: { action: { type: 'Action.Execute', title: verb, verb, data } },
            from: { id: fromId },
            conversation: { id: conversationId },
            replyToId,
        })) as { statusCode: number; type: string; value: unknown };
    }

    /** Resolves with the first message the bot updated in place (a card replaced for everyone) that matches. */
    async nextUpdate(predicate: (m: PlaygroundMessage) => boolean, timeoutMs = 10_000): Promise<PlaygroundMessage> {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
            const found = this.events.find((e) => e.action === 'updateMessage' && predicate(e.message));
            if (found) return found.message;
            if (Date.now() > deadline) throw new Error(`No matching update from the bot within ${timeoutMs} ms`);
            await new Promise((r) => setTimeout(r, 20));
        }
    }

    /** The Playground's configuration as it loaded it (current user, users, chats). */
    async config(): Promise<{
        currentUser: { id: string; name: string; aadObjectId: string };
        personalChat: { id: string };
    }> {
        const res = await fetch(`${this.url}/_internal/v1/config`);
        if (!res.ok) throw new Error(`GET /_internal/v1/config: HTTP ${res.status}`);
        return ((await res.json()) as { config: never }).config;
    }

    /**
     * The next message the bot creates (typing indicators skipped), optionally one matching
     * `predicate`; earlier messages that do not match are passed over.
     */
    async next(
        predicate: (m: PlaygroundMessage) => boolean = () => true,
        timeoutMs = 10_000,
    ): Promise<PlaygroundMessage> {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
            while (this.cursor < this.events.length) {
                const e = this.events[this.cursor++];
                if (e.action === 'createMessage' && predicate(e.message)) return e.message;
            }
            const left = deadline - Date.now();
            if (left <= 0) {
                throw new Error(
                    `No matching message from the bot within ${timeoutMs} ms. Stream so far:\n` +
                        this.events.map((e) => `  ${e.action}: ${readableText(e.message).slice(0, 120)}`).join('\n') +
                        `\nLast log items:\n${this.logs
                            .slice(-5)
                            .map((l) => `  ${JSON.stringify(l).slice(0, 300)}`)
                            .join('\n')}`,
                );
            }
            await new Promise<void>((resolve) => {
                const done = () => {
                    clearTimeout(timer);
                    this.waiters.delete(done);
                    resolve();
                };
                const timer = setTimeout(done, left);
                this.waiters.add(done);
            });
        }
    }

    /** Everything the bot created so far. */
    messages(): PlaygroundMessage[] {
        return this.events.filter((e) => e.action === 'createMessage').map((e) => e.message);
    }

    private async post(path: string, body: unknown): Promise<unknown> {
        const res = await fetch(`${this.url}${path}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body),
        });
        const text = await res.text();
        if (!res.ok) throw new Error(`POST ${path}: HTTP ${res.status} ${text}`);
        return text ? JSON.parse(text) : undefined;
    }
}
