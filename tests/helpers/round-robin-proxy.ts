// A small round-robin HTTP proxy, the topology of docker-compose.yml (nginx in front of two app
// instances): each request goes to the next upstream in turn, and the response names the
// upstream that answered in X-Served-By, as deploy/nginx.conf does.
import http from "node:http";
import type { AddressInfo } from "node:net";

export type Proxy = { url: string; close: () => Promise<void> };

export async function startRoundRobinProxy(upstreams: string[]): Promise<Proxy> {
  let next = 0;
  // Keep-alive connections to the upstreams, as nginx's upstream keepalive does.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const server = http.createServer((request, response) => {
    const upstream = new URL(upstreams[next++ % upstreams.length]!);
    const forwarded = http.request(
      { host: upstream.hostname, port: upstream.port, method: request.method, path: request.url, headers: { ...request.headers, host: upstream.host }, agent },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, { ...answer.headers, "x-served-by": upstream.host });
        answer.pipe(response);
      },
    );
    forwarded.on("error", (error) => {
      response.writeHead(502, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: `upstream ${upstream.host}: ${error.message}`, code: "bad_gateway" }));
    });
    request.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
