// node render-resume.mjs resume.json: the HTML the JSON Resume theme "even" makes of it.
// (The theme is ESM-only on Node 20; its render() is synchronous.)
import { readFileSync } from "node:fs";
import { render } from "jsonresume-theme-even";

process.stdout.write(render(JSON.parse(readFileSync(process.argv[2], "utf8"))));
