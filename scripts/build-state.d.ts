// Types of scripts/build-state.js, which stays JavaScript so that it runs before any build.
export declare const BUILD_SOURCES: readonly string[];
export declare const BUILD_STAMP: string;
export declare function buildIsFresh(root?: string): boolean;
