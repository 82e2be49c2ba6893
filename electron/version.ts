import pkg from '../package.json' with { type: 'json' };

/** The app's version, from package.json, baked in at build time. */
export const VERSION: string = pkg.version;
