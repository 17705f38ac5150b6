/**
 * What an answer's content is, in a few characters: two series objects with the same version
 * hold the same data, so text made from one serves the other. Series built afresh from the same
 * source (a CSV file not changed since) carry the version their source gives them; any other
 * object is its own version (the same object, the same content).
 */
const versions = new WeakMap<object, string>();
let unnamed = 0;

/** Marks `value` as holding exactly the content `version` names. */
export function setVersion<T extends object>(value: T, version: string): T {
  versions.set(value, version);
  return value;
}

export function versionOf(value: object): string {
  let version = versions.get(value);
  if (version === undefined) {
    version = `#${++unnamed}`;
    versions.set(value, version);
  }
  return version;
}

/** `derived`, made from `source` by a fixed rule named `how`, holds the same content whenever `source` does. */
export function deriveVersion<T extends object>(derived: T, source: object, how: string): T {
  versions.set(derived, `${versionOf(source)}|${how}`);
  return derived;
}
