import { createServer } from 'node:http';

/**
 * The baseline of the HTTP benchmarks: a bare Node http server that reads the same requests, parses
 * their JSON and answers as Segment does, with no validation, storage or auth. Kairos' throughput is
 * reported as a ratio to this, measured in the same run on the same machine.
 */
const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    JSON.parse(Buffer.concat(chunks).toString('utf8'));
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"success":true}');
  });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ msg: 'Kairos is listening', url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
