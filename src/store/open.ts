/**
 * Opens the store the configuration names: the JSON file (the default, one instance) or Azure Blob
 * Storage (any number of instances). Callers get the same `Store` either way.
 */
import type { Config } from '../config.js';
import { openStore, readSeed, type Store } from './store.js';

export interface OpenConfiguredOptions {
    /** Create a missing store from the configured seed file (what the bot does on start). */
    seed?: boolean;
}

/** Opens the configured store. Throws a StoreError that names the file or blob for anything wrong. */
export async function openConfiguredStore(
    config: Pick<Config, 'store' | 'seedFile' | 'demoFile'>,
    options: OpenConfiguredOptions = {},
): Promise<Store> {
    const s = config.store;
    if (s.backend === 'file') {
        return openStore({
            file: s.file,
            seedFile: options.seed ? config.seedFile : undefined,
            demoFile: config.demoFile,
            leaseMs: s.leaseSeconds * 1000,
        });
    }
    // Loaded only when used: the Azure SDK adds start-up time a file store does not need.
    const { openAzureBlobStore } = await import('./azureBlob.js');
    return openAzureBlobStore({
        location: s,
        create: options.seed ? () => readSeed(config.seedFile, config.demoFile) : undefined,
        refreshMs: s.refreshMs,
        leaseSeconds: s.leaseSeconds,
    });
}
