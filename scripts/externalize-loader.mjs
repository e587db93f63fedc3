// Trunk post_build step (run by post-build.mjs): moves trunk's inline wasm loader into a hashed same-origin module file,
// so that index.html runs under a Content-Security-Policy with no inline script.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const staging = process.env.TRUNK_STAGING_DIR;
const publicUrl = process.env.TRUNK_PUBLIC_URL || "/";
if (!staging) {
  console.error("externalize-loader: TRUNK_STAGING_DIR is not set; run me as a trunk hook");
  process.exit(1);
}
const indexPath = join(staging, "index.html");
const html = readFileSync(indexPath, "utf8");
const inline = /<script type="module"(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g;
const matches = [...html.matchAll(inline)];
if (matches.length !== 1) {
  console.error(`externalize-loader: expected one inline module script, found ${matches.length}`);
  process.exit(1);
}
const [whole, body] = matches[0];
const hash = createHash("sha256").update(body).digest("hex").slice(0, 16);
const file = `boot-${hash}.js`;
writeFileSync(join(staging, file), body.trim() + "\n");
writeFileSync(indexPath, html.replace(whole, `<script type="module" src="${publicUrl}${file}"></script>`));
console.log(`externalize-loader: wrote ${file}`);
