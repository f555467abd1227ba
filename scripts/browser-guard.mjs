// The web extension's bundles run where Node.js is not: any import of a Node.js module on their
// path (config discovery on disk, the CLI's file listing) fails the build, naming the importer.
import { builtinModules } from 'node:module';

const NODE_MODULE = new RegExp(`^(?:node:.*|(?:${builtinModules.map((m) => m.replace(/[/]/g, '\\/')).join('|')})(?:/.*)?)$`);

/** esbuild plugin for the browser bundles. */
export const noNodeModules = {
  name: 'no-node-modules',
  setup(build) {
    build.onResolve({ filter: NODE_MODULE }, (args) => ({
      errors: [{ text: `"${args.path}" is a Node.js module; the browser bundle cannot hold it (imported by ${args.importer})` }],
    }));
  },
};
