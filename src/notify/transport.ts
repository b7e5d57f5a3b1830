/**
 * Proactive messages through the Bot Framework adapter. One retry policy is in charge: the SDK's own
 * (which retries some faults silently and hides Retry-After) is taken out of each proactive call's
 * pipeline, and the response's Retry-After is read, so the sender decides and records every attempt.
 */
import type { TeamsAdapter } from '@microsoft/teams-ai';
import { TeamsInfo, TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import { parseRetryAfter, SendError } from './faults.js';

export interface Transport {
    /** Sends an activity into a saved conversation; resolves with the new activity's id. */
    send(reference: Partial<ConversationReference>, activity: Partial<Activity>): Promise<{ activityId?: string }>;
    /** Opens a 1:1 chat with a team member (one who never talked to the bot); resolves with its reference. */
    createPersonalConversation(
        teamReference: Partial<ConversationReference>,
        member: { id: string },
        tenantId?: string,
    ): Promise<Partial<ConversationReference>>;
    /** Everyone in a team the bot is installed in (Teams user id, e-mail / UPN, Entra object id). */
    teamMembers(teamReference: Partial<ConversationReference>): Promise<TeamMember[]>;
}

export interface TeamMember {
    id: string;
    name?: string;
    email?: string;
    userPrincipalName?: string;
    aadObjectId?: string;
}

interface Pipeline {
    removePolicy(o: { name: string }): unknown;
    addPolicy(
        policy: {
            name: string;
            sendRequest: (req: unknown, next: (req: unknown) => Promise<PipelineResponse>) => Promise<PipelineResponse>;
        },
        options?: { phase?: string },
    ): void;
}
interface PipelineResponse {
    status: number;
    headers: { get(name: string): string | undefined | null };
}

/** Takes the SDK's retry policy out of this call's connector client and watches its responses. */
function takeCharge(context: TurnContext, onResponse: (res: PipelineResponse) => void): void {
    const client = context.turnState.get<{ client?: { pipeline?: Pipeline } } | undefined>(
        context.adapter.ConnectorClientKey,
    );
    const pipeline = client?.client?.pipeline;
    if (!pipeline) return;
    pipeline.removePolicy({ name: 'defaultRetryPolicy' });
    pipeline.removePolicy({ name: 'khgResponseWatch' });
    pipeline.addPolicy(
        {
            name: 'khgResponseWatch',
            async sendRequest(req, next) {
                const res = await next(req);
                onResponse(res);
                return res;
            },
        },
        { phase: 'Retry' },
    );
}

function toSendError(err: unknown, retryAfterMs?: number): SendError {
    if (err instanceof SendError) return err;
    const e = err as {
        statusCode?: number;
        code?: string;
        message?: string;
        details?: { error?: { code?: string; message?: string } };
    };
    const code = e.details?.error?.code ?? (typeof e.code === 'string' && !/^\d+$/.test(e.code) ? e.code : undefined);
    const status = typeof e.statusCode === 'number' ? e.statusCode : undefined;
    return new SendError(status, code, e.details?.error?.message ?? e.message ?? String(err), retryAfterMs);
}

export function createBotTransport(adapter: TeamsAdapter, botAppId: string, now: () => number = Date.now): Transport {
    return {
        async send(reference, activity) {
            let retryAfterMs: number | undefined;
            let activityId: string | undefined;
            let failure: unknown;
            try {
                await adapter.continueConversationAsync(botAppId, reference, async (context) => {
                    takeCharge(context, (res) => {
                        retryAfterMs =
                            res.status >= 400 ? parseRetryAfter(res.headers.get('retry-after'), now()) : undefined;
                    });
                    // Caught here: an error escaping this callback would go to the adapter's onTurnError
                    // (the bot's apology to the person), not back to the sender.
                    try {
                        activityId = (await context.sendActivity(activity))?.id;
                    } catch (err) {
                        failure = err;
                    }
                });
            } catch (err) {
                failure ??= err;
            }
            if (failure !== undefined) throw toSendError(failure, retryAfterMs);
            return { activityId };
        },

        async createPersonalConversation(teamReference, member, tenantId) {
            let created: Partial<ConversationReference> | undefined;
            try {
                await adapter.createConversationAsync(
                    botAppId,
                    'msteams',
                    teamReference.serviceUrl!,
                    '',
                    {
                        isGroup: false,
                        bot: teamReference.bot,
                        members: [{ id: member.id, name: '' }],
                        tenantId,
                        channelData: tenantId ? { tenant: { id: tenantId } } : undefined,
                    } as never,
                    async (context) => {
                        created = TurnContext.getConversationReference(context.activity);
                    },
                );
            } catch (err) {
                throw toSendError(err);
            }
            if (!created?.conversation?.id)
                throw new SendError(undefined, 'NoConversation', 'Teams did not return a conversation');
            return created;
        },

        async teamMembers(teamReference) {
            const members: TeamMember[] = [];
            let failure: unknown;
            try {
                await adapter.continueConversationAsync(botAppId, teamReference, async (context) => {
                    try {
                        let token: string | undefined;
                        do {
                            const page = await TeamsInfo.getPagedMembers(context, 500, token);
                            members.push(
                                ...page.members.map((m) => ({
                                    id: m.id,
                                    name: m.name,
                                    email: m.email,
                                    userPrincipalName: m.userPrincipalName,
                                    aadObjectId: m.aadObjectId,
                                })),
                            );
                            token = page.continuationToken;
                        } while (token);
                    } catch (err) {
                        failure = err;
                    }
                });
            } catch (err) {
                failure ??= err;
            }
            if (failure !== undefined) throw toSendError(failure);
            return members;
        },
    };
}
