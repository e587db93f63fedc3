// Trunk post_build step (run by post-build.mjs, after externalize-loader.mjs): gives the editor's
// files (trunk builds it like a worker, under fixed names) names hashed from their contents, and
// tells the shell which start script to load through a <meta> in index.html, so that a cache
// never hands a page the shell of one build and the editor of another.
import { createHash } from "node:crypto";
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error("hash-editor: TRUNK_STAGING_DIR is not set; run me as a trunk hook");
  process.exit(1);
}
const js = "scheduleflow-editor.js";
const wasm = "scheduleflow-editor_bg.wasm";
const boot = "editor-boot.js";
const hash = createHash("sha256");
for (const f of [js, wasm, boot]) hash.update(f).update(readFileSync(join(staging, f)));
const h = hash.digest("hex").slice(0, 16);
const named = { [js]: `scheduleflow-editor-${h}.js`, [wasm]: `scheduleflow-editor-${h}_bg.wasm` };
let script = readFileSync(join(staging, boot), "utf8");
for (const [from, to] of Object.entries(named)) {
  if (!script.includes(from)) {
    console.error(`hash-editor: ${boot} does not name ${from}`);
    process.exit(1);
  }
  script = script.replaceAll(from, to);
  renameSync(join(staging, from), join(staging, to));
}
const hashedBoot = `editor-boot-${h}.js`;
writeFileSync(join(staging, hashedBoot), script);
rmSync(join(staging, boot));
const indexPath = join(staging, "index.html");
const html = readFileSync(indexPath, "utf8");
if (!html.includes("</head>")) {
  console.error("hash-editor: index.html has no </head>");
  process.exit(1);
}
writeFileSync(indexPath, html.replace("</head>", `<meta name="scheduleflow-editor" content="${hashedBoot}" /></head>`));
console.log(`hash-editor: the editor is ${named[wasm]}, started by ${hashedBoot}`);
