/** Legacy text encodings (shift_jis, gbk, iso-8859-x, ...) decoded by the host's ICU TextDecoder. */

/** bytes null: the canonical encoding name for a label, or null. Otherwise the decoded text (null when fatal and invalid). */
export function legacyDecode(label: string, bytes: Uint8Array | null, fatal: boolean): string | null {
  try {
    const decoder = new TextDecoder(label, { fatal, ignoreBOM: true });
    return bytes === null ? decoder.encoding : decoder.decode(bytes);
  } catch {
    return null;
  }
}
