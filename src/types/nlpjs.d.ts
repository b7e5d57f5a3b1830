// The NLP.js packages ship no type declarations; these cover the parts the recogniser uses.
declare module '@nlpjs/core' {
    export interface Container {
        use(plugin: unknown): void;
        registerConfiguration(tag: string, settings: Record<string, unknown>, overwrite?: boolean): void;
        /** A registered plugin by name ('nlp', 'extract-enum', ...): the caller names its type. */
        get(name: string): unknown;
    }
    export function containerBootstrap(settings?: unknown): Promise<Container>;
}
declare module '@nlpjs/nlp' {
    export const Nlp: unknown;

    /** One domain of the trained NLU: its text preparation and spell checker. */
    export interface NluDomain {
        prepare(text: string): Promise<Record<string, number>>;
        spellCheck: { check(tokens: Record<string, number>, distance: number): Record<string, number> };
    }

    /** The container's 'nlp' plugin. */
    export interface NlpManager {
        settings: { autoSave: boolean; log: boolean };
        nluManager: {
            settings: { useNoneFeature: boolean };
            domainManagers: Record<string, { domains: Record<string, NluDomain> }>;
        };
        addLanguage(locale: string): void;
        addDocument(locale: string, utterance: string, intent: string): void;
        train(): Promise<void>;
        /** The trained model as JSON text (`minified`: without indentation). */
        export(minified?: boolean): string;
        /** Replaces the model with one `export` wrote (as text or parsed). */
        import(data: string | Record<string, unknown>): void;
        classify(locale: string, text: string): Promise<{ classifications?: { intent: string; score: number }[] }>;
    }
}
declare module '@nlpjs/lang-en-min' {
    export const LangEn: unknown;
    /** NLP.js's English stop words ("the", "would", "which"...). */
    export class StopwordsEn {
        dictionary: Record<string, boolean>;
    }
}
