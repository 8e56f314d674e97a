// A static file server for one folder (the built playground), for `make demo`
// and the tests. GET/HEAD only, no directory listings, nothing outside the
// folder; `/` serves index.html.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";

export const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".map": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};

/**
 * Serves `dir` on http://host:port/ (port 0: any free one). Resolves to
 * `{ server, url, log, close() }`; `log` holds "STATUS /path" per request.
 */
export function serveStatic(dir, { host = "127.0.0.1", port = 0 } = {}) {
  const base = normalize(dir.endsWith(sep) ? dir : dir + sep);
  const log = [];
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    const file = normalize(join(base, path.endsWith("/") ? path + "index.html" : path));
    let status = 200;
    try {
      if (req.method !== "GET" && req.method !== "HEAD") throw Object.assign(new Error(), { status: 405 });
      if (!file.startsWith(base)) throw Object.assign(new Error(), { status: 403 });
      if (!(await stat(file)).isFile()) throw Object.assign(new Error(), { status: 404 });
      const body = await readFile(file);
      res.writeHead(200, { "content-type": MIME[extname(file)] ?? "application/octet-stream", "content-length": body.length, "cache-control": "no-cache" });
      res.end(req.method === "HEAD" ? undefined : body);
    } catch (e) {
      status = e.status ?? 404;
      res.writeHead(status, { "content-type": "text/plain; charset=utf-8" }).end(`${status} ${path}`);
    }
    log.push(`${status} ${path}`);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      const close = () => {
        server.closeAllConnections();
        return new Promise((r) => server.close(r));
      };
      resolve({ server, log, url: `http://${host}:${server.address().port}/`, close });
    });
  });
}
