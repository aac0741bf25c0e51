/* Lets a forked Node process run the TypeScript test helpers (jest's transform does not reach children). */
const fs = require('fs');
const path = require('path');
const { transformSync } = require('@swc/core');

const root = path.resolve(__dirname, '../../..');
const { $schema: _schema, ...swc } = JSON.parse(fs.readFileSync(path.join(root, '.swcrc'), 'utf8'));

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    ...swc,
    filename,
    sourceMaps: 'inline',
  });
  module._compile(code, filename);
};

require('tsconfig-paths').register({
  baseUrl: root,
  paths: JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf8')).compilerOptions.paths,
});
