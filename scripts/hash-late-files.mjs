// Trunk post_build step (run by post-build.mjs, after externalize-loader.mjs): gives the files
// that the page loads after its first load — the editor and the import worker, which trunk
// builds under fixed names — names hashed from their contents, and tells the page which start
// script to load through a <meta> in index.html for each, so that a cache never hands a page the
// shell of one build and the editor or the worker of another.
import { createHash } from "node:crypto";
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error("hash-late-files: TRUNK_STAGING_DIR is not set; run me as a trunk hook");
  process.exit(1);
}
const late = [
  // The start script (which names the other two), the wasm-bindgen glue, the wasm; the <meta>.
  { start: "editor-boot.js", files: ["scheduleflow-editor.js", "scheduleflow-editor_bg.wasm"], meta: "scheduleflow-editor" },
  { start: "worker-loader.js", files: ["scheduleflow-worker.js", "scheduleflow-worker_bg.wasm"], meta: "scheduleflow-worker" },
];
const indexPath = join(staging, "index.html");
let html = readFileSync(indexPath, "utf8");
if (!html.includes("</head>")) {
  console.error("hash-late-files: index.html has no </head>");
  process.exit(1);
}
for (const { start, files, meta } of late) {
  const hash = createHash("sha256");
  for (const f of [start, ...files]) hash.update(f).update(readFileSync(join(staging, f)));
  const h = hash.digest("hex").slice(0, 16);
  let script = readFileSync(join(staging, start), "utf8");
  for (const from of files) {
    if (!script.includes(from)) {
      console.error(`hash-late-files: ${start} does not name ${from}`);
      process.exit(1);
    }
    const to = from.replace(/(_bg\.wasm|\.js)$/, `-${h}$1`);
    script = script.replaceAll(from, to);
    renameSync(join(staging, from), join(staging, to));
  }
  const hashedStart = start.replace(/\.js$/, `-${h}.js`);
  writeFileSync(join(staging, hashedStart), script);
  rmSync(join(staging, start));
  html = html.replace("</head>", `<meta name="${meta}" content="${hashedStart}" /></head>`);
  console.log(`hash-late-files: ${start} is ${hashedStart}`);
}
writeFileSync(indexPath, html);
