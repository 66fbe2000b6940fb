import packageJson from '../package.json' with { type: 'json' };

/** upbeat's version, from package.json (inlined into the bundle by esbuild). */
export const version: string = packageJson.version;
