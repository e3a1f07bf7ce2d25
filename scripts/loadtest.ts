/**
 * `npm run loadtest`: starts the worker with wrangler dev on 127.0.0.1, drives each endpoint
 * with autocannon at 16, 64 and 256 connections (bounded in requests and seconds, loopback
 * only), stops the server, and prints requests/s, p50/p99 latency, errors, non-2xx and peak
 * workerd memory per endpoint as JSON. Exits 1 on any error, any non-2xx from the worker, or any
 * 5xx. A 5xx without the worker's X-Request-Id header was written by wrangler dev's proxy, not by
 * the worker ("Your worker restarted mid-request": the local proxy chain lost a POST on a keep-alive
 * connection it reused while the runtime closed it, cloudflare/workers-sdk#14641); those are counted
 * apart as devProxyDrops and printed, and fail the run only when DEV_PROXY_DROPS_FAIL=1.
 * LOAD_ONLY=name,name limits the endpoints; LOAD_REQUESTS and LOAD_SECONDS bound each run.
 */
import autocannon from "autocannon";
import { startDevServer } from "../bench/dev-server.ts";
import { LOAD_TARGETS } from "../bench/load-targets.ts";

const LEVELS = [16, 64, 256];
const MAX_REQUESTS = Number(process.env.LOAD_REQUESTS ?? 3000);
/** A safety bound: runs end after their request count, well before this, so none is cut short. */
const MAX_SECONDS = Number(process.env.LOAD_SECONDS ?? 120);
/** A single isolate serves every connection: at 256 connections a queued request can wait seconds. */
const CLIENT_TIMEOUT_S = 60;
const only = process.env.LOAD_ONLY?.split(",");
const proxyDropsFail = process.env.DEV_PROXY_DROPS_FAIL === "1";
const targets = LOAD_TARGETS.filter((t) => !only || only.includes(t.name));

/**
 * Each autocannon connection is its own client (a distinct CF-Connecting-IP, which Cloudflare sets
 * in production and the local runtime takes from the request): the rate limiter still runs and is
 * part of the measured cost, but the load of many clients is not refused as one client's excess.
 */
let clients = 0;
function clientAddress(): string {
  const n = ++clients;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

const server = await startDevServer();
const rows = [];
let failures = 0;
try {
  for (const target of targets) {
    for (const connections of LEVELS) {
      let devProxyDrops = 0;
      const result = await autocannon({
        url: server.url + target.path,
        method: target.method,
        connections,
        timeout: CLIENT_TIMEOUT_S,
        amount: Math.max(MAX_REQUESTS, connections * 4),
        // Ending by count, not by the clock, so no request is cut off mid-flight and miscounted.
        duration: MAX_SECONDS,
        ...(target.body === undefined ? {} : { body: JSON.stringify(target.body) }),
        setupClient: (client) => {
          const headers: Record<string, string> = { "cf-connecting-ip": clientAddress() };
          if (target.body !== undefined) headers["content-type"] = "application/json";
          client.setHeaders(headers);
          // Autocannon emits the parser's status and raw header list [name, value, …] (its
          // typings say IncomingHttpHeaders, which is not what lib/httpClient.js passes).
          const onHeaders = (response: { statusCode: number; headers: string[] }) => {
            if (response.statusCode < 500) return;
            const fromWorker = response.headers.some((h, i) => i % 2 === 0 && h.toLowerCase() === "x-request-id");
            if (!fromWorker) devProxyDrops++;
          };
          client.on("headers", onHeaders as never);
        },
      });
      const row = {
        endpoint: target.name,
        connections,
        requests: result.requests.total,
        rps: Math.round(result.requests.average),
        p50Ms: result.latency.p50,
        p99Ms: result.latency.p99,
        errors: result.errors + result.timeouts,
        non2xx: result.non2xx,
        status5xx: result["5xx"],
        devProxyDrops,
        peakMemoryMiB: Math.round(server.peakMemoryMiB()),
      };
      const workerFailures = row.errors + row.non2xx - (proxyDropsFail ? 0 : devProxyDrops);
      if (workerFailures > 0) failures++;
      rows.push(row);
      console.error(JSON.stringify(row));
    }
  }
} finally {
  await server.stop();
}
console.log(JSON.stringify({ maxRequests: MAX_REQUESTS, maxSeconds: MAX_SECONDS, rows }, null, 2));
process.exit(failures === 0 ? 0 : 1);
