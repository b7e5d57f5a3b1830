/**
 * Adaptive Cards from the JSON templates in `cards/`, expanded with typed data. One place loads and
 * caches the templates; each template has one model type in `models.ts`.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { CARDS_DIR } from '../paths.js';
import type { CardModels, CardName } from './models.js';

/** Each card's template, parsed once: expanding does not change it. */
const cache = new Map<string, ACData.Template>();

function template(name: string): ACData.Template {
    let t = cache.get(name);
    if (!t) {
        t = new ACData.Template(JSON.parse(fs.readFileSync(path.join(CARDS_DIR, `${name}.json`), 'utf8')));
        cache.set(name, t);
    }
    return t;
}

/** An Adaptive Card as a plain object. */
export type AdaptiveCardJson = Record<string, unknown> & { type: 'AdaptiveCard' };

export function renderCard<K extends CardName>(name: K, data: CardModels[K]): AdaptiveCardJson {
    const card = template(name).expand({ $root: data }) as AdaptiveCardJson;
    // A property whose `$when` is false expands to null (e.g. `refresh`); Teams wants it absent.
    return Object.fromEntries(Object.entries(card).filter(([, value]) => value !== null)) as AdaptiveCardJson;
}

/** A card as a Bot Framework attachment (the shape of botbuilder's `Attachment`). */
export interface CardAttachment {
    contentType: 'application/vnd.microsoft.card.adaptive';
    content: AdaptiveCardJson;
}

export function cardAttachment(card: AdaptiveCardJson): CardAttachment {
    return { contentType: 'application/vnd.microsoft.card.adaptive', content: card };
}

/**
 * A message activity carrying one card, as botbuilder's `MessageFactory.attachment` builds it, for
 * code outside the transport (the reminder use cases) that hands messages to the proactive sender.
 */
export function cardMessage(card: AdaptiveCardJson): {
    type: 'message';
    attachmentLayout: 'list';
    attachments: CardAttachment[];
    inputHint: 'acceptingInput';
} {
    return {
        type: 'message',
        attachmentLayout: 'list',
        attachments: [cardAttachment(card)],
        inputHint: 'acceptingInput',
    };
}

/** Size of the card as Teams would receive it, in bytes. */
export function cardBytes(card: AdaptiveCardJson): number {
    return Buffer.byteLength(JSON.stringify(card), 'utf8');
}
