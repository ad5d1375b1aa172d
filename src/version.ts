declare const __SOCBRIDGE_VERSION__: string | undefined;

/** The package version, injected by tsup at build time (tests running from source read "0.0.0-dev"). */
export const VERSION: string = typeof __SOCBRIDGE_VERSION__ === 'string' ? __SOCBRIDGE_VERSION__ : '0.0.0-dev';
