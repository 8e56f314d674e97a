// Cloudflare Workers / workerd entry (package.json "exports" condition "workerd").
import "./init-workerd.js";
export * from "./index.js";
