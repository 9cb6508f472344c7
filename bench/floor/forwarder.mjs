/**
 * The web server's stand-in in the overhead bench's floor (bench/floor/stack.ts): a node:http server
 * that, per request, reads the body, forwards it (cut or padded to the daemon's request size) to the
 * next hop over a keep-alive node:http request (the daemon client's agent options and no-delay,
 * daemon-client/http-request.ts), reads that answer, and answers with the page's answer size.
 * No tRPC, no checks, no run store: the same transports doing nothing.
 *   node bench/floor/forwarder.mjs <next hop URL> <forwarded bytes> <answer bytes>
 * Prints its port on stdout once listening.
 */
import { Agent, createServer, request } from 'node:http';

const [next, forwardBytes, answerBytes] = process.argv.slice(2);
const agent = new Agent({ keepAlive: true });
const answer = Buffer.alloc(Number(answerBytes), 'x');

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.alloc(Number(forwardBytes), ' ');
    Buffer.concat(chunks).copy(body);
    const out = request(next, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
    });
    out.setNoDelay(true);
    out.on('response', (r) => {
      r.on('data', () => {});
      r.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/jsonl' });
        res.end(answer);
      });
    });
    out.on('error', (e) => {
      res.writeHead(502);
      res.end(e.message);
    });
    out.end(body);
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`));
process.on('SIGTERM', () => process.exit(0));
