/**
 * The daemon's stand-in in the overhead bench's floor (bench/floor/stack.ts): a node:http server
 * that, per request, reads the body, writes a frame of the executor's request size into the pipe of
 * a child process (./echo.cpp, spawned with piped stdio as daemon/executor-process.ts spawns the
 * executor), reads the child's answer of the executor's answer size back, and answers with the
 * daemon's answer size. No parsing, no checks, no plan: the same transports doing nothing.
 *   node bench/floor/piper.mjs <echo binary> <executor in bytes> <executor out bytes> <answer bytes>
 * Prints its port on stdout once listening.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';

const [echoPath, execIn, execOut, answerBytes] = process.argv.slice(2);
const frame = Buffer.alloc(8 + Number(execIn), 7);
frame.writeUInt32LE(Number(execIn), 0);
frame.writeUInt32LE(Number(execOut), 4);
const answer = Buffer.alloc(Number(answerBytes), 'x');

const child = spawn(echoPath, [], { stdio: ['pipe', 'pipe', 'inherit'], detached: true });
child.on('exit', (code) => {
  console.error(`floor piper: the echo process exited (${code})`);
  process.exit(1);
});
/** Requests waiting for their answer from the child, in order: each wants execOut bytes. */
const waiting = [];
let got = 0;
child.stdout.on('data', (chunk) => {
  got += chunk.length;
  while (waiting.length && got >= Number(execOut)) {
    got -= Number(execOut);
    waiting.shift()();
  }
});

const server = createServer((req, res) => {
  req.on('data', () => {});
  req.on('end', () => {
    waiting.push(() => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(answer);
    });
    child.stdin.write(frame);
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`));
process.on('SIGTERM', () => {
  child.kill();
  process.exit(0);
});
