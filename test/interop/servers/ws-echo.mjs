// Echo server on the `ws` library with its default options, as its README shows; only the host and
// port are set. Text comes back as text and binary as binary (the isBinary flag of the message).
import { WebSocketServer } from 'ws';

const port = Number(process.argv[2]);
const wss = new WebSocketServer({ host: '127.0.0.1', port });

wss.on('connection', function connection(ws) {
  ws.on('error', console.error);
  ws.on('message', function message(data, isBinary) {
    ws.send(data, { binary: isBinary });
  });
});
