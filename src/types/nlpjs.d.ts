// The NLP.js packages ship no type declarations; these cover the parts the recogniser uses.
declare module '@nlpjs/core' {
    export interface Container {
        use(plugin: unknown): void;
        registerConfiguration(tag: string, settings: Record<string, unknown>, overwrite?: boolean): void;
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        get(name: string): any;
    }
    export function containerBootstrap(settings?: unknown): Promise<Container>;
}
declare module '@nlpjs/nlp' {
    export const Nlp: unknown;
}
declare module '@nlpjs/lang-en-min' {
    export const LangEn: unknown;
    /** NLP.js's English stop words ("the", "would", "which"...). */
    export class StopwordsEn {
        dictionary: Record<string, boolean>;
    }
}
