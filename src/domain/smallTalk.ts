/**
 * Small talk: "thanks", "ok", "bye" and the like, answered in kind rather than with "I'm not sure what
 * you mean". Only a short message made of such words counts, so "thanks, which protocols are due?" is
 * still a question for the recogniser.
 */

export type SmallTalk = 'thanks' | 'ok' | 'bye';

const WORDS: Record<SmallTalk, string[]> = {
    thanks: [
        'thanks',
        'thank you',
        'thankyou',
        'thanks a lot',
        'thanks very much',
        'thank you very much',
        'thanks so much',
        'thank you so much',
        'many thanks',
        'cheers',
        'ta',
        'thx',
        'ty',
        'much appreciated',
        'brilliant thanks',
        'great thanks',
        'perfect thanks',
        'lovely thanks',
    ],
    ok: [
        'ok',
        'okay',
        'ok thanks',
        'okay thanks',
        'k',
        'fine',
        'got it',
        'great',
        'brilliant',
        'perfect',
        'lovely',
        'cool',
        'noted',
        'understood',
        'will do',
        'sure',
        'right',
        'sounds good',
        'nice',
    ],
    bye: ['bye', 'goodbye', 'bye bye', 'see you', 'see ya', 'cya', 'that is all', "that's all", 'night', 'good night'],
};

const LOOKUP = new Map<string, SmallTalk>(
    (Object.entries(WORDS) as [SmallTalk, string[]][]).flatMap(([kind, phrases]) => phrases.map((p) => [p, kind])),
);

/**
 * The kind of small talk a message is, or undefined when it is anything else. Case, punctuation, emoji
 * and a trailing "bot" are ignored: "Thanks!", "ok :)", "Cheers bot" all count.
 */
export function smallTalk(text: string): SmallTalk | undefined {
    const words = text
        .toLowerCase()
        .replace(/[’']/g, "'")
        .replace(/[^a-z' ]+/g, ' ')
        .replace(/\b(bot|khg)\b/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();
    if (!words || words.split(' ').length > 5) return undefined;
    return LOOKUP.get(words) ?? LOOKUP.get(words.replace(/'/g, ''));
}

/** What the bot says back. */
export const SMALL_TALK_REPLIES: Readonly<Record<SmallTalk, string>> = {
    thanks: "You're welcome. Ask me any time, or type **help** to see what I can do.",
    ok: 'Good. I am here when you need me: type **help** to see what I can do.',
    bye: 'Goodbye. I will be here when you need me.',
};
