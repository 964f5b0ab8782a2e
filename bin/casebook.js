#!/usr/bin/env node
// Runs the TypeScript CLI directly through tsx, so there is no build step between a clone and `npx casebook`.
import { register } from 'tsx/esm/api';

register();
const { run } = await import('../src/cli/run.ts');
process.exitCode = await run(process.argv.slice(2));
