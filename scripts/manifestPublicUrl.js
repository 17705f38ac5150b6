/**
 * The manifest is written for the development origin. A production build rewrites it for the
 * origin the add-in is really served from; this module is that rewrite, kept apart from the
 * webpack config so it can be tested on its own.
 */
"use strict";

/** The origin every URL in manifest.xml uses. */
const DEV_URL = "https://localhost:3000/";
const DEV_ORIGIN = "https://localhost:3000";

/**
 * Checks and canonicalises a public URL: https only (Office loads add-ins only over https), no
 * query or fragment (file names are appended to it), characters that need no XML escaping, and
 * exactly one trailing slash so "https://host/app" and "https://host/app/" mean the same.
 */
function normalizePublicUrl(raw) {
  const text = String(raw == null ? "" : raw).trim();
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`ADDIN_PUBLIC_URL is not a URL: "${text}"`);
  }
  if (url.protocol !== "https:") throw new Error(`ADDIN_PUBLIC_URL must use https: "${text}"`);
  if (url.search || url.hash) throw new Error(`ADDIN_PUBLIC_URL must not have a query or fragment: "${text}"`);
  if (url.username || url.password) throw new Error(`ADDIN_PUBLIC_URL must not carry credentials: "${text}"`);
  const href = url.origin + url.pathname.replace(/\/*$/, "/");
  if (/[&<>"']/.test(href)) throw new Error(`ADDIN_PUBLIC_URL has characters a manifest cannot hold: "${text}"`);
  return href;
}

/**
 * The manifest with every development URL moved to publicUrl. "https://localhost:3000/x" becomes
 * publicUrl + "x"; a bare origin (as an AppDomain would be written) becomes publicUrl's origin.
 */
function substitutePublicUrl(manifestXml, publicUrl) {
  const base = normalizePublicUrl(publicUrl);
  const origin = new URL(base).origin;
  return String(manifestXml).split(DEV_URL).join(base).split(DEV_ORIGIN).join(origin);
}

module.exports = { DEV_URL, normalizePublicUrl, substitutePublicUrl };
