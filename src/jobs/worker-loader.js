// Starts the import worker: loads wasm-bindgen's no-modules glue, then the worker's wasm, whose
// main() starts listening (src/jobs/worker.rs). Copied to dist/ by trunk.
importScripts("./scheduleflow-worker.js");
// The started worker's exports, its memory among them (read by the memory benchmark).
self.scheduleflow = wasm_bindgen({ module_or_path: "./scheduleflow-worker_bg.wasm" });
