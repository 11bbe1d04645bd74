// The package's parts beyond its main module, each loaded the first time the page needs it: the
// page starts on `care-outcomes/main` (catalogue, frameworks, evaluate, SPC and funnel charts) and
// imports `records` when a Client Level Data extract is derived, `publish` when the published
// table is downloaded and `toml` when a framework file in TOML is read. Each part is its own
// small wasm module (bindings-wasm/README.md); they exchange plain JS values only.
const IMPORTS = {
  records: () => import("care-outcomes/records"),
  publish: () => import("care-outcomes/publish"),
  toml: () => import("care-outcomes/toml"),
};
const loaded = new Map();

/** The part's module (a promise; each part is fetched and compiled once). */
export function part(name) {
  if (!IMPORTS[name]) throw new Error(`no part ${name}`);
  if (!loaded.has(name)) loaded.set(name, IMPORTS[name]());
  return loaded.get(name);
}
