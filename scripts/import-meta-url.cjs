// Injected into the CommonJS bundles by scripts/build.mjs: `import.meta.url` for bundled ESM code.
export const importMetaUrl = require('node:url').pathToFileURL(__filename).href;
