// Trunk post_build hook: the steps that must run one after the other on the staged build (trunk
// starts the hooks of one stage together): first move the inline loader into a file, then hash the names of the files loaded later,
// then write the service worker, which lists every file, that one included.
await import("./externalize-loader.mjs");
await import("./hash-late-files.mjs");
await import("./service-worker.mjs");
