// `import` of the installed package in plain Node (no TypeScript, no bundler); prints what exercise.cjs found.
import { fileURLToPath } from 'node:url';
import * as lib from '@tessera/node';
import { exercise } from './exercise.cjs';

const result = await exercise(lib);
result.resolved = fileURLToPath(import.meta.resolve('@tessera/node'));
console.log(JSON.stringify(result));
