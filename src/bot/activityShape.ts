/**
 * The least an activity must carry before the adapter and the bot see it: a type, who sent it, the
 * conversation, and where to answer. Bot Framework's own check (`validateAndFixActivity`) stops only
 * a missing type, with a 500; anything else missing fails deep inside a turn. Checked here, a
 * malformed activity gets 400 with what is wrong, and no turn runs. Source: the Bot Framework
 * Activity schema (`type`, `from.id`, `recipient.id`, `conversation.id`, `serviceUrl`, `channelId` are
 * set on every activity a channel sends; teams-ai keys its turn state on the recipient).
 */
import { z } from 'zod';

const account = z.object({ id: z.string().min(1).max(1000) });
const activityShape = z.object({
    type: z.string().min(1).max(100),
    from: account,
    recipient: account,
    conversation: account,
    serviceUrl: z.string().min(1).max(2000),
    channelId: z.string().min(1).max(100),
});

/** What is wrong with a request body as an activity, in one sentence; undefined when it will do. */
export function activityProblem(body: unknown): string | undefined {
    if (typeof body !== 'object' || body === null || Array.isArray(body))
        return 'The request body is not a Bot Framework activity (a JSON object).';
    const parsed = activityShape.safeParse(body);
    if (parsed.success) return undefined;
    const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(the activity)'))];
    return `The activity is missing or has an invalid ${fields.join(', ')}.`;
}
