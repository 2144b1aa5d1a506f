// The ws echo server of ws-echo.mjs with compression on: perMessageDeflate with threshold 0, so that
// every reply is compressed, and no other setting changed (both takeovers, 15-bit windows, offers
// with parameters granted as asked).
import { WebSocketServer } from 'ws';

const port = Number(process.argv[2]);
const wss = new WebSocketServer({ host: '127.0.0.1', port, perMessageDeflate: { threshold: 0 } });

wss.on('connection', function connection(ws) {
  ws.on('error', console.error);
  ws.on('message', function message(data, isBinary) {
    ws.send(data, { binary: isBinary });
  });
});
