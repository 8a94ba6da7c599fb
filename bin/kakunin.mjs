#!/usr/bin/env node
// The `kakunin` command. Sources are TypeScript run through tsx, so there is no build step to forget.
// tsx is given the package's own tsconfig.json (JSX of the console pages), whatever the current
// folder: `npx kakunin serve` from /srv/kakunin or a systemd unit works like it does in the checkout.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2));
