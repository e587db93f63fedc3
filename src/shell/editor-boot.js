// Starts the editor (its own wasm, loaded after the first-load shell; see src/shell/mod.rs) and
// tells the shell's handoff object if it cannot. The editor shows itself once its library is
// shown (src/platform/handoff.rs).
try {
  const editor = await import("./scheduleflow-editor.js");
  const wasm = await editor.default({ module_or_path: new URL("scheduleflow-editor_bg.wasm", import.meta.url) });
  dispatchEvent(new CustomEvent("ScheduleFlowEditorStarted", { detail: { wasm } }));
} catch (error) {
  globalThis.scheduleflowHandoff?.failed(`${error}`);
}
