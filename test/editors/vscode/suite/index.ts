// The entry VS Code's extension host calls (--extensionTestsPath): runs the suite with mocha.
import { join } from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', timeout: 60_000, color: false });
  // Bundled beside this file by run.ts.
  mocha.addFile(join(__dirname, 'report.test.cjs'));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} VS Code test(s) failed`)) : resolve()));
  });
}
