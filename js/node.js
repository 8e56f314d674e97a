// Node >= 20 entry (package.json "exports" condition "node").
import "./init-node.js";
export * from "./index.js";
