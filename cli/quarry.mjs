#!/usr/bin/env node
// The `quarry` command (package.json "bin"): see cli/main.mjs.
import { main } from "./main.mjs";

process.exitCode = await main(process.argv.slice(2));
