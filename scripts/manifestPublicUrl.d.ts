/** The origin every URL in manifest.xml uses. */
export declare const DEV_URL: string;
/** https URL with one trailing slash; throws an Error saying what is wrong otherwise. */
export declare function normalizePublicUrl(raw: unknown): string;
/** The manifest text with every development URL moved to publicUrl. */
export declare function substitutePublicUrl(manifestXml: string, publicUrl: string): string;
