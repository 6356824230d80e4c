#!/usr/bin/env node
// The package ships TypeScript source; register tsx's loader, then run the CLI.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
