// Reads a ZIP archive of stored (uncompressed) entries, as the app's multi-file exports are:
// its central directory, then each entry's bytes after its local header.

/** The archive's entries in order: path and text. */
export function storedEntries(zip: Buffer): { path: string; text: string }[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error("no end of central directory: not a ZIP archive");
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries = [];
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`entry ${n}: no central header`);
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const path = zip.toString("utf8", at + 46, at + 46 + nameLength);
    if (method !== 0) throw new Error(`${path}: compressed (method ${method}), not stored`);
    const data = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    entries.push({ path, text: zip.toString("utf8", data, data + size) });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
