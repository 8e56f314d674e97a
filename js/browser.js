// Browser / bundler entry (package.json "exports" conditions "browser" and "default").
import "./init-browser.js";
export * from "./index.js";
