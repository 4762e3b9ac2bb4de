// `require` of the installed package in plain Node (no TypeScript, no bundler); prints what exercise.cjs found.
const lib = require('@tessera/node');
const { exercise } = require('./exercise.cjs');

exercise(lib).then((result) => {
  result.resolved = require.resolve('@tessera/node');
  console.log(JSON.stringify(result));
});
